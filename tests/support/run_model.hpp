#pragma once
/// Runs a scenario struct through the model with a named placement policy, for tests.

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "policies/remediation/api.hpp"
#include "policies/rollout/api.hpp"
#include "policies/scheduling/api.hpp"
#include "policies/scheduling/queue_api.hpp"
#include "sim/model/run.hpp"

namespace fleetsim::testing {

/// The scenario's placement policy, from the built-in registry.
inline std::unique_ptr<model::PlacementFactory> placement_of(const scenario::Scenario& s) {
  policies::PlacementRegistry registry("placement");
  policies::register_builtin_placement(registry);
  std::vector<scenario::Diagnostic> errors;
  auto placement = registry.make(s.policies.placement, "spec.policies.placement", errors);
  if (!placement) throw std::invalid_argument("bad placement policy in test scenario");
  return placement;
}

/// Runs s with the given placement policy (the other policies from the scenario).
inline model::RunOutput run_with(const scenario::Scenario& s, const model::PlacementFactory& placement,
                                 unsigned threads = 1, bool trace = false,
                                 std::function<void(const model::FleetModel&, Time)> observer = {}) {
  std::vector<scenario::Diagnostic> errors;
  policies::QueueRegistry queues("queue");
  policies::register_builtin_queue(queues);
  const auto queue = queues.make(s.policies.queue, "spec.policies.queue", errors);
  if (!queue) throw std::invalid_argument("bad queue discipline in test scenario");
  std::unique_ptr<model::RemediationFactory> remediation;
  if (s.operations.remediation) {
    policies::RemediationRegistry remediations("remediation");
    policies::register_builtin_remediation(remediations);
    remediation = remediations.make(s.operations.remediation->policy, "spec.operations.remediation.policy", errors);
    if (!remediation) throw std::invalid_argument("bad remediation policy in test scenario");
  }
  policies::RolloutRegistry rollouts("rollout");
  policies::register_builtin_rollout(rollouts);
  std::vector<std::unique_ptr<model::RolloutFactory>> strategies;
  model::RunOptions opt;
  for (std::size_t i = 0; i < s.operations.upgrades.size() + s.operations.rollouts.size(); ++i) {
    const bool up = i < s.operations.upgrades.size();
    const auto& spec = up ? s.operations.upgrades[i].strategy : s.operations.rollouts[i - s.operations.upgrades.size()].strategy;
    strategies.push_back(rollouts.make(spec, "strategy", errors));
    if (!strategies.back()) throw std::invalid_argument("bad rollout strategy in test scenario");
    (up ? opt.upgrade_strategies : opt.rollout_strategies).push_back(strategies.back().get());
  }
  opt.observer = std::move(observer);
  opt.remediation = remediation.get();
  opt.queue = queue.get();
  opt.threads = threads;
  opt.record_trace = trace;
  return model::run_scenario(s, placement, opt);
}

/// `observer` (optional) is called after every event; use it with one thread.
inline model::RunOutput run(const scenario::Scenario& s, unsigned threads = 1, bool trace = false,
                            std::function<void(const model::FleetModel&, Time)> observer = {}) {
  return run_with(s, *placement_of(s), threads, trace, std::move(observer));
}

/// Entries of two runs' event logs that differ in any field (time, kind, zone, component,
/// workload, value); every entry beyond the shorter log counts as different.
inline std::size_t event_log_differences(const model::RunOutput& a, const model::RunOutput& b) {
  const auto& x = a.results.events;
  const auto& y = b.results.events;
  std::size_t differ = x.size() > y.size() ? x.size() - y.size() : y.size() - x.size();
  for (std::size_t i = 0; i < std::min(x.size(), y.size()); ++i) {
    if (x[i].time_us != y[i].time_us || x[i].kind != y[i].kind || x[i].zone != y[i].zone ||
        x[i].component != y[i].component || x[i].workload != y[i].workload || x[i].value != y[i].value) {
      ++differ;
    }
  }
  return differ;
}

}  // namespace fleetsim::testing
