// Malformed input must end in an ImportError (or a successful read), never in a crash or
// another exception type: every importer is fed a few hundred mutated copies of a valid file.
#include <catch2/catch.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/io/importers/alibaba_gpu.hpp"
#include "sim/io/importers/alibaba_machines.hpp"
#include "sim/io/importers/event_table.hpp"
#include "sim/io/importers/fta_reader.hpp"
#include "sim/io/importers/lanl_failures.hpp"
#include "sim/io/importers/prometheus_json.hpp"
#include "sim/io/importers/swf_reader.hpp"
#include "sim/io/importers/telemetry_csv.hpp"
#include "sim/io/importers/vm_utilisation.hpp"
#include "test_files.hpp"

using namespace fleetsim::io;
using fleetsim::test::TempFile;

namespace {

struct Mutator {
  std::uint64_t state;
  std::uint64_t next() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  }
  std::string mutate(std::string s) {
    static const std::string kAlphabet = "0123456789-.,;:\"\\{}[]\t\n #eE+NULaz\x01\xff";
    const int edits = 1 + static_cast<int>(next() % 4);
    for (int e = 0; e < edits && !s.empty(); ++e) {
      const std::size_t pos = next() % s.size();
      switch (next() % 4) {
        case 0:
          s[pos] = kAlphabet[next() % kAlphabet.size()];
          break;  // replace
        case 1:
          s.insert(pos, 1, kAlphabet[next() % kAlphabet.size()]);
          break;  // insert
        case 2:
          s.erase(pos, 1 + next() % 8);
          break;  // delete
        default:
          s.resize(pos);
          break;  // truncate
      }
    }
    return s;
  }
};

// Runs read on mutated copies; returns how many were rejected with an ImportError.
int fuzz(const std::string& valid, const std::string& suffix,
         const std::function<void(const std::string&)>& read, int rounds = 300) {
  Mutator m{0x9E3779B97F4A7C15ull ^ std::hash<std::string>{}(suffix + valid)};
  int rejected = 0;
  for (int i = 0; i < rounds; ++i) {
    const TempFile f(m.mutate(valid), suffix);
    try {
      read(f.path());
    } catch (const ImportError& e) {
      ++rejected;
      REQUIRE(e.file() == f.path());
      REQUIRE(std::string(e.what()).rfind(f.path() + ":", 0) == 0);
    }
  }
  return rejected;
}

}  // namespace

TEST_CASE("importers reject mutated input with located errors only", "[importers][robustness]") {
  CHECK(fuzz("; MaxProcs: 64\n; UnixStartTime: 5\n1 0 5 100 4 -1 -1 4 3600 -1 1 1 1 -1 1 -1 -1 -1\n"
             "2 10 0 50 8 1.5 -1 8 3600 -1 5 2 1 -1 1 -1 1 30\n",
             ".swf", [](const std::string& p) { read_swf(p); }) > 0);
  CHECK(fuzz("# event_id component_id node_id platform_id node_name event_type event_start_time "
             "event_stop_time event_end_reason\n 0\t0\t0\t5\tG1/n1\t0\t100\t200\tNULL\n"
             " 1\t0\t0\t5\tG1/n1\t1\t200\t300\tNULL\n",
             ".tab",
             [](const std::string& p) { availability_by_node(read_fta_event_trace(p)); }) > 0);
  CHECK(
      fuzz("System,machine type,nodes,procstot,procsinnode,nodenum,nodenumz,node install,node prod,"
           "node decom,fru type,mem,cputype,memtype,num intercon,purpose,Prob Started,Prob Fixed,"
           "Down Time,Facilities,Hardware,Human Error,Network,Undetermined,Software,Same Event\n"
           "2,cluster,49,6152,128,1,1,Nov-96,Jan-97,5-Nov,part,32,1,1,12,compute,4/19/2001 3:27,"
           "4/19/2001 3:48,21,,,,,,\"MPI, PVM\",No\n",
           ".csv", [](const std::string& p) { read_lanl_failures(p); }) > 0);
  CHECK(fuzz("m_1,0,219,17,96,100,USING\nm_1,148984,219,17,96,100,USING\n", ".csv",
             [](const std::string& p) { machine_events(read_alibaba_machine_meta(p)); }) > 0);
  CHECK(fuzz("sn,cpu_milli,memory_mib,gpu,model\nn0,32000,262144,0,\nn1,96000,786432,8,V100M16\n",
             ".csv", [](const std::string& p) { read_alibaba_gpu_nodes(p); }) > 0);
  CHECK(fuzz("name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,"
             "deletion_time,scheduled_time\np0,12000,16384,1,1000,A|B,LS,Running,0,12537496,0\n",
             ".csv", [](const std::string& p) { read_alibaba_gpu_pods(p); }) > 0);
  CHECK(fuzz("timestamp,metric,zone,value\n1700000000,cpu,a,0.5\n2023-11-14T22:13:20Z,cpu,b,NaN\n",
             ".csv", [](const std::string& p) { read_telemetry_csv(p); }) > 0);
  CHECK(
      fuzz(
          R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"up","a":"\u00e9"},"values":[[1700000000,"1"],[1700000015.5,"+Inf"]]}]}})",
          ".json", [](const std::string& p) { read_prometheus_json(p); }, 600) > 0);
  CHECK(fuzz("id,start,end\na,2014-03-07T10:00:00Z,2014-03-07T11:30:00+01:00\nb,5,\n", ".csv",
             [](const std::string& p) { read_event_table(p); }) > 0);
  CHECK(fuzz("day,vm,t000,t001\n20110303,vm a,5,7\n", ".csv",
             [](const std::string& p) { read_planetlab_cpu(p); }) > 0);
  CHECK(fuzz("vm,month,timestamp_s,cpu_capacity_provisioned_mhz,cpu_usage_mhz,cpu_usage_pct\n"
             "1,2013-7,100,5851.9,87.7,1.5\n1,2013-7,400,5851.9,29.2,0.5\n",
             ".csv", [](const std::string& p) { read_bitbrains_cpu(p); }) > 0);
}
