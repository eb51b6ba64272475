/// Drains honour disruption budgets. The invariant, checked after every event of
/// randomized scenarios: for every service, the replicas missing because a drain evicted
/// them (evictions not yet replaced, counted per zone) never exceed the service's budget
/// (desired - min_available). Failures are not counted (none run here besides the
/// bad-version-free upgrade), and forced evictions are not used.

#include <catch2/catch.hpp>

#include "sim/core/rng.hpp"
#include "tests/support/run_model.hpp"
#include "tests/support/scenario_builder.hpp"

using namespace fleetsim;

namespace {

/// Tracks drain-caused unavailability per zone and service from the model's own counters.
struct BudgetWatch {
  std::vector<std::vector<std::int64_t>> missing;         // [zone][workload]
  std::vector<std::vector<std::uint64_t>> seen_evictions;  // [zone][workload]
  std::vector<std::int64_t> budget;
  std::int64_t checks = 0, violations = 0, worst_margin = 1 << 30;

  void operator()(const model::FleetModel& m, Time) {
    const auto& zones = m.zones();
    if (missing.empty()) {
      missing.assign(zones.size(), std::vector<std::int64_t>(m.scenario().workloads.size(), 0));
      seen_evictions.assign(zones.size(), std::vector<std::uint64_t>(m.scenario().workloads.size(), 0));
      for (model::WorkloadId w = 0; w < m.scenario().workloads.size(); ++w) {
        budget.push_back(m.desired_total(w) - m.min_available(w));
      }
    }
    for (model::WorkloadId w = 0; w < budget.size(); ++w) {
      if (m.desired_total(w) == 0) continue;
      std::int64_t total = 0;
      for (std::size_t z = 0; z < zones.size(); ++z) {
        const model::ServiceZone& sz = zones[z].services[w];
        const std::int64_t fresh = static_cast<std::int64_t>(sz.drain_evictions - seen_evictions[z][w]);
        seen_evictions[z][w] = sz.drain_evictions;
        missing[z][w] = std::min(missing[z][w] + fresh, std::max<std::int64_t>(0, sz.desired - sz.running));
        total += missing[z][w];
      }
      ++checks;
      if (total > budget[w]) ++violations;
      worst_margin = std::min(worst_margin, budget[w] - total);
    }
  }
};

scenario::Scenario random_scenario(std::uint64_t seed) {
  core::Rng rng(seed, core::purpose_id("test-drain-scenario"), 0);
  auto pick = [&](std::int64_t lo, std::int64_t hi) { return lo + static_cast<std::int64_t>(rng() % (hi - lo + 1)); };
  auto s = testing::fleet(pick(1, 3), pick(2, 3), pick(3, 6));
  s.seed = seed;
  s.duration = days(4);
  s.control_latency = milliseconds(pick(50, 500));
  s.operations.reaction_delay = seconds(pick(5, 60));
  const std::int64_t hosts = s.topology.regions[0].zones * s.topology.regions[0].racks[0].racks *
                             s.topology.regions[0].hosts_per_rack;
  const std::int64_t services = pick(1, 3);
  for (std::int64_t i = 0; i < services; ++i) {
    const auto spread = std::array{scenario::SpreadLevel::Zone, scenario::SpreadLevel::Rack,
                                   scenario::SpreadLevel::None}[static_cast<std::size_t>(pick(0, 2))];
    auto w = testing::service("svc" + std::to_string(i), hosts * pick(1, 4), testing::resources(pick(1, 8), 4), spread);
    if (pick(0, 1) == 0) {
      w.disruption_budget.max_unavailable = scenario::Quantity{static_cast<double>(pick(1, 3)), false};
    } else {
      w.disruption_budget.min_available = scenario::Quantity{static_cast<double>(pick(80, 97)), true};
    }
    s.workloads.push_back(w);
  }
  auto vm = testing::service("vms", hosts / 2 + 1, testing::resources(4, 16), scenario::SpreadLevel::None);
  vm.kind = scenario::WorkloadKind::Vm;
  vm.live_migration = false;  // restarts: budgeted like replicas
  vm.disruption_budget.max_unavailable = scenario::Quantity{1, false};
  s.workloads.push_back(vm);
  s.workloads.push_back(testing::batch("jobs", 20.0 / 3600, testing::exponential(1800), testing::resources(8, 16)));
  scenario::Upgrade u;
  u.name = "u";
  u.version = "2";
  u.start = hours(2);
  u.strategy.name = pick(0, 1) ? "rolling" : "waves";
  u.max_unavailable = scenario::Quantity{static_cast<double>(pick(1, 6)), false};
  u.per_host = testing::exponential(static_cast<double>(pick(300, 1800)));
  u.drain_timeout = minutes(pick(5, 30));
  u.drain_timeout_action = pick(0, 1) ? "wait" : "skip";
  s.operations.upgrades.push_back(u);
  // Zones report at once or in batches (token requests and releases wait for the tick too).
  if (pick(0, 1) == 1) s.operations.report_interval = seconds(pick(1, 120));
  return s;
}

}  // namespace

TEST_CASE("no service drops below its disruption budget because of a drain, at any event", "[model][upgrades][invariant]") {
  std::int64_t evictions = 0, blocked = 0, tight = 0, batched = 0;
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    const auto s = random_scenario(seed);
    if (s.operations.report_interval > 0) ++batched;
    BudgetWatch watch;
    const auto out = testing::run(s, 1, false, std::ref(watch));
    INFO("seed " << seed);
    CHECK(watch.violations == 0);
    CHECK(watch.checks > 1000);
    for (const auto& z : out.results.metrics) {
      if (z.first == "upgrade.u.blocked_drains") blocked += static_cast<std::int64_t>(z.second);
    }
    CHECK(out.results.metrics.at("upgrade.u.hosts_upgraded") + out.results.metrics.at("upgrade.u.skipped_hosts") > 0);
    if (watch.worst_margin == 0) ++tight;
    (void)evictions;
  }
  CHECK(batched > 0);  // both ways of reporting were tried
  CHECK(batched < 12);
  CHECK(blocked > 0);  // budgets really held drains back
  CHECK(tight > 0);    // and some services were driven right to their budget
}

TEST_CASE("a drain that would break the budget waits for replacements, and is counted", "[model][upgrades]") {
  // One zone, 10 hosts, a service with 20 replicas (2 per host) and max_unavailable 1:
  // each drain evicts one replica, waits for its replacement (reaction delay), then the next.
  auto s = testing::fleet(1, 1, 10);
  s.duration = days(2);
  s.operations.reaction_delay = seconds(30);
  s.policies.placement.name = "spread";  // least allocated: 2 replicas on every host
  auto w = testing::service("web", 20, testing::resources(4, 8), scenario::SpreadLevel::None);
  w.disruption_budget.max_unavailable = scenario::Quantity{1, false};
  s.workloads.push_back(w);
  scenario::Upgrade u;
  u.name = "k";
  u.version = "2";
  u.start = hours(1);
  u.strategy.name = "rolling";
  u.max_unavailable = {1, false};
  u.per_host = testing::fixed(600);
  s.operations.upgrades.push_back(u);
  BudgetWatch watch;
  const auto out = testing::run(s, 1, false, std::ref(watch));
  const auto& m = out.results.metrics;
  CHECK(watch.violations == 0);
  CHECK(watch.worst_margin == 0);
  CHECK(m.at("upgrade.k.hosts_upgraded") == 10);
  CHECK(m.at("upgrade.k.blocked_drains") >= 5);
  CHECK(m.at("upgrade.k.forced_evictions") == 0);
  CHECK(m.at("service.web.availability") == Approx(1.0));  // never below min_available (19)
  CHECK(m.at("upgrade.k.duration_s") > 10 * 600);          // the waits show in the duration
  CHECK(m.at("service.web.drain_evictions") >= 20);           // every host's two replicas, at least once
}

TEST_CASE("drain timeout: force evicts anyway and counts it, skip leaves the host", "[model][upgrades]") {
  auto s = testing::fleet(1, 1, 6);
  s.duration = days(2);
  s.policies.placement.name = "spread";  // least allocated: 2 replicas on every host
  auto w = testing::service("web", 12, testing::resources(4, 8), scenario::SpreadLevel::None);
  w.disruption_budget.max_unavailable = scenario::Quantity{0, false};  // nothing may be disrupted
  s.workloads.push_back(w);
  scenario::Upgrade u;
  u.name = "k";
  u.version = "2";
  u.start = hours(1);
  u.strategy.name = "rolling";
  u.max_unavailable = {2, false};
  u.per_host = testing::fixed(600);
  u.drain_timeout = minutes(10);
  u.drain_timeout_action = "force";
  s.operations.upgrades.push_back(u);
  auto out = testing::run(s);
  CHECK(out.results.metrics.at("upgrade.k.hosts_upgraded") == 6);
  // Every replica is forced off at least once; a replacement placed on a host not yet
  // upgraded is forced off again when that host's turn comes.
  CHECK(out.results.metrics.at("upgrade.k.forced_evictions") >= 12);
  CHECK(out.results.metrics.at("upgrade.k.forced_evictions") <= 24);
  CHECK(out.results.metrics.at("upgrade.k.drain_timeouts") == 6);
  // The budget allows no eviction, so every eviction of the service was a forced one.
  CHECK(out.results.metrics.at("service.web.drain_evictions") == out.results.metrics.at("upgrade.k.forced_evictions"));

  s.operations.upgrades[0].drain_timeout_action = "skip";
  out = testing::run(s);
  CHECK(out.results.metrics.at("upgrade.k.hosts_upgraded") == 0);
  CHECK(out.results.metrics.at("upgrade.k.skipped_hosts") == 6);
  CHECK(out.results.metrics.at("service.web.full_availability") == Approx(1.0));
}

TEST_CASE("VMs live-migrate off a draining host: no instance is lost, the copy takes memory / bandwidth",
          "[model][upgrades]") {
  // Five hosts, four VMs of which only one fits a host: every drain moves its VM to the
  // host upgraded (or left empty) before it.
  auto s = testing::fleet(1, 1, 5);
  s.duration = days(1);
  auto vm = testing::service("vms", 4, testing::resources(40, 64), scenario::SpreadLevel::None);
  vm.kind = scenario::WorkloadKind::Vm;
  vm.live_migration = true;
  vm.migration_bandwidth_bytes_per_s = 64.0 * 1024 * 1024 * 1024 / 100;  // 64 GiB in 100 s
  s.workloads.push_back(vm);
  scenario::Upgrade u;
  u.name = "k";
  u.version = "2";
  u.start = hours(1);
  u.strategy.name = "rolling";
  u.max_unavailable = {1, false};
  u.per_host = testing::fixed(600);
  s.operations.upgrades.push_back(u);
  const auto out = testing::run(s);
  const auto& m = out.results.metrics;
  CHECK(m.at("vm.vms.full_availability") == Approx(1.0));
  // Every host copies a VM for 100 s before its 600 s install: host 4 starts empty but
  // receives host 0's VM (the only free host while host 0 drains).
  CHECK(m.at("upgrade.k.duration_s") == Approx(5 * (600 + 100)));
  CHECK(m.at("upgrade.k.hosts_upgraded") == 5);
  CHECK(m.at("vm.vms.drain_evictions") == 0);  // moved, never evicted
}
