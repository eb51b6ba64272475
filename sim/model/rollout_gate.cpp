/// The standard health gate shared by the built-in rollout policies.

#include "sim/model/rollout_policy.hpp"

namespace fleetsim::model {

Verdict standard_gate(const GateView& v) {
  if (v.subject == RolloutSubject::Service) {
    const scenario::Rollout* r = v.rollout;
    if (!r) return Verdict::Advance;
    const bool fail = v.requests > 0 && v.errors / v.requests > r->max_error_rate;
    if (fail) return r->on_failure == "halt" ? Verdict::Halt : Verdict::RollBack;
    if (v.requests < static_cast<double>(r->min_requests)) return Verdict::Pause;
    return Verdict::Advance;
  }
  const scenario::HealthGate* g = v.gate;
  if (!g) return Verdict::Advance;
  const Verdict stop = g->action == "rollback" ? Verdict::RollBack : Verdict::Halt;
  if (g->max_failed_verifications) {
    const auto& q = *g->max_failed_verifications;
    const std::int64_t limit = q.percent ? q.resolve(std::max<std::int64_t>(v.hosts_done, 1)) : q.resolve(0);
    if (v.failed_verifications > limit) return stop;
  }
  if (g->max_failure_rate && v.hosts_upgraded > 0) {
    const double rate = static_cast<double>(v.upgraded_failures) / static_cast<double>(v.hosts_upgraded);
    if (rate > *g->max_failure_rate) return stop;
  }
  if (g->min_service_availability && v.availability_known &&
      v.min_service_availability < *g->min_service_availability) {
    return Verdict::Pause;
  }
  return Verdict::Advance;
}

}  // namespace fleetsim::model
