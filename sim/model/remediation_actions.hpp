#pragma once
/// The remediation action table: the built-in actions (reboot, reimage, replace, repair)
/// with the scenario's overrides applied and its new actions appended, and the checks a
/// remediation setup must pass before time 0.
///
/// Built-in defaults (docs/failures-and-remediation.md explains the choice):
///   reboot   automatic        fixed 10m                         success 0.6
///   reimage  automatic        fixed 1h                          success 0.8
///   replace  person, non-urgent (work hours)  fixed 4h          success 1
///   repair   person, urgent   the failure's `repair` distribution  success 1

#include <optional>
#include <string>
#include <vector>

#include "sim/model/remediation_policy.hpp"
#include "sim/scenario/diagnostic.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleetsim::model {

/// One resolved action.
struct ActionSpec {
  std::string name;
  /// How long it takes; empty = the failed process's `repair` distribution (hands-on repair).
  std::optional<scenario::Distribution> duration;
  double success = 1.0;  ///< probability in [0, 1] that it fixes the host
  bool needs_person = false;
  bool urgent = true;
};

/// The built-in table, in its documented order.
std::vector<ActionSpec> builtin_actions();

/// Built-ins with `r.actions` applied by name (unset fields keep the built-in values) and
/// new names appended in scenario order. A new action without a duration is an error.
std::vector<ActionSpec> action_table(const scenario::Remediation& r, std::vector<scenario::Diagnostic>& errors);

/// The policy's view of the table.
std::vector<ActionInfo> action_infos(const std::vector<ActionSpec>& table);

/// Checks a scenario's remediation against its policy: every action the policy may choose
/// exists, and person actions have an on-call team to page. Appends located errors.
void check_remediation(const scenario::Scenario& s, const RemediationFactory& policy,
                       std::vector<scenario::Diagnostic>& errors);

/// Index of the team paged for person actions (remediation.team, or the first team);
/// kNone when there is no team.
std::uint32_t remediation_team(const scenario::Scenario& s);

}  // namespace fleetsim::model
