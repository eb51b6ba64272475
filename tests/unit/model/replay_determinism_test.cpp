/// A trace replay dealt over three zones (with EASY backfilling, a VM workload following a
/// demand trace, and a service) gives the same metrics, per-job table, series and event
/// log for 1, 2 and 4 threads.

#include <cmath>

#include <catch2/catch.hpp>

#include "tests/support/run_model.hpp"
#include "tests/support/scenario_builder.hpp"
#include "tests/unit/importers/test_files.hpp"

using namespace fleetsim;

namespace {

std::string synthetic_log() {
  std::string s = "; MaxProcs: 64\n";
  std::uint64_t x = 12345;
  long long t = 0;
  for (int j = 1; j <= 1500; ++j) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    t += static_cast<long long>((x >> 33) % 240);
    const long long run = 60 + static_cast<long long>((x >> 20) % 7200);
    const long long procs = 1 + static_cast<long long>((x >> 45) % 48);
    const long long req = run * (1 + static_cast<long long>((x >> 50) % 3));
    s += std::to_string(j) + " " + std::to_string(t) + " " + std::to_string((x >> 40) % 900) + " " +
         std::to_string(run) + " " + std::to_string(procs) + " -1 -1 " + std::to_string(procs) + " " +
         std::to_string(req) + " -1 1 1 1 1 1 1 -1 -1\n";
  }
  return s;
}

bool same_tables(const std::vector<io::ColumnTable>& a, const std::vector<io::ColumnTable>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t t = 0; t < a.size(); ++t) {
    for (std::size_t c = 0; c < a[t].columns.size(); ++c) {
      const auto& x = a[t].columns[c].values;
      const auto& y = b[t].columns[c].values;
      if (x.size() != y.size()) return false;
      for (std::size_t i = 0; i < x.size(); ++i) {
        if (!(x[i] == y[i] || (std::isnan(x[i]) && std::isnan(y[i])))) return false;
      }
    }
  }
  return true;
}

}  // namespace

TEST_CASE("a multi-zone trace replay is identical for 1, 2 and 4 threads", "[model][replay][determinism]") {
  const test::TempFile log(synthetic_log(), ".swf");
  const test::TempFile demand("vm,t000,t001,t002,t003\na,10,20,30,40\nb,5,50,95,0\nc,1,2,3,4\n", "_20110303.csv");
  auto s = testing::fleet(3, 2, 2, 0);  // 3 zones x 4 hosts x 64 cpu
  s.seed = 5;
  s.duration = days(6);
  s.sample_interval = minutes(30);
  s.policies.queue.name = "easy";
  scenario::Workload w;
  w.name = "log";
  w.kind = scenario::WorkloadKind::Trace;
  w.trace_format = "swf";
  w.trace_file = log.path();
  w.resources.v[scenario::kCpu] = 1000;
  s.workloads.push_back(w);
  auto vms = testing::service("vms", 30, testing::resources(2, 4), scenario::SpreadLevel::Zone);
  vms.kind = scenario::WorkloadKind::Vm;
  vms.demand = scenario::VmDemandTrace{"planetlab", demand.path(), std::nullopt, "repeat"};
  s.workloads.push_back(vms);
  s.workloads.push_back(testing::service("web", 12, testing::resources(4, 8)));

  const auto base = testing::run(s, 1, true);
  REQUIRE(base.partitions == 4);
  REQUIRE(base.results.tables.size() == 1);
  REQUIRE(base.results.metrics.at("trace.log.jobs") == 1500);
  REQUIRE(base.results.metrics.at("trace.log.started") == 1500);
  REQUIRE(base.results.metrics.at("trace.log.wait_mean_s") > 0);  // queues formed
  REQUIRE(base.results.metrics.at("vm.vms.cpu_demand_mean") > 0);
  for (unsigned threads : {2u, 4u}) {
    const auto other = testing::run(s, threads, true);
    INFO("threads " << threads);
    CHECK(other.events == base.events);
    CHECK(other.results.metrics == base.results.metrics);
    CHECK(same_tables(other.results.tables, base.results.tables));
    REQUIRE(other.results.series.size() == base.results.series.size());
    for (std::size_t i = 0; i < base.results.series.size(); ++i) {
      CHECK(other.results.series[i].values == base.results.series[i].values);
    }
    CHECK(other.results.events.size() == base.results.events.size());
    CHECK(testing::event_log_differences(base, other) == 0);
  }
}
