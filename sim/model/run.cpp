#include "sim/model/run.hpp"

#include <chrono>

namespace fleetsim::model {

RunOutput run_scenario(const scenario::Scenario& s, const PlacementFactory& placement,
                       const RunOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  FleetModel model(s, placement, options.record_trace);
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
