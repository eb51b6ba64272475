/// The upgrade controller's metrics: upgrade.<name>.* (docs/operations-upgrades.md).

#include <algorithm>
#include <queue>

#include "sim/model/upgrade_controller.hpp"

namespace fleetsim::model {

void UpgradeController::finish(ModelResults& results, Time end) {
  auto& m = results.metrics;
  double fleet_cpu = 0;
  for (HostId h = 0; h < model_.topology().host_count(); ++h) {
    fleet_cpu += static_cast<double>(model_.capacity(h).v[scenario::kCpu]);
  }
  for (UpgradeRun& r : runs_) {
    const std::string p = "upgrade." + r.spec->name + ".";
    double duration = r.duration_max_s;
    if (r.phase != UpPhase::Done && r.phase != UpPhase::Idle) {  // still running at the end
      duration = std::max(duration, static_cast<double>(end - r.cycle_start) / 1e6);
      if (!r.reached_95) r.unreached_95.push_back(r.cycle_start);
    }
    double t95 = r.t95_max_s;
    for (Time start : r.unreached_95) t95 = std::max(t95, static_cast<double>(end - start) / 1e6);
    std::int64_t blocked = 0, forced = 0, timeouts = 0, failures = 0;
    for (const UpgradeZone& uz : zones_) {
      blocked += uz.blocked_drains[r.index];
      forced += uz.forced[r.index];
      timeouts += uz.timeouts[r.index];
      for (std::int64_t f : uz.failures[r.index]) failures += f;
    }
    // Worst moment: the most cpu taken out by this upgrade at once, over all zones.
    using Head = std::pair<Time, std::size_t>;
    std::priority_queue<Head, std::vector<Head>, std::greater<>> heads;
    std::vector<std::size_t> next(zones_.size(), 0);
    std::vector<std::int64_t> level(zones_.size(), 0);
    for (std::size_t z = 0; z < zones_.size(); ++z) {
      if (!zones_[z].cpu_out[r.index].empty()) heads.emplace(zones_[z].cpu_out[r.index][0].first, z);
    }
    std::int64_t total = 0, worst = 0;
    while (!heads.empty()) {
      const Time t = heads.top().first;
      while (!heads.empty() && heads.top().first == t) {  // apply every change at t before looking
        const std::size_t z = heads.top().second;
        heads.pop();
        const auto& v = zones_[z].cpu_out[r.index];
        total += v[next[z]].second - level[z];
        level[z] = v[next[z]].second;
        if (++next[z] < v.size()) heads.emplace(v[next[z]].first, z);
      }
      worst = std::max(worst, total);
    }
    m[p + "duration_s"] = duration;
    m[p + "hosts_targeted"] = static_cast<double>(r.targets.size());
    m[p + "hosts_upgraded"] = static_cast<double>(r.hosts_upgraded);
    m[p + "blocked_drains"] = static_cast<double>(blocked);
    m[p + "forced_evictions"] = static_cast<double>(forced);
    m[p + "drain_timeouts"] = static_cast<double>(timeouts);
    m[p + "min_capacity_fraction"] = fleet_cpu > 0 ? 1.0 - static_cast<double>(worst) / fleet_cpu : 1.0;
    m[p + "halted"] = r.halted ? 1 : 0;
    m[p + "rolled_back"] = r.rolled_back ? 1 : 0;
    m[p + "rolled_back_hosts"] = static_cast<double>(r.rolled_back_hosts);
    m[p + "time_to_95pct_s"] = t95;
    m[p + "bad_version_reach"] = static_cast<double>(r.bad_reach);
    m[p + "bad_version_reach_fraction"] =
        r.targets.empty() ? 0 : static_cast<double>(r.bad_reach) / static_cast<double>(r.targets.size());
    m[p + "failed_verifications"] = static_cast<double>(r.failed_total);
    m[p + "bad_version_failures"] = static_cast<double>(failures);
    m[p + "skipped_hosts"] = static_cast<double>(r.skipped);
    m[p + "cycles"] = static_cast<double>(r.cycles_started);
    m[p + "cycles_completed"] = static_cast<double>(r.cycles_finished);
    m[p + "bad_cycles"] = static_cast<double>(r.bad_cycles);
    m[p + "waves"] = static_cast<double>(r.waves_run);
    std::int64_t on = 0;
    const std::uint16_t last = r.versions[std::min<std::size_t>(r.cycle, r.versions.size() - 1)];
    for (const RolloutTarget& t : r.targets) on += model_.host_version(t.host) == last ? 1 : 0;
    m[p + "hosts_on_version"] = static_cast<double>(on);
  }
}

}  // namespace fleetsim::model
