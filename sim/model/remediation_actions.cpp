#include "sim/model/remediation_actions.hpp"

namespace fleetsim::model {

namespace {

scenario::Distribution fixed_seconds(double s) {
  scenario::Distribution d;
  d.kind = scenario::Distribution::Kind::Fixed;
  d.a = s;
  return d;
}

}  // namespace

std::vector<ActionSpec> builtin_actions() {
  return {
      {"reboot", fixed_seconds(600), 0.6, false, true},
      {"reimage", fixed_seconds(3600), 0.8, false, true},
      {"replace", fixed_seconds(4 * 3600), 1.0, true, false},
      {"repair", std::nullopt, 1.0, true, true},
  };
}

std::vector<ActionSpec> action_table(const scenario::Remediation& r, std::vector<scenario::Diagnostic>& errors) {
  std::vector<ActionSpec> table = builtin_actions();
  const std::size_t builtins = table.size();
  for (std::size_t i = 0; i < r.actions.size(); ++i) {
    const scenario::RemediationAction& a = r.actions[i];
    ActionSpec* slot = nullptr;
    for (std::size_t j = 0; j < builtins; ++j) {
      if (table[j].name == a.name) slot = &table[j];
    }
    if (!slot) {
      if (!a.duration) {
        errors.push_back(scenario::Diagnostic::make(
            a.where, "spec.operations.remediation.actions[" + std::to_string(i) + "].duration",
            "new action '" + a.name + "' needs a duration",
            "built-in actions (reboot, reimage, replace, repair) have defaults; others do not"));
      }
      table.push_back({a.name, std::nullopt, 1.0, false, true});
      slot = &table.back();
    }
    if (a.duration) slot->duration = a.duration;
    if (a.success) slot->success = *a.success;
    if (a.needs_person) slot->needs_person = *a.needs_person;
    if (a.urgent) slot->urgent = *a.urgent;
  }
  return table;
}

std::vector<ActionInfo> action_infos(const std::vector<ActionSpec>& table) {
  std::vector<ActionInfo> out;
  for (const ActionSpec& a : table) out.push_back({a.name, a.needs_person, a.urgent});
  return out;
}

std::uint32_t remediation_team(const scenario::Scenario& s) {
  const auto& teams = s.operations.oncall;
  if (teams.empty()) return kNone;
  if (!s.operations.remediation || s.operations.remediation->team.empty()) return 0;
  for (std::uint32_t i = 0; i < teams.size(); ++i) {
    if (teams[i].team == s.operations.remediation->team) return i;
  }
  return kNone;
}

void check_remediation(const scenario::Scenario& s, const RemediationFactory& policy,
                       std::vector<scenario::Diagnostic>& errors) {
  if (!s.operations.remediation) return;
  const scenario::Remediation& r = *s.operations.remediation;
  const std::vector<ActionSpec> table = action_table(r, errors);
  std::vector<std::string> names;
  for (const ActionSpec& a : table) names.push_back(a.name);
  for (const std::string& used : policy.actions()) {
    const ActionSpec* found = nullptr;
    for (const ActionSpec& a : table) {
      if (a.name == used) found = &a;
    }
    const scenario::Location& at = r.policy.where.line ? r.policy.where : r.where;
    if (!found) {
      errors.push_back(scenario::Diagnostic::make(at, "spec.operations.remediation.policy",
                                                  "remediation policy '" + r.policy.name + "' uses unknown action '" +
                                                      used + "'",
                                                  scenario::suggest(used, names)));
    } else if (found->needs_person && s.operations.oncall.empty()) {
      errors.push_back(scenario::Diagnostic::make(
          at, "spec.operations.remediation.policy",
          "action '" + used + "' needs a person but spec.operations.oncall has no team to page",
          "add an on-call team, or set needs_person: false for it in remediation.actions"));
    }
  }
}

}  // namespace fleetsim::model
