#include "sim/cli/scenario_setup.hpp"

#include "policies/scheduling/api.hpp"
#include "sim/cli/args.hpp"
#include "sim/scenario/loader.hpp"

namespace fleetsim::cli {

std::unique_ptr<model::PlacementFactory> make_placement(const scenario::Scenario& s,
                                                        std::vector<scenario::Diagnostic>& errors) {
  policies::PlacementRegistry registry("placement");
  policies::register_builtin_placement(registry);
  return registry.make(s.policies.placement, "spec.policies.placement", errors);
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
  scenario::LoadResult loaded = scenario::load_scenario_file(path, overrides);
  std::vector<scenario::Diagnostic> errors = loaded.errors;
  Prepared p;
  if (loaded.scenario) {
    p.scenario = std::move(*loaded.scenario);
    p.placement = make_placement(p.scenario, errors);
  }
  if (!errors.empty() || !loaded.scenario) {
    for (const auto& d : errors) std::fprintf(err, "%s\n", d.format().c_str());
    throw UsageError(path + ": " + std::to_string(errors.size()) + " problem(s); nothing was run");
  }
  return p;
}

}  // namespace fleetsim::cli
