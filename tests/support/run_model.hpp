#pragma once
/// Runs a scenario struct through the model with a named placement policy, for tests.

#include <stdexcept>
#include <string>
#include <vector>

#include "policies/scheduling/api.hpp"
#include "sim/model/run.hpp"

namespace fleetsim::testing {

inline model::RunOutput run(const scenario::Scenario& s, unsigned threads = 1, bool trace = false) {
  policies::PlacementRegistry registry("placement");
  policies::register_builtin_placement(registry);
  std::vector<scenario::Diagnostic> errors;
  const auto placement = registry.make(s.policies.placement, "spec.policies.placement", errors);
  if (!placement) throw std::invalid_argument("bad placement policy in test scenario");
  model::RunOptions opt;
  opt.threads = threads;
  opt.record_trace = trace;
  return model::run_scenario(s, *placement, opt);
}

}  // namespace fleetsim::testing
