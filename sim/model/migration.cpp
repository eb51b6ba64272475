/// Live migration of VMs off a draining host: the VM moves to another schedulable host of
/// its zone and keeps running, so the service loses no instance. The copy time is the
/// caller's (the upgrade controller holds the source host's drain until it has passed).

#include "sim/model/fleet_model.hpp"

namespace fleetsim::model {

bool FleetModel::relocate_task(core::Context& ctx, ZoneState& z, TaskId t) {
  Task& task = z.tasks[t];
  const WorkloadId w = task.workload;
  const HostId from = task.host;
  const scenario::Workload& wl = s_.workloads[w];
  ServiceZone& sz = z.services[w];
  count_spread(z, w, from, -1);
  PlacementRequest req = replica_request(sz, w);
  std::vector<std::pair<std::uint32_t, RackId>> full;
  const HostId to =
      wl.spread == scenario::SpreadLevel::Rack ? place_rack_spread(z, req, sz, full) : place(z, req);
  for (const auto& r : full) sz.rack_order.insert(r);
  if (to == kNone) {
    count_spread(z, w, from, +1);
    return false;
  }
  const Time started = task.start;
  unbind(z, t, ctx.now());
  bind(z, t, to, ctx.now());
  z.tasks[t].start = started;
  count_spread(z, w, to, +1);
  return true;
}

}  // namespace fleetsim::model
