#pragma once
/// Shared by run, sweep and plan: load a scenario (with --set overrides), build its
/// policies from the registries, and report every problem with its location.

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/model/placement.hpp"
#include "sim/model/run.hpp"
#include "sim/model/queue_discipline.hpp"
#include "sim/model/replay_input.hpp"
#include "sim/model/failure_traces.hpp"
#include "sim/model/remediation_policy.hpp"
#include "sim/scenario/diagnostic.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleetsim::cli {

/// Builds the remediation policy of a loaded scenario (null without remediation) and checks
/// it against the action table and the on-call teams; problems are appended to errors.
std::unique_ptr<model::RemediationFactory> make_remediation(const scenario::Scenario& s,
                                                            std::vector<scenario::Diagnostic>& errors);

/// The rollout policies of spec.operations.upgrades[i] and .rollouts[i], in order.
struct RolloutStrategies {
  std::vector<std::unique_ptr<model::RolloutFactory>> upgrades, rollouts;
};

/// A loaded scenario and the policy factories it names.
struct Prepared {
  scenario::Scenario scenario;
  std::unique_ptr<model::PlacementFactory> placement;
  std::unique_ptr<model::QueueDisciplineFactory> queue;  ///< spec.policies.queue
  std::shared_ptr<const model::ReplayInputs> replay;     ///< replayed logs; null when none
  RolloutStrategies rollouts;                            ///< upgrade and rollout strategies
  std::unique_ptr<model::RemediationFactory> remediation;        ///< null without remediation
  std::shared_ptr<const model::FailureTraceInputs> failure_traces;  ///< null without failure traces
};

/// Loads and checks everything; on problems prints each diagnostic to `err` and throws
/// UsageError (exit code 2).
Prepared prepare(const std::string& path, const std::vector<std::string>& overrides, std::FILE* err);

/// prepare() without printing: the prepared scenario, or nothing with every problem in
/// `errors` (sweeps report a bad point and go on).
std::optional<Prepared> try_prepare(const std::string& path, const std::vector<std::string>& overrides,
                                    std::vector<scenario::Diagnostic>& errors);

/// Run options carrying what prepare() built besides the placement policy (queue
/// discipline, replay inputs, ...); the caller sets threads, trace and progress.
model::RunOptions run_options(const Prepared& p);

/// Builds the policies of an already loaded scenario; problems are appended to errors.
std::unique_ptr<model::PlacementFactory> make_placement(const scenario::Scenario& s,
                                                        std::vector<scenario::Diagnostic>& errors);

/// Builds the queue discipline of an already loaded scenario; problems are appended to errors.
std::unique_ptr<model::QueueDisciplineFactory> make_queue(const scenario::Scenario& s,
                                                          std::vector<scenario::Diagnostic>& errors);

/// Builds the rollout policies of upgrades and rollouts (rollout_setup.cpp); problems,
/// such as a service-only policy used for hosts, are appended to errors.
RolloutStrategies make_rollout_strategies(const scenario::Scenario& s, std::vector<scenario::Diagnostic>& errors);
/// Points the run options at the strategies (which must outlive the run).
void attach_rollout_strategies(const RolloutStrategies& r, model::RunOptions& opt);

/// Metric names a scenario's assertions may use that are not produced by the run
/// (checked before time 0 against the names the model will produce).
std::vector<scenario::Diagnostic> check_assertion_metrics(const scenario::Scenario& s,
                                                          const std::vector<std::string>& known);

}  // namespace fleetsim::cli
