/// Builds the rollout policies that spec.operations.upgrades and .rollouts name, checking
/// that each applies to what it is used for (host waves or service steps).

#include "sim/cli/scenario_setup.hpp"

#include "policies/rollout/api.hpp"

namespace fleetsim::cli {

RolloutStrategies make_rollout_strategies(const scenario::Scenario& s, std::vector<scenario::Diagnostic>& errors) {
  policies::RolloutRegistry registry("rollout");
  policies::register_builtin_rollout(registry);
  RolloutStrategies out;
  auto build = [&](const scenario::PolicySpec& spec, const std::string& path, model::RolloutSubject subject,
                   std::vector<std::unique_ptr<model::RolloutFactory>>& into) {
    auto f = registry.make(spec, path, errors);
    if (f && !f->applies_to(subject)) {
      std::vector<std::string> fit;
      for (const std::string& name : registry.names()) {
        scenario::PolicySpec plain{name, {}, spec.where};
        std::vector<scenario::Diagnostic> ignored;
        auto other = registry.make(plain, path, ignored);
        if (other && other->applies_to(subject)) fit.push_back(name);
      }
      errors.push_back(scenario::Diagnostic::make(
          spec.where, path + ".name",
          "rollout policy '" + spec.name + "' does not apply to " +
              (subject == model::RolloutSubject::Hosts ? "host upgrades" : "service rollouts"),
          "use one of: " + scenario::join_names(fit)));
      f.reset();
    }
    into.push_back(std::move(f));
  };
  for (std::size_t i = 0; i < s.operations.upgrades.size(); ++i) {
    build(s.operations.upgrades[i].strategy, "spec.operations.upgrades[" + std::to_string(i) + "].strategy",
          model::RolloutSubject::Hosts, out.upgrades);
  }
  for (std::size_t i = 0; i < s.operations.rollouts.size(); ++i) {
    build(s.operations.rollouts[i].strategy, "spec.operations.rollouts[" + std::to_string(i) + "].strategy",
          model::RolloutSubject::Service, out.rollouts);
  }
  return out;
}

void attach_rollout_strategies(const RolloutStrategies& r, model::RunOptions& opt) {
  opt.upgrade_strategies.clear();
  opt.rollout_strategies.clear();
  for (const auto& f : r.upgrades) opt.upgrade_strategies.push_back(f.get());
  for (const auto& f : r.rollouts) opt.rollout_strategies.push_back(f.get());
}

}  // namespace fleetsim::cli
