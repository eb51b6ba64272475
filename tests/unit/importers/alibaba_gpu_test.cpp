#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <vector>

#include "sim/io/importers/alibaba_gpu.hpp"
#include "test_files.hpp"

using namespace fleetsim::io;
using fleetsim::test::TempFile;

namespace {

template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const ImportError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("GPU nodes and pods parse by column name", "[importers][alibaba_gpu]") {
  // Columns in another order than the trace's, to show they are found by name.
  const std::string nodes =
      "model,sn,gpu,cpu_milli,memory_mib\n,cpu-node,0,32000,262144\nV100M16,g-node,8,96000,"
      "786432\n";
  const std::string pods =
      "name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_"
      "time,scheduled_time\n"
      "p0,12000,16384,1,1000,,LS,Running,0,12537496,0\n"
      "p1,6000,12288,1,460,V100M16|V100M32,BE,Pending,10001278,10001403,\n"
      "p2,4000,8192,0,0,,Burstable,Running,5,,9\n";
  for (const char* suffix : {".csv", ".csv.gz"}) {
    const TempFile nf(nodes, suffix);
    const auto n = read_alibaba_gpu_nodes(nf.path());
    REQUIRE(n.size() == 2);
    CHECK(n[0].name == "cpu-node");
    CHECK(n[0].gpus == 0);
    CHECK(n[0].gpu_model.empty());
    CHECK(n[1].gpu_model == "V100M16");
    CHECK(n[1].cpu_milli == 96000);
    CHECK(n[1].memory_mib == 786432);
    const TempFile pf(pods, suffix);
    const auto p = read_alibaba_gpu_pods(pf.path());
    REQUIRE(p.size() == 3);
    CHECK(p[0].gpu_spec.empty());
    CHECK(p[0].scheduled_s == 0);
    CHECK(p[1].gpu_milli == 460);
    CHECK(p[1].gpu_spec == std::vector<std::string>{"V100M16", "V100M32"});
    CHECK(p[1].qos == "BE");
    CHECK(p[1].phase == "Pending");
    CHECK_FALSE(p[1].scheduled_s);
    CHECK(p[1].deletion_s == 10001403);
    CHECK_FALSE(p[2].deletion_s);
    CHECK(p[2].scheduled_s == 9);
  }
}

TEST_CASE("malformed GPU node and pod lists are rejected at file:line",
          "[importers][alibaba_gpu]") {
  const std::string missing = fleetsim::test::fixture("gpu_nodes_missing_column.csv");
  CHECK(error_of([&] { read_alibaba_gpu_nodes(missing); }) ==
        missing + ":1: missing column 'model' (the header has: sn, cpu_milli, memory_mib, gpu)");
  const std::string spec = fleetsim::test::fixture("gpu_pods_bad_spec.csv");
  CHECK(error_of([&] { read_alibaba_gpu_pods(spec); }) ==
        spec + ":4: gpu_spec: empty model name in 'V100M16|'");
  const std::string order = fleetsim::test::fixture("gpu_pods_scheduled_before_creation.csv");
  CHECK(error_of([&] { read_alibaba_gpu_pods(order); }) ==
        order + ":2: scheduled_time 99 is before creation_time 100");
  const TempFile milli(
      "name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_"
      "time,scheduled_time\n"
      "p0,1,1,1,1001,,LS,Running,0,,\n",
      ".csv");
  CHECK(error_of([&] { read_alibaba_gpu_pods(milli.path()); }) ==
        milli.path() + ":2: gpu_milli: value '1001' is above 1000");
}

TEST_CASE("Alibaba GPU 2023: the full openb node and pod lists",
          "[importers][alibaba_gpu][realdata]") {
  FLEETSIM_REQUIRE_DATA(node_path, "cloud-alibaba-gpu-2023-openb/openb_node_list_all_node.csv");
  FLEETSIM_REQUIRE_DATA(pod_path, "cloud-alibaba-gpu-2023-openb/openb_pod_list_default.csv");
  const auto nodes = read_alibaba_gpu_nodes(node_path);
  REQUIRE(nodes.size() == 1523);
  std::map<std::string, int> models;
  std::map<int, int> gpus;
  for (const auto& n : nodes) {
    ++models[n.gpu_model];
    ++gpus[n.gpus];
  }
  CHECK(models["G2"] == 549);
  CHECK(models["T4"] == 404);
  CHECK(models[""] == 310);
  CHECK(models["V100M32"] == 30);
  CHECK(gpus[8] == 617);
  CHECK(gpus[2] == 518);
  CHECK(nodes.back().name == "openb-node-1522");
  CHECK(nodes.back().memory_mib == 393216);

  const auto pods = read_alibaba_gpu_pods(pod_path);
  REQUIRE(pods.size() == 8152);
  std::map<std::string, int> phases;
  std::vector<std::int64_t> delays;
  std::int64_t last_creation = 0;
  for (const auto& p : pods) {
    ++phases[p.phase];
    if (p.scheduled_s) delays.push_back(*p.scheduled_s - p.creation_s);
    last_creation = std::max(last_creation, p.creation_s);
  }
  CHECK(phases["Running"] == 5193);
  CHECK(phases["Failed"] == 1870);
  CHECK(phases["Pending"] == 897);
  CHECK(phases["Succeeded"] == 192);
  CHECK(last_creation == 12901761);
  REQUIRE(delays.size() == 7255);
  CHECK(*std::max_element(delays.begin(), delays.end()) == 14330);
  std::nth_element(delays.begin(), delays.begin() + 3627, delays.end());
  CHECK(delays[3627] == 2);  // the median scheduling delay, 2 s
  CHECK(pods[1].name == "openb-pod-0001");
  CHECK(pods[1].gpu_milli == 460);
  CHECK(pods[1].creation_s == 427061);
  CHECK(pods[1].deletion_s == 12902960);
}
