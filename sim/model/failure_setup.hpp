#pragma once
/// Adds the failure, remediation and on-call controllers a scenario needs to a model
/// (before the run): failure processes when spec.failures is not empty, remediation when
/// spec.operations.remediation is set, on-call teams when spec.operations.oncall is.

#include <memory>

#include "sim/model/failure_traces.hpp"
#include "sim/model/fleet_model.hpp"
#include "sim/model/remediation_policy.hpp"

namespace fleetsim::model {

/// `remediation`: the policy factory (required when the scenario has remediation);
/// `traces`: failure traces read beforehand, or null to read them here (a bad file then
/// throws std::invalid_argument carrying the located diagnostics).
void add_failure_controllers(FleetModel& model, const RemediationFactory* remediation,
                             std::shared_ptr<const FailureTraceInputs> traces);

}  // namespace fleetsim::model
