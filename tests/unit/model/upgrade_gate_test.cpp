/// Bad versions, health gates, halt and rollback; and determinism of upgrades and
/// rollouts for 1, 2 and 4 threads.

#include <catch2/catch.hpp>

#include "tests/support/run_model.hpp"
#include "tests/support/scenario_builder.hpp"

using namespace fleetsim;

namespace {

/// 3 zones x 10 racks x 20 hosts = 600 hosts, a web service with a 5% budget.
scenario::Scenario busy_fleet() {
  auto s = testing::fleet(3, 10, 20);
  s.seed = 5;
  s.duration = days(8);
  auto web = testing::service("web", 1200, testing::resources(4, 16), scenario::SpreadLevel::Zone);
  web.disruption_budget.max_unavailable = scenario::Quantity{5, true};
  s.workloads.push_back(web);
  return s;
}

scenario::Upgrade bad_upgrade() {
  scenario::Upgrade u;
  u.name = "kernel";
  u.version = "6.1";
  u.start = hours(6);
  u.strategy.name = "rolling";
  u.max_unavailable = {2, true};  // 12 hosts at a time
  u.per_host = testing::fixed(1200);
  scenario::BadVersion bad;
  bad.declared = true;
  bad.verify_failure = 0.5;
  u.bad_version = bad;
  return u;
}

}  // namespace

TEST_CASE("a gate on failed verifications halts a bad version before it reaches 5% of hosts", "[model][upgrades][gates]") {
  auto s = busy_fleet();
  auto u = bad_upgrade();
  scenario::HealthGate g;
  g.max_failed_verifications = scenario::Quantity{2, false};
  u.health_gate = g;
  s.operations.upgrades.push_back(u);
  const auto m = testing::run(s, 2).results.metrics;
  CHECK(m.at("upgrade.kernel.halted") == 1);
  CHECK(m.at("upgrade.kernel.bad_version_reach") >= 3);
  CHECK(m.at("upgrade.kernel.bad_version_reach_fraction") < 0.05);
  CHECK(m.at("upgrade.kernel.failed_verifications") >= 3);
  CHECK(m.at("upgrade.kernel.hosts_upgraded") < 30);

  // Without a gate the bad version reaches every host.
  s.operations.upgrades[0].health_gate.reset();
  const auto ungated = testing::run(s, 2).results.metrics;
  CHECK(ungated.at("upgrade.kernel.halted") == 0);
  CHECK(ungated.at("upgrade.kernel.bad_version_reach") == 600);
  // Hosts that failed verification went back to the old version: about half.
  CHECK(ungated.at("upgrade.kernel.hosts_on_version") == ungated.at("upgrade.kernel.hosts_upgraded"));
  CHECK(ungated.at("upgrade.kernel.hosts_upgraded") == Approx(300).margin(4 * std::sqrt(600 * 0.25)));
}

TEST_CASE("a failure-rate gate after a canary wave rolls the upgraded hosts back", "[model][upgrades][gates]") {
  auto s = busy_fleet();
  auto u = bad_upgrade();
  u.strategy.name = "waves";
  u.strategy.params["steps"] = {"", {"2%", "10%", "100%"}, true, {}};
  u.bake = hours(6);
  u.bad_version->verify_failure = 0;  // passes its checks...
  u.bad_version->time_to_failure = testing::exponential(3600);  // ...and then breaks
  u.bad_version->repair = testing::fixed(1800);
  scenario::HealthGate g;
  g.max_failure_rate = 0.2;
  g.interval = minutes(30);
  g.action = "rollback";
  u.health_gate = g;
  s.operations.upgrades.push_back(u);
  const auto m = testing::run(s, 2).results.metrics;
  CHECK(m.at("upgrade.kernel.rolled_back") == 1);
  CHECK(m.at("upgrade.kernel.halted") == 1);
  CHECK(m.at("upgrade.kernel.hosts_upgraded") == 12);  // the first wave: 2% of 600
  CHECK(m.at("upgrade.kernel.rolled_back_hosts") == 12);
  CHECK(m.at("upgrade.kernel.hosts_on_version") == 0);  // every host is back on the old version
  CHECK(m.at("upgrade.kernel.bad_version_failures") > 0);
  CHECK(m.at("upgrade.kernel.bad_version_reach_fraction") <= 0.02);
}

TEST_CASE("a good version passes its gates", "[model][upgrades][gates]") {
  auto s = busy_fleet();
  auto u = bad_upgrade();
  u.bad_version.reset();
  scenario::HealthGate g;
  g.max_failed_verifications = scenario::Quantity{0, false};
  g.max_failure_rate = 0.01;
  g.min_service_availability = 0.9;
  u.health_gate = g;
  u.strategy.name = "waves";
  u.bake = hours(1);
  s.operations.upgrades.push_back(u);
  const auto m = testing::run(s, 2).results.metrics;
  CHECK(m.at("upgrade.kernel.halted") == 0);
  CHECK(m.at("upgrade.kernel.hosts_upgraded") == 600);
  CHECK(m.at("upgrade.kernel.waves") == 3);
  CHECK(m.at("service.web.availability") == Approx(1.0));
}

TEST_CASE("upgrades and rollouts are identical for 1, 2 and 4 threads", "[model][upgrades][determinism]") {
  auto s = busy_fleet();
  s.duration = days(3);
  s.workloads.push_back(testing::batch("etl", 200.0 / 3600, testing::exponential(3600), testing::resources(16, 32)));
  auto u = bad_upgrade();
  u.bad_version->probability = 0.5;
  u.bad_version->declared = false;
  u.bad_version->time_to_failure = testing::exponential(7200);
  u.per_host = testing::exponential(900);
  u.strategy.name = "waves";
  u.bake = hours(1);
  scenario::HealthGate g;
  g.max_failed_verifications = scenario::Quantity{10, true};
  g.max_failure_rate = 0.5;
  u.health_gate = g;
  s.operations.upgrades.push_back(u);
  scenario::Rollout r;
  r.name = "web-2";
  r.service = "web";
  r.version = "2";
  r.start = hours(12);
  r.strategy.name = "canary";
  s.operations.rollouts.push_back(r);
  for (const Duration interval : {Duration{0}, seconds(30)}) {  // zones report at once, or at ticks
    s.operations.report_interval = interval;
    const auto base = testing::run(s, 1, true);
    REQUIRE(base.messages > 0);
    REQUIRE(base.results.metrics.at("upgrade.kernel.hosts_upgraded") > 0);
    for (unsigned threads : {2u, 4u}) {
      const auto other = testing::run(s, threads, true);
      INFO("threads " << threads << ", report_interval " << interval << " us");
      CHECK(other.events == base.events);
      CHECK(other.results.metrics == base.results.metrics);
      CHECK(other.results.events.size() == base.results.events.size());
      CHECK(testing::event_log_differences(base, other) == 0);
    }
  }
}
