#include "sim/model/failure_targets.hpp"

#include <algorithm>
#include <unordered_map>

namespace fleetsim::model {

ComponentKind failure_kind(const std::string& target) {
  for (int k = 0; k < kComponentKinds; ++k) {
    if (component_kind_name(static_cast<ComponentKind>(k)) == target) return static_cast<ComponentKind>(k);
  }
  return ComponentKind::Host;
}

std::vector<ComponentId> failure_components(const scenario::Scenario& s, const Topology& topo, std::size_t i,
                                            std::vector<scenario::Diagnostic>& errors) {
  const scenario::FailureSpec& f = s.failures.at(i);
  const ComponentKind kind = failure_kind(f.target);
  int type = -1;
  for (std::size_t t = 0; t < topo.host_types().size() && !f.host_type.empty(); ++t) {
    if (topo.host_types()[t].name == f.host_type) type = static_cast<int>(t);
  }
  std::vector<ComponentId> all;
  if (kind == ComponentKind::Host) {
    for (HostId h = 0; h < topo.host_count(); ++h) {
      if (type < 0 || topo.hosts()[h].type == type) all.push_back(topo.host_component(h));
    }
  } else {
    all = topo.components_of(kind);
  }
  if (f.components.empty()) return all;
  std::unordered_map<std::string, ComponentId> by_name;
  for (ComponentId c : all) by_name.emplace(topo.name(c), c);
  std::vector<char> chosen(topo.components().size(), 0);
  const std::string path = "spec.failures[" + std::to_string(i) + "].components";
  for (std::size_t j = 0; j < f.components.size(); ++j) {
    const auto it = by_name.find(f.components[j]);
    if (it != by_name.end()) {
      chosen[it->second] = 1;
      continue;
    }
    std::vector<std::string> names;
    for (const auto& [name, c] : by_name) names.push_back(name);
    std::sort(names.begin(), names.end());
    errors.push_back(scenario::Diagnostic::make(
        f.where, path + "[" + std::to_string(j) + "]",
        "no " + f.target + (f.host_type.empty() ? "" : " of type " + f.host_type) + " named '" + f.components[j] + "'",
        scenario::suggest(f.components[j], names)));
  }
  std::vector<ComponentId> out;
  for (ComponentId c : all) {
    if (chosen[c]) out.push_back(c);
  }
  return out;
}

void check_failure_components(const scenario::Scenario& s, std::vector<scenario::Diagnostic>& errors) {
  bool any = false;
  for (const auto& f : s.failures) any = any || !f.components.empty();
  if (!any) return;
  const Topology topo(s.topology);
  for (std::size_t i = 0; i < s.failures.size(); ++i) {
    if (!s.failures[i].components.empty()) failure_components(s, topo, i, errors);
  }
}

}  // namespace fleetsim::model
