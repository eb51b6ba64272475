#pragma once
/// Remediation policies: which action a broken host gets next. The model's interface is
/// model::RemediationPolicy (sim/model/remediation_policy.hpp); the registry makes a
/// factory from the scenario's policy spec, which makes the policy once the action table
/// (built-ins plus the scenario's overrides) is known.

#include "policies/registry.hpp"
#include "sim/model/remediation_policy.hpp"

namespace fleetsim::policies {

using RemediationRegistry = Registry<model::RemediationFactory>;

/// ladder, replace-first, manual.
void register_builtin_remediation(RemediationRegistry& registry);

}  // namespace fleetsim::policies
