#include "sim/model/run.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "sim/model/failure_setup.hpp"
#include "sim/model/rollout_controller.hpp"
#include "sim/model/upgrade_controller.hpp"

namespace fleetsim::model {

namespace {

/// The controllers of spec.operations that this scenario uses.
void add_operations(FleetModel& model, const RunOptions& options) {
  const scenario::Operations& ops = model.scenario().operations;
  if (!ops.upgrades.empty()) {
    model.add_controller(std::make_unique<UpgradeController>(model, options.upgrade_strategies), kUpStart, kUpLast);
  }
  if (!ops.rollouts.empty()) {
    model.add_controller(std::make_unique<RolloutController>(model, options.rollout_strategies), kRoStart, kRoLast);
  }
  model.observer = options.observer;
  add_failure_controllers(model, options.remediation, options.failure_traces);
}

#ifdef FLEETSIM_EVENT_PROFILE
/// The measuring build's table (bench/event_profile.sh): time in handlers per event kind,
/// the costliest first. Kinds are the codes of sim/model/events.hpp and the controllers'
/// event enums.
void print_event_profile(const std::vector<core::KindCost>& profile, std::uint64_t events) {
  std::vector<std::uint16_t> kinds;
  double total = 0;
  for (std::size_t k = 0; k < profile.size(); ++k) {
    if (profile[k].events == 0) continue;
    kinds.push_back(static_cast<std::uint16_t>(k));
    total += static_cast<double>(profile[k].ns);
  }
  std::sort(kinds.begin(), kinds.end(), [&](auto a, auto b) { return profile[a].ns > profile[b].ns; });
  std::fprintf(stderr, "event profile: %llu events, %.3f s in handlers\n%6s %12s %10s %10s %7s\n",
               static_cast<unsigned long long>(events), total / 1e9, "kind", "events", "seconds", "ns/event", "share");
  for (const auto k : kinds) {
    const auto& c = profile[k];
    std::fprintf(stderr, "%6u %12llu %10.3f %10.0f %6.1f%%\n", static_cast<unsigned>(k),
                 static_cast<unsigned long long>(c.events), static_cast<double>(c.ns) / 1e9,
                 static_cast<double>(c.ns) / static_cast<double>(c.events), 100.0 * static_cast<double>(c.ns) / total);
  }
}

/// The measuring build's window table: windows run inline and in parallel, their events,
/// wall time, and for parallel ones the share of the threads' time partitions kept busy.
void print_window_profile(const core::WindowCost* w, unsigned threads) {
  std::fprintf(stderr, "windows: %8s %12s %10s %10s %10s %10s %11s\n", "windows", "events", "wall s", "busy s",
               "critical s", "floor s", "efficiency");
  const char* names[2] = {"inline", "parallel"};
  for (int i = 0; i < 2; ++i) {
    const double wall = static_cast<double>(w[i].ns) / 1e9, busy = static_cast<double>(w[i].busy_ns) / 1e9;
    const double eff = wall > 0 ? busy / (wall * (i == 1 ? std::max(threads, 1u) : 1u)) : 0;
    std::fprintf(stderr, "%-8s %8llu %12llu %10.3f %10.3f %10.3f %10.3f %10.1f%%\n", names[i],
                 static_cast<unsigned long long>(w[i].windows), static_cast<unsigned long long>(w[i].events), wall,
                 busy, static_cast<double>(w[i].critical_ns) / 1e9, static_cast<double>(w[i].floor_ns) / 1e9,
                 100.0 * eff);
  }
}
#endif

}  // namespace

RunOutput run_scenario(const scenario::Scenario& s, const PlacementFactory& placement,
                       const RunOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  FleetModel model(s, placement, options.record_trace, options.queue, options.replay);
  add_operations(model, options);
  core::SimulationConfig cfg;
  cfg.entities = model.entity_count();
  cfg.partitions = model.partition_count();
  cfg.lookahead = s.control_latency;
  cfg.end = s.duration;
  cfg.threads = options.threads;
  core::Simulation sim(cfg, model.partition_map());
  model.schedule_initial(sim);
  if (options.progress) sim.on_progress([&](Time now) { options.progress(now, s.duration); });
  const auto t1 = std::chrono::steady_clock::now();
  const core::RunStats st = sim.run(model);
  const auto t2 = std::chrono::steady_clock::now();
#ifdef FLEETSIM_EVENT_PROFILE
  print_event_profile(sim.event_profile(), st.events);
  print_window_profile(sim.window_profile(), options.threads);
#endif

  RunOutput out;
  out.results = model.finish(s.duration, options.record_trace);
  out.events = st.events;
  out.windows = st.windows;
  out.messages = st.messages;
  out.partitions = cfg.partitions;
  out.end = s.duration;
  out.setup_s = std::chrono::duration<double>(t1 - t0).count();
  out.wall_s = std::chrono::duration<double>(t2 - t0).count();
  if (options.record_trace) {
    out.names = model.name_tables();
    out.components = model.component_table();
  }
  return out;
}

}  // namespace fleetsim::model
