/// Upgrade durations against their closed forms. With no workloads and no failures every
/// host takes exactly D, so N hosts at max_unavailable k take ceil(N/k) x D in one zone.
/// With several zones every host also waits for its command (control latency L) and its
/// report (L) with nothing to overlap them in a synchronous batch: ceil(N/k) x (D + 2L).
/// Waves by zone add a bake B between waves: sum over zones of ceil(n_z/k) x (D + 2L) plus
/// (zones - 1) x B. With batched reports (operations.report_interval) a batch also waits
/// for the next report tick.

#include <catch2/catch.hpp>

#include "tests/support/run_model.hpp"
#include "tests/support/scenario_builder.hpp"

using namespace fleetsim;

namespace {

scenario::Upgrade upgrade(std::int64_t k, double per_host_s, const std::string& strategy = "rolling") {
  scenario::Upgrade u;
  u.name = "kernel";
  u.version = "6.1";
  u.start = hours(1);
  u.strategy.name = strategy;
  u.max_unavailable = {static_cast<double>(k), false};
  u.per_host = testing::fixed(per_host_s);
  return u;
}

double ceil_div(std::int64_t n, std::int64_t k) { return static_cast<double>((n + k - 1) / k); }

}  // namespace

TEST_CASE("one zone: N hosts, k at a time, D each take exactly ceil(N/k) x D", "[model][upgrades][closed-form]") {
  const double D = 1200;  // 20 minutes
  for (const auto& [racks, hosts, k] : {std::tuple{1, 7, 1}, {2, 10, 3}, {5, 20, 7}, {4, 25, 100}, {3, 10, 30}}) {
    auto s = testing::fleet(1, racks, hosts);
    s.duration = days(30);
    s.operations.upgrades.push_back(upgrade(k, D));
    const auto out = testing::run(s);
    const std::int64_t N = racks * hosts;
    INFO("N=" << N << " k=" << k);
    const auto& m = out.results.metrics;
    CHECK(m.at("upgrade.kernel.duration_s") == ceil_div(N, k) * D);
    CHECK(m.at("upgrade.kernel.hosts_upgraded") == N);
    CHECK(m.at("upgrade.kernel.time_to_95pct_s") == ceil_div((95 * N + 99) / 100, k) * D);
    CHECK(m.at("upgrade.kernel.min_capacity_fraction") ==
          Approx(1.0 - static_cast<double>(std::min(N, static_cast<std::int64_t>(k))) / N).epsilon(1e-12));
    CHECK(m.at("upgrade.kernel.halted") == 0);
    CHECK(m.at("upgrade.kernel.blocked_drains") == 0);
    CHECK(m.at("upgrade.kernel.hosts_on_version") == N);
  }
}

TEST_CASE("several zones: each batch also pays the command and the report latency", "[model][upgrades][closed-form]") {
  const double D = 600, L = 0.25;
  for (const auto& [zones, k] : {std::pair{2, 3}, {3, 4}, {4, 40}}) {
    auto s = testing::fleet(zones, 2, 5);  // 10 hosts per zone
    s.duration = days(10);
    s.control_latency = milliseconds(250);
    s.operations.upgrades.push_back(upgrade(k, D));
    for (unsigned threads : {1u, 2u}) {
      const auto out = testing::run(s, threads);
      const std::int64_t N = zones * 10;
      INFO("zones=" << zones << " k=" << k << " threads=" << threads);
      CHECK(out.results.metrics.at("upgrade.kernel.duration_s") == Approx(ceil_div(N, k) * (D + 2 * L)).epsilon(1e-12));
      CHECK(out.results.metrics.at("upgrade.kernel.hosts_upgraded") == N);
    }
  }
}

TEST_CASE("waves by zone: per-zone batches, a bake between waves, and per-zone limits", "[model][upgrades][closed-form]") {
  const double D = 900, L = 0.1, B = 3600;
  auto s = testing::fleet(3, 3, 4);  // 12 hosts per zone
  s.duration = days(10);
  auto u = upgrade(5, D, "waves");
  u.strategy.params["by"] = {"zone", {}, false, {}};
  u.bake = hours(1);
  s.operations.upgrades.push_back(u);
  auto out = testing::run(s, 2);
  CHECK(out.results.metrics.at("upgrade.kernel.duration_s") == Approx(3 * ceil_div(12, 5) * (D + 2 * L) + 2 * B).epsilon(1e-12));
  CHECK(out.results.metrics.at("upgrade.kernel.waves") == 3);

  // Rolling over all zones at once, at most 2 hosts per zone: 6 in flight, 12 hosts per zone.
  auto r = upgrade(100, D);
  r.max_unavailable_per_zone = scenario::Quantity{2, false};
  s.operations.upgrades = {r};
  out = testing::run(s, 1);
  CHECK(out.results.metrics.at("upgrade.kernel.duration_s") == Approx(ceil_div(12, 2) * (D + 2 * L)).epsilon(1e-12));
  CHECK(out.results.metrics.at("upgrade.kernel.min_capacity_fraction") == Approx(1.0 - 6.0 / 36.0));
}

TEST_CASE("batched reports: a batch ends at the first report tick after its hosts finish",
          "[model][upgrades][closed-form]") {
  // With report_interval I a zone keeps its hosts' reports until the next multiple of I
  // (strictly after the host finished), then sends them (L to the control plane); the next
  // batch's commands take L back. Batch r starts at s_r, its hosts finish at s_r + D:
  //   s_1 = c0 + L,  s_{r+1} = tick(s_r + D) + 2L,  duration = tick(s_last + D) + L - c0,
  // with tick(t) = (floor(t / I) + 1) x I. One zone has no latency (L = 0). The 95% figure
  // is when hosts finished, not when the orchestrator heard of it.
  const Duration D = seconds(600), c0 = hours(1);
  for (const auto& [zones, k, interval_ms, latency_ms] :
       {std::tuple{1, 3, 7000, 0}, {1, 10, 600000, 0}, {2, 3, 7000, 250}, {3, 4, 45000, 100}, {4, 40, 1000, 250}}) {
    const Duration I = milliseconds(interval_ms), L = milliseconds(latency_ms);
    auto s = testing::fleet(zones, 2, 5);  // 10 hosts per zone
    s.duration = days(10);
    if (zones > 1) s.control_latency = L;
    s.operations.report_interval = I;
    s.operations.upgrades.push_back(upgrade(k, static_cast<double>(D) / 1e6));
    const std::int64_t N = zones * 10, rounds = (N + k - 1) / k, r95 = ((95 * N + 99) / 100 + k - 1) / k;
    auto tick = [&](Time t) { return (t / I + 1) * I; };
    Time start = c0 + L, t95 = 0, end = 0;
    for (std::int64_t r = 1; r <= rounds; ++r) {
      if (r == r95) t95 = start + D - c0;
      end = tick(start + D) + L;
      start = end + L;
    }
    for (unsigned threads : {1u, 2u}) {
      const auto out = testing::run(s, threads);
      INFO("zones=" << zones << " k=" << k << " I=" << interval_ms << "ms L=" << latency_ms << "ms threads=" << threads);
      const auto& m = out.results.metrics;
      CHECK(m.at("upgrade.kernel.duration_s") == Approx(static_cast<double>(end - c0) / 1e6).epsilon(1e-12));
      CHECK(m.at("upgrade.kernel.time_to_95pct_s") == Approx(static_cast<double>(t95) / 1e6).epsilon(1e-12));
      CHECK(m.at("upgrade.kernel.hosts_upgraded") == N);
    }
  }
}

TEST_CASE("maintenance windows: hosts start only inside them", "[model][upgrades]") {
  // One host at a time, 2h each, window 0-4h every day from a 1h start: hosts start at
  // 1h and 3h (the second runs past the window's end), the third starts the next day at 0h.
  auto s = testing::fleet(1, 1, 3);
  s.duration = days(5);
  auto u = upgrade(1, 7200);
  scenario::MaintenanceWindow w;
  w.start_hour = 0;
  w.end_hour = 4;
  u.windows.push_back(w);
  s.operations.upgrades.push_back(u);
  const auto out = testing::run(s);
  CHECK(out.results.metrics.at("upgrade.kernel.duration_s") == static_cast<double>(days(1) + hours(2) - hours(1)) / 1e6);
}
