#include "sim/model/run.hpp"

#include <chrono>

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
