/// Same seed, same results with failures, remediation and on-call people: a three-zone
/// fleet with host, rack and power-feed failures, a ladder whose last rung pages a person
/// in the control partition (pages and results cross partitions), batch work and a
/// rack-spread service gives the same metrics, series and event log for 1, 2 and 4 threads.

#include <catch2/catch.hpp>

#include "tests/support/failure_builder.hpp"
#include "tests/support/run_model.hpp"
#include "tests/support/scenario_builder.hpp"

using namespace fleetsim;

TEST_CASE("failures, remediation and on-call are identical for 1, 2 and 4 threads", "[model][determinism][failures]") {
  auto s = testing::fleet(3, 4, 10, 2);  // 120 hosts
  s.seed = 17;
  s.duration = days(10);
  s.warmup = days(1);
  s.sample_interval = hours(1);
  s.workloads.push_back(testing::service("web", 240, testing::resources(8, 32), scenario::SpreadLevel::Rack));
  s.workloads.push_back(testing::batch("etl", 20.0 / 3600, testing::exponential(3600), testing::resources(16, 64)));
  s.failures.push_back(testing::failure("host", testing::exponential(8 * 86400), testing::exponential(3 * 3600)));
  s.failures.push_back(testing::failure("rack", testing::exponential(60 * 86400), testing::fixed(3600)));
  s.failures.push_back(testing::failure("power_feed", testing::exponential(30 * 86400), testing::fixed(2 * 3600)));
  s.operations.remediation = testing::remediation("ladder");
  s.operations.remediation->detection_delay = testing::exponential(180);
  s.operations.remediation->max_per_zone = scenario::Quantity{5, true};
  s.operations.remediation->actions = {testing::action("reboot", 0.4)};
  auto t = testing::team("ops", 1);
  t.response = testing::exponential(900);
  t.off_hours_response = testing::exponential(2400);
  s.operations.oncall.push_back(t);

  const auto base = testing::run(s, 1, true);
  const auto& m = base.results.metrics;
  REQUIRE(m.at("oncall.pages") > 5);      // pages and their results crossed partitions
  REQUIRE(m.at("failures.rack.outages") + m.at("failures.power_feed.outages") > 0);
  REQUIRE(base.messages > 10);
  for (unsigned threads : {2u, 4u}) {
    const auto other = testing::run(s, threads, true);
    INFO("threads " << threads);
    CHECK(other.events == base.events);
    CHECK(other.results.metrics == base.results.metrics);
    CHECK(other.results.events.size() == base.results.events.size());
    CHECK(testing::event_log_differences(base, other) == 0);
    for (std::size_t i = 0; i < base.results.series.size(); ++i) {
      CHECK(other.results.series[i].values == base.results.series[i].values);
    }
  }
}
