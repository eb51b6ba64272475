#pragma once
/// Plays one scenario on the engine: builds the model, maps zones to partitions, runs,
/// and returns the results. No file is written here (observers in sim/io do that).

#include <cstdint>
#include <functional>

#include "sim/core/simulation.hpp"
#include "sim/model/fleet_model.hpp"
#include "sim/model/placement.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleetsim::model {

struct RunOptions {
  unsigned threads = 1;
  bool record_trace = false;
  /// Called from the coordinating thread with simulated time, now and then.
  std::function<void(Time now, Time end)> progress;
};

struct RunOutput {
  ModelResults results;
  std::uint64_t events = 0;
  std::uint64_t windows = 0;
  std::uint64_t messages = 0;
  std::uint32_t partitions = 0;
  double wall_s = 0;
  double setup_s = 0;
  Time end = 0;
  std::vector<io::NameTable> names;    ///< filled when record_trace
  io::ComponentTable components;       ///< filled when record_trace
};

/// Runs the scenario. Throws core::SimulationError on a broken model invariant.
RunOutput run_scenario(const scenario::Scenario& s, const PlacementFactory& placement,
                       const RunOptions& options);

}  // namespace fleetsim::model
