#pragma once
/// Plays one scenario on the engine: builds the model, maps zones to partitions, runs,
/// and returns the results. No file is written here (observers in sim/io do that).

#include <cstdint>
#include <functional>

#include "sim/core/simulation.hpp"
#include "sim/model/failure_traces.hpp"
#include "sim/model/fleet_model.hpp"
#include "sim/model/placement.hpp"
#include "sim/model/remediation_policy.hpp"
#include "sim/model/rollout_policy.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleetsim::model {

struct RunOptions {
  unsigned threads = 1;
  bool record_trace = false;
  /// Called from the coordinating thread with simulated time, now and then.
  std::function<void(Time now, Time end)> progress;
  /// The zones' queue discipline (policies/scheduling); null: the model's default, greedy.
  const QueueDisciplineFactory* queue = nullptr;
  /// Logs and demand traces read beforehand (shared by the runs of a sweep); null: the
  /// model reads them itself.
  std::shared_ptr<const ReplayInputs> replay;
  /// Rollout policies (policies/rollout), one per spec.operations.upgrades[i] and
  /// rollouts[i] in order; required when the scenario has upgrades or rollouts.
  std::vector<const RolloutFactory*> upgrade_strategies, rollout_strategies;
  /// Tests: called after every event (use one thread), e.g. to check invariants.
  std::function<void(const FleetModel&, Time)> observer;
  /// The remediation policy (policies/remediation); required when the scenario has remediation.
  const RemediationFactory* remediation = nullptr;
  /// Failure traces read beforehand (model::load_failure_traces); null: read by the model.
  std::shared_ptr<const FailureTraceInputs> failure_traces;
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
