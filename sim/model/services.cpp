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

void FleetModel::count_spread(ZoneState& z, WorkloadId w, HostId h, int delta) {
  ServiceZone& sz = z.services[w];
  const ZoneInfo& zi = topo_.zones()[z.id];
  switch (s_.workloads[w].spread) {
    case scenario::SpreadLevel::Rack: {
      const RackId r = host_[h].rack - zi.first_rack;
      sz.rack_order.erase({sz.spread_counts[r], r});
      sz.spread_counts[r] = static_cast<std::uint32_t>(static_cast<std::int64_t>(sz.spread_counts[r]) + delta);
      sz.rack_order.insert(sz.spread_counts[r], r);
      break;
    }
    case scenario::SpreadLevel::Host:
      sz.spread_counts[h - zi.first_host] = static_cast<std::uint32_t>(
          static_cast<std::int64_t>(sz.spread_counts[h - zi.first_host]) + delta);
      break;
    default: break;
  }
}

HostId FleetModel::place_rack_spread(ZoneState& z, PlacementRequest& req, ServiceZone& sz,
                                     std::vector<std::pair<std::uint32_t, RackId>>& full) {
  // Topology spread over racks: the least-loaded rack that has room, the policy choosing
  // the host inside it. A rack found full leaves the order for the rest of this pass
  // (placing only takes capacity) and is put back by the caller.
  // A rack found full stays full until one of its hosts changes (rack_epoch_): it is not
  // scanned again before (the scan would find no host and draw no random number).
  // The policy's last choice in a rack stands while the rack is unchanged since it was
  // placed on (its epoch then) and it still fits: asking again would give it back.
  const ZoneInfo& zi = topo_.zones()[z.id];
  const bool reuse = z.policy->keeps_choice_in_range() &&
                     (req.need.v[scenario::kCpu] > 0 || req.need.v[scenario::kMemory] > 0);
  while (!sz.rack_order.empty()) {
    const auto least = sz.rack_order.least();
    const RackId r = zi.first_rack + least.second;
    RackMemo& memo = sz.rack_memo[least.second];
    if (reuse && memo.pick != kNone && memo.pick_epoch == rack_epoch_[r] && view_of(z, req).feasible(memo.pick)) {
      return memo.pick;
    }
    if (memo.full_epoch != rack_epoch_[r]) {
      const RackInfo& rack = topo_.racks()[r];
      req.range_first = rack.first_host;
      req.range_end = rack.end_host;
      const HostId h = place(z, req);
      if (h != kNone) return h;
      memo.full_epoch = rack_epoch_[r];
    }
    sz.rack_order.erase(least);
    full.push_back(least);
  }
  return kNone;
}

PlacementRequest FleetModel::replica_request(ServiceZone& sz, WorkloadId w) const {
  const scenario::Workload& wl = s_.workloads[w];
  PlacementRequest req;
  req.need = wl.resources;
  req.workload = w;
  req.priority = wl.priority;
  if (wl.spread == scenario::SpreadLevel::Host) {
    req.spread = wl.spread;
    req.spread_counts = sz.spread_counts.data();
    req.spread_limit = sz.spread_limit;
  }
  return req;
}

void FleetModel::on_reconcile(core::Context& ctx, ZoneState& z, WorkloadId w) {
  ServiceZone& sz = z.services[w];
  sz.reconcile_pending = false;
  const scenario::Workload& wl = s_.workloads[w];
  PlacementRequest req = replica_request(sz, w);
  const bool by_rack = wl.spread == scenario::SpreadLevel::Rack;
  std::vector<std::pair<std::uint32_t, RackId>> full;
  const std::int64_t before = sz.running;
  sz.starved = false;
  while (sz.running < sz.desired) {
    const HostId h = by_rack ? place_rack_spread(z, req, sz, full) : place(z, req);
    if (h == kNone) {
      sz.starved = true;
      trace(z, ctx.now(), TraceKind::ReplicaPending, -1, static_cast<std::int32_t>(w),
            static_cast<double>(sz.desired - sz.running));
      break;
    }
    const TaskId t = new_task(z, w);
    z.tasks[t].version = sz.version;
    bind(z, t, h, ctx.now());
    ++sz.running;
    count_spread(z, w, h, +1);
    if (by_rack) {
      RackMemo& memo = sz.rack_memo[host_[h].rack - topo_.zones()[z.id].first_rack];
      memo.pick = h;
      memo.pick_epoch = rack_epoch_[host_[h].rack];
    }
    if (ctx.now() > 0) {
      trace(z, ctx.now(), TraceKind::ReplicaStart, topo_.host_component(h), static_cast<std::int32_t>(w), 1);
    }
  }
  for (const auto& r : full) sz.rack_order.insert(r);
  if (sz.running != before) record_level(z, w, ctx.now());
}

}  // namespace fleetsim::model
