#include "sim/cli/scenario_setup.hpp"

#include "policies/remediation/api.hpp"
#include "policies/scheduling/api.hpp"
#include "policies/scheduling/queue_api.hpp"
#include "sim/cli/args.hpp"
#include "sim/model/failure_targets.hpp"
#include "sim/model/remediation_actions.hpp"
#include "sim/scenario/loader.hpp"

namespace fleetsim::cli {

std::unique_ptr<model::PlacementFactory> make_placement(const scenario::Scenario& s,
                                                        std::vector<scenario::Diagnostic>& errors) {
  policies::PlacementRegistry registry("placement");
  policies::register_builtin_placement(registry);
  return registry.make(s.policies.placement, "spec.policies.placement", errors);
}

std::unique_ptr<model::QueueDisciplineFactory> make_queue(const scenario::Scenario& s,
                                                          std::vector<scenario::Diagnostic>& errors) {
  policies::QueueRegistry registry("queue");
  policies::register_builtin_queue(registry);
  return registry.make(s.policies.queue, "spec.policies.queue", errors);
}

std::unique_ptr<model::RemediationFactory> make_remediation(const scenario::Scenario& s,
                                                            std::vector<scenario::Diagnostic>& errors) {
  if (!s.operations.remediation) return nullptr;
  policies::RemediationRegistry registry("remediation");
  policies::register_builtin_remediation(registry);
  auto f = registry.make(s.operations.remediation->policy, "spec.operations.remediation.policy", errors);
  if (f) model::check_remediation(s, *f, errors);
  return f;
}

std::vector<scenario::Diagnostic> check_assertion_metrics(const scenario::Scenario& s,
                                                          const std::vector<std::string>& known) {
  std::vector<scenario::Diagnostic> out;
  for (std::size_t i = 0; i < s.assertions.size(); ++i) {
    const scenario::Assertion& a = s.assertions[i];
    bool found = false;
    for (const auto& k : known) found = found || k == a.metric;
    if (!found) {
      out.push_back({a.where, "spec.assertions[" + std::to_string(i) + "].metric",
                     "unknown metric '" + a.metric + "'", scenario::suggest(a.metric, known)});
    }
  }
  return out;
}

Prepared prepare(const std::string& path, const std::vector<std::string>& overrides, std::FILE* err) {
  std::vector<scenario::Diagnostic> errors;
  std::optional<Prepared> p = try_prepare(path, overrides, errors);
  if (!errors.empty() || !p) {
    for (const auto& d : errors) std::fprintf(err, "%s\n", d.format().c_str());
    throw UsageError(path + ": " + std::to_string(errors.size()) + " problem(s); nothing was run");
  }
  return std::move(*p);
}

model::RunOptions run_options(const Prepared& p) {
  model::RunOptions opt;
  opt.queue = p.queue.get();
  opt.replay = p.replay;
  attach_rollout_strategies(p.rollouts, opt);
  opt.remediation = p.remediation.get();
  opt.failure_traces = p.failure_traces;
  return opt;
}

std::optional<Prepared> try_prepare(const std::string& path, const std::vector<std::string>& overrides,
                                    std::vector<scenario::Diagnostic>& errors) {
  scenario::LoadResult loaded = scenario::load_scenario_file(path, overrides);
  errors = loaded.errors;
  Prepared p;
  if (loaded.scenario) {
    p.scenario = std::move(*loaded.scenario);
    p.placement = make_placement(p.scenario, errors);
    p.queue = make_queue(p.scenario, errors);
    p.rollouts = make_rollout_strategies(p.scenario, errors);
    p.remediation = make_remediation(p.scenario, errors);
    model::check_failure_components(p.scenario, errors);
    // Failure traces too: a malformed line is reported at its file:line before time 0.
    if (errors.empty() && model::needs_failure_traces(p.scenario)) {
      p.failure_traces = model::load_failure_traces(p.scenario, errors);
    }
    // Replayed logs are read once, before time 0: a malformed line is reported here.
    if (errors.empty() && model::needs_replay_inputs(p.scenario)) p.replay = model::load_replay_inputs(p.scenario, errors);
  }
  if (!errors.empty() || !loaded.scenario) return std::nullopt;
  return p;
}

}  // namespace fleetsim::cli
