/// The zone controller: starts a zone's processes at t=0 and samples its time series.

#include "sim/model/fleet_model.hpp"

namespace fleetsim::model {

void FleetModel::on_zone_start(core::Context& ctx, ZoneState& z) {
  for (WorkloadId w = 0; w < s_.workloads.size(); ++w) {
    const scenario::Workload& wl = s_.workloads[w];
    if (wl.kind == scenario::WorkloadKind::Service || wl.kind == scenario::WorkloadKind::Vm) {
      on_reconcile(ctx, z, w);
    } else if (wl.kind == scenario::WorkloadKind::Batch) {
      schedule_arrival(ctx, z, w);
    } else if (job_trace(w)) {
      schedule_trace_arrival(ctx, z, w);
    }
  }
}

void FleetModel::on_sample(core::Context& ctx, ZoneState& z) {
  ZoneSamples& s = z.samples;
  s.hosts_up.push_back(z.hosts_up.value);
  s.cpu_used.push_back(z.total_cpu > 0 ? z.cpu_alloc.value / static_cast<double>(z.total_cpu) : 0);
  s.memory_used.push_back(z.total_mem > 0 ? z.mem_alloc.value / static_cast<double>(z.total_mem) : 0);
  s.pending_jobs.push_back(static_cast<double>(z.pending_count));
  s.running_jobs.push_back(static_cast<double>(z.running_jobs));
  for (WorkloadId w = 0; w < s_.workloads.size(); ++w) {
    s.running_by_workload[w].push_back(static_cast<double>(z.services[w].running));
    s.pending_by_workload[w].push_back(static_cast<double>(z.batch[w].pending));
  }
  sample_demand(z, ctx.now());
  const Time next = ctx.now() + s_.sample_interval;
  if (next < s_.duration) ctx.schedule(next, z.id, kSample);
}

}  // namespace fleetsim::model
