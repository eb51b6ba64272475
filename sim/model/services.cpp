/// The replica controller of services and VMs: per zone, reconcile running replicas
/// towards the desired count, honouring the spread constraint, and record every change
/// of the running count for the availability metrics.

#include "sim/model/fleet_model.hpp"

namespace fleetsim::model {

void FleetModel::request_reconcile(core::Context& ctx, ZoneState& z, WorkloadId w, Duration delay) {
  ServiceZone& sz = z.services[w];
  if (sz.reconcile_pending) return;
  sz.reconcile_pending = true;
  ctx.schedule(ctx.now() + delay, z.id, kReconcile, w);
}

void FleetModel::record_level(ZoneState& z, WorkloadId w, Time now) {
  ServiceZone& sz = z.services[w];
  if (!sz.levels.empty() && sz.levels.back().first == now) {
    sz.levels.back().second = sz.running;
  } else if (sz.levels.empty() || sz.levels.back().second != sz.running) {
    sz.levels.emplace_back(now, sz.running);
  }
}

void FleetModel::on_reconcile(core::Context& ctx, ZoneState& z, WorkloadId w) {
  ServiceZone& sz = z.services[w];
  sz.reconcile_pending = false;
  const scenario::Workload& wl = s_.workloads[w];
  PlacementRequest req;
  req.need = wl.resources;
  req.workload = w;
  req.priority = wl.priority;
  req.spread = wl.spread;
  req.spread_counts = sz.spread_counts.data();
  req.spread_limit = sz.spread_limit;
  const ZoneInfo& zi = topo_.zones()[z.id];
  const std::int64_t before = sz.running;
  sz.starved = false;
  while (sz.running < sz.desired) {
    const HostId h = place(z, req);
    if (h == kNone) {
      sz.starved = true;
      trace(z, ctx.now(), TraceKind::ReplicaPending, -1, static_cast<std::int32_t>(w),
            static_cast<double>(sz.desired - sz.running));
      break;
    }
    const TaskId t = new_task(z);
    z.tasks[t].workload = w;
    bind(z, t, h, ctx.now());
    ++sz.running;
    if (wl.spread == scenario::SpreadLevel::Rack) ++sz.spread_counts[rack_of_[h] - zi.first_rack];
    if (wl.spread == scenario::SpreadLevel::Host) ++sz.spread_counts[h - zi.first_host];
    if (ctx.now() > 0) {
      trace(z, ctx.now(), TraceKind::ReplicaStart, topo_.host_component(h), static_cast<std::int32_t>(w), 1);
    }
  }
  if (sz.running != before) record_level(z, w, ctx.now());
}

}  // namespace fleetsim::model
