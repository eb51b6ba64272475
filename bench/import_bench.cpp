// Times each importer on the full real data files in ../shared/data (or the folder given
// as the first argument). Figures go to docs; nothing here is asserted.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>

#include "sim/io/importers/alibaba_gpu.hpp"
#include "sim/io/importers/alibaba_machines.hpp"
#include "sim/io/importers/fta_reader.hpp"
#include "sim/io/importers/import_error.hpp"
#include "sim/io/importers/json_reader.hpp"
#include "sim/io/importers/lanl_failures.hpp"
#include "sim/io/importers/swf_reader.hpp"
#include "sim/io/importers/telemetry_csv.hpp"
#include "sim/io/importers/vm_utilisation.hpp"

namespace {

using namespace fleetsim::io;

// Runs fn `repeats` times and prints the best wall time and the row count it returns.
void bench(const char* name, const std::string& path, const std::function<std::size_t()>& fn,
           int repeats = 3) {
  if (!std::filesystem::exists(path)) {
    std::printf("%-34s skipped (missing %s)\n", name, path.c_str());
    return;
  }
  double best = 1e300;
  std::size_t rows = 0;
  for (int i = 0; i < repeats; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    rows = fn();
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (s < best) best = s;
  }
  const double mb = static_cast<double>(std::filesystem::file_size(path)) / 1e6;
  std::printf("%-34s %9zu rows  %8.3f s  (%6.1f MB on disk)\n", name, rows, best, mb);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string d = argc > 1 ? argv[1] : std::string(FLEETSIM_DATA_DIR);
  try {
    bench("swf cea-curie-2011 (gz)", d + "/swf-cea-curie-2011/CEA-Curie-2011-2.1-cln.swf.gz", [&] {
      return read_swf(d + "/swf-cea-curie-2011/CEA-Curie-2011-2.1-cln.swf.gz").jobs.size();
    });
    bench("swf unilu-gaia-2014 (gz)", d + "/swf-unilu-gaia-2014/UniLu-Gaia-2014-1.swf.gz", [&] {
      return read_swf(d + "/swf-unilu-gaia-2014/UniLu-Gaia-2014-1.swf.gz").jobs.size();
    });
    const std::string fta = d + "/failures-fta-grid5000-2005-2006/event_trace.tab.gz";
    bench("fta grid5000 event_trace (gz)", fta,
          [&] { return read_fta_event_trace(fta).intervals.size(); });
    bench("fta grid5000 + availability", fta,
          [&] { return availability_by_node(read_fta_event_trace(fta)).size(); });
    const std::string lanl =
        d + "/failures-lanl-hpc-1996-2005/LA-UR-05-7318-failure-data-1996-2005.csv.gz";
    bench("lanl outages (gz)", lanl, [&] { return read_lanl_failures(lanl).size(); });
    const std::string meta = d + "/cloud-alibaba-2018-machines/machine_meta.csv";
    bench("alibaba 2018 machine_meta", meta,
          [&] { return read_alibaba_machine_meta(meta).size(); });
    bench("alibaba 2018 machine events", meta,
          [&] { return machine_events(read_alibaba_machine_meta(meta)).size(); });
    const std::string pods = d + "/cloud-alibaba-gpu-2023-openb/openb_pod_list_default.csv";
    bench("alibaba gpu pods", pods, [&] { return read_alibaba_gpu_pods(pods).size(); });
    const std::string nodes = d + "/cloud-alibaba-gpu-2023-openb/openb_node_list_all_node.csv";
    bench("alibaba gpu nodes", nodes, [&] { return read_alibaba_gpu_nodes(nodes).size(); });
    const std::string pl = d + "/telemetry-planetlab-vm-cpu-2011/planetlab_cpu_10days_2011.csv.gz";
    bench("planetlab 10 days (gz)", pl, [&] { return read_planetlab_cpu(pl).size(); });
    const std::string bb =
        d + "/telemetry-bitbrains-rnd-vms-2013/bitbrains_rnd_vm1-20_2013-07_to_09.csv.gz";
    bench("bitbrains rnd 20 VMs (gz)", bb, [&] {
      std::size_t n = 0;
      for (const auto& s : read_bitbrains_cpu(bb)) n += s.times_s.size();
      return n;
    });
    const std::string mem = d + "/telemetry-alibaba-genai-serving-2026/pod_memory_util_anon.csv.gz";
    TelemetryCsvOptions genai;
    genai.time_column = "timestamp_anon";
    bench("telemetry csv genai memory (gz)", mem, [&] {
      std::size_t n = 0;
      for (const auto& s : read_telemetry_csv(mem, genai)) n += s.times_s.size();
      return n;
    });
    const std::string labels = d + "/telemetry-nab-aws-cloudwatch/labels/combined_labels.json";
    bench("json nab combined_labels", labels,
          [&] { return read_json_file(labels).as_object().size(); });
  } catch (const ImportError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  return 0;
}
