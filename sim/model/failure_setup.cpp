#include "sim/model/failure_setup.hpp"

#include <stdexcept>

#include "sim/model/failure_controller.hpp"
#include "sim/model/oncall_controller.hpp"
#include "sim/model/remediation_controller.hpp"

namespace fleetsim::model {

void add_failure_controllers(FleetModel& model, const RemediationFactory* remediation,
                             std::shared_ptr<const FailureTraceInputs> traces) {
  const scenario::Scenario& s = model.scenario();
  if (needs_failure_traces(s) && !traces) {
    std::vector<scenario::Diagnostic> errors;
    traces = load_failure_traces(s, errors);
    if (!errors.empty()) {
      std::string text;
      for (const auto& d : errors) text += d.format() + "\n";
      throw std::invalid_argument(text);
    }
  }
  std::unique_ptr<RemediationController> rem;
  if (s.operations.remediation) {
    if (!remediation) throw std::invalid_argument("the scenario has remediation but no remediation policy was built");
    rem = std::make_unique<RemediationController>(model, *remediation);
  }
  std::unique_ptr<OnCallController> oncall;
  if (!s.operations.oncall.empty()) {
    oncall = std::make_unique<OnCallController>(model, rem ? action_infos(rem->actions()) : std::vector<ActionInfo>{});
  }
  std::unique_ptr<FailureController> failures;
  if (!s.failures.empty()) failures = std::make_unique<FailureController>(model, traces);
  if (rem) {
    rem->set_failures(failures.get());
    rem->set_oncall(oncall.get());
  }
  if (failures) {
    failures->set_remediation(rem.get());
    model.add_controller(std::move(failures), kFaultDue, kFailureLast);
  }
  if (rem) model.add_controller(std::move(rem), kDetect, kRemediationLast);
  if (oncall) model.add_controller(std::move(oncall), kPage, kOnCallLast);
}

}  // namespace fleetsim::model
