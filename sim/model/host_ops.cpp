/// Host availability and its effects: a host leaves service when a failure holds it down
/// or it is taken out (upgrade, repair, retirement); everything running there stops the
/// same way, whatever the cause.

#include "sim/model/fleet_model.hpp"

namespace fleetsim::model {

void FleetModel::add_down_cause(core::Context& ctx, ZoneState& z, HostId h) {
  const bool was = in_service(h);
  const double stranded_before = stranded_of(h);
  ++host_[h].down;
  if (was) {
    trace(z, ctx.now(), TraceKind::HostDown, topo_.host_component(h), -1, 0);
    leave_service(ctx, z, h);
  }
  host_changed(z, h, ctx.now(), stranded_before);
}

void FleetModel::remove_down_cause(core::Context& ctx, ZoneState& z, HostId h) {
  if (host_[h].down == 0) throw core::SimulationError("host " + topo_.name(topo_.host_component(h)) + " restored twice");
  const double stranded_before = stranded_of(h);
  --host_[h].down;
  if (in_service(h)) {
    trace(z, ctx.now(), TraceKind::HostUp, topo_.host_component(h), -1, 0);
    enter_service(ctx, z, h);
  }
  host_changed(z, h, ctx.now(), stranded_before);
}

void FleetModel::set_admin(core::Context& ctx, ZoneState& z, HostId h, HostState to) {
  const bool was = in_service(h);
  const double stranded_before = stranded_of(h);
  host_[h].admin = to;
  const bool is = in_service(h);
  if (was && !is) leave_service(ctx, z, h);
  if (!was && is) enter_service(ctx, z, h);
  host_changed(z, h, ctx.now(), stranded_before);
  if (schedulable(h)) z.schedule_dirty = true;
}

void FleetModel::leave_service(core::Context& ctx, ZoneState& z, HostId h) {
  z.hosts_up.add(ctx.now(), s_.warmup, -1);
  for_each_task(z, h, [&](TaskId t) { stop_task(ctx, z, t, false); });
}

void FleetModel::enter_service(core::Context& ctx, ZoneState& z, HostId) {
  z.hosts_up.add(ctx.now(), s_.warmup, 1);
  z.schedule_dirty = true;
}

void FleetModel::stop_task(core::Context& ctx, ZoneState& z, TaskId t, bool evicted) {
  Task& task = z.tasks[t];
  const WorkloadId w = task.workload;
  const HostId h = task.host;
  const scenario::Workload& wl = s_.workloads[w];
  unbind(z, t, ctx.now());
  if (wl.kind == scenario::WorkloadKind::Batch || task.job != kNone) {
    // Work since the last checkpoint is lost; without checkpoints the job restarts.
    if (wl.checkpoint_interval > 0) {
      const Duration ran = ctx.now() - task.start;
      task.remaining = std::max<Duration>(1, task.remaining - ran / wl.checkpoint_interval * wl.checkpoint_interval);
    }
    ++task.gen;  // cancels its completion event
    --z.running_jobs;
    task.state = TaskState::Pending;
    z.pending[wl.priority].push_front(t);
    ++z.pending_count;
    ++z.batch[w].pending;
    ++z.batch[w].restarts;
    trace(z, ctx.now(), TraceKind::JobStop, topo_.host_component(h), static_cast<std::int32_t>(w), evicted ? 1 : 0);
    return;
  }
  ServiceZone& sz = z.services[w];
  --sz.running;
  count_spread(z, w, h, -1);
  record_level(z, w, ctx.now());
  trace(z, ctx.now(), TraceKind::ReplicaLost, topo_.host_component(h), static_cast<std::int32_t>(w), evicted ? 1 : 0);
  free_task(z, t);
  request_reconcile(ctx, z, w, s_.operations.reaction_delay);
}

}  // namespace fleetsim::model
