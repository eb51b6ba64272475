/// Same seed, same results: a multi-zone scenario with cross-zone forwarding gives the
/// same metrics and the same event log for 1, 2 and 4 threads; a different seed does not.

#include <catch2/catch.hpp>

#include "tests/support/run_model.hpp"
#include "tests/support/scenario_builder.hpp"

using namespace fleetsim;

namespace {

scenario::Scenario busy_three_zones() {
  auto s = testing::fleet(3, 2, 5);  // 30 hosts
  s.seed = 11;
  s.duration = days(3);
  s.warmup = hours(2);
  s.sample_interval = minutes(30);
  s.policies.overflow_after = minutes(2);
  s.workloads.push_back(testing::service("web", 60, testing::resources(8, 32), scenario::SpreadLevel::Rack));
  // Enough batch load that queues form and jobs get forwarded between zones.
  s.workloads.push_back(testing::batch("etl", 40.0 / 3600, testing::exponential(3600), testing::resources(32, 64)));
  return s;
}

bool same_events(const std::vector<io::TraceEvent>& a, const std::vector<io::TraceEvent>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].time_us != b[i].time_us || a[i].kind != b[i].kind || a[i].component != b[i].component ||
        a[i].workload != b[i].workload || a[i].zone != b[i].zone || a[i].value != b[i].value) {
      return false;
    }
  }
  return true;
}

}  // namespace

TEST_CASE("a multi-zone run is identical for 1, 2 and 4 threads", "[model][determinism]") {
  const auto s = busy_three_zones();
  const auto base = testing::run(s, 1, true);
  REQUIRE(base.partitions == 4);  // three zones and the control partition
  REQUIRE(base.messages > 0);  // jobs really crossed zones
  REQUIRE(base.results.metrics.at("workload.etl.forwarded") > 0);
  for (unsigned threads : {2u, 4u}) {
    const auto other = testing::run(s, threads, true);
    INFO("threads " << threads);
    CHECK(other.events == base.events);
    CHECK(other.results.metrics == base.results.metrics);
    CHECK(same_events(other.results.events, base.results.events));
    CHECK(other.results.series.size() == base.results.series.size());
    for (std::size_t i = 0; i < base.results.series.size(); ++i) {
      CHECK(other.results.series[i].values == base.results.series[i].values);
    }
  }
  auto reseeded = s;
  reseeded.seed = 12;
  CHECK(testing::run(reseeded).results.metrics != base.results.metrics);
}
