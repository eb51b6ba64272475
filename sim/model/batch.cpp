/// Batch work: Poisson arrivals (optionally diurnal, by thinning), a pending queue per
/// zone ordered by priority then arrival, placement through the zone's policy, and
/// forwarding of long-waiting jobs to the next zone of the region.

#include <cmath>
#include <numbers>

#include <boost/random/exponential_distribution.hpp>

#include "sim/model/distributions.hpp"
#include "sim/model/fleet_model.hpp"

namespace fleetsim::model {

void FleetModel::schedule_arrival(core::Context& ctx, ZoneState& z, WorkloadId w) {
  BatchZone& bz = z.batch[w];
  const scenario::Arrival& a = s_.workloads[w].arrival;
  if (bz.rate_per_s <= 0) return;
  // Thinning (Lewis & Shedler): candidates at the peak rate, each kept with
  // probability rate(t) / peak. Without a diurnal profile every candidate is kept.
  const double peak = bz.rate_per_s * (1.0 + a.diurnal_amplitude);
  boost::random::exponential_distribution<double> gap(peak);
  Time t = ctx.now();
  for (;;) {
    t += static_cast<Duration>(std::llround(gap(bz.arrivals) * 1e6));
    if (t >= s_.duration) return;
    if (a.diurnal_amplitude <= 0) break;
    const double hour = std::fmod(to_seconds(t) / 3600.0, 24.0);
    const double rate = bz.rate_per_s *
                        (1.0 + a.diurnal_amplitude * std::cos(2 * std::numbers::pi * (hour - a.diurnal_peak_hour) / 24.0));
    if (bz.arrivals.uniform01() * peak < rate) break;
  }
  ctx.schedule(t, z.id, kArrival, w);
}

void FleetModel::on_arrival(core::Context& ctx, ZoneState& z, WorkloadId w) {
  BatchZone& bz = z.batch[w];
  const TaskId t = new_task(z, w);
  Task& task = z.tasks[t];
  task.submit = ctx.now();
  task.remaining = std::max<Duration>(1, sample_duration(s_.workloads[w].duration, bz.durations));
  task.forwarded = 0;
  task.started_once = false;
  ++bz.submitted;
  trace(z, ctx.now(), TraceKind::JobSubmit, -1, static_cast<std::int32_t>(w), to_seconds(task.remaining));
  enqueue_job(z, t);
  schedule_arrival(ctx, z, w);
}

void FleetModel::enqueue_job(ZoneState& z, TaskId t) {
  Task& task = z.tasks[t];
  task.state = TaskState::Pending;
  const scenario::Workload& wl = s_.workloads[task.workload];
  z.pending[wl.priority].push_back(t);
  ++z.pending_count;
  ++z.batch[task.workload].pending;
  if (s_.policies.overflow_after > 0 && !task.forwarded && task.job == kNone && topo_.regions()[topo_.zones()[z.id].region].zones.size() > 1) {
    z.new_pending.push_back(t);  // gets an overflow check if it is still waiting after this event
  }
  z.schedule_dirty = true;
}

void FleetModel::arm_overflow_checks(core::Context& ctx, ZoneState& z) {
  // Only jobs that really wait get a check: the zone's send horizon is its earliest
  // check, so checks for jobs that started at once would shrink windows for nothing.
  const Time at = ctx.now() + s_.policies.overflow_after;
  for (const TaskId t : z.new_pending) {
    const Task& task = z.tasks[t];
    if (task.state != TaskState::Pending || at >= s_.duration) continue;
    ctx.schedule(at, z.id, kOverflowCheck, t, task.gen);
    z.overflow_checks.push(at);
  }
  z.new_pending.clear();
}

bool FleetModel::start_job(core::Context& ctx, ZoneState& z, TaskId t, HostId range_first, HostId range_end,
                           HostId avoid) {
  Task& task = z.tasks[t];
  const scenario::Workload& wl = s_.workloads[task.workload];
  PlacementRequest req;
  req.need = need_of(z, task);
  req.workload = task.workload;
  req.priority = wl.priority;
  req.range_first = range_first;
  req.range_end = range_end;
  const bool hide = avoid != kNone && host_[avoid].schedulable;
  if (hide) {  // keep the host out of this placement only (a reservation)
    host_[avoid].schedulable = 0;
    z.index.update(avoid);
  }
  const HostId h = place(z, req);
  if (hide) {
    host_[avoid].schedulable = 1;
    z.index.update(avoid);
  }
  if (h == kNone) return false;
  bind(z, t, h, ctx.now());
  BatchZone& bz = z.batch[task.workload];
  --bz.pending;
  --z.pending_count;
  ++z.running_jobs;
  if (!task.started_once && task.submit >= s_.warmup) {
    const Duration wait = ctx.now() - task.submit;
    ++bz.started;
    if (wait > 0) bz.waits_s.push_back(to_seconds(wait));
  }
  if (task.job != kNone && !task.started_once) replay_started(z, task, ctx.now());
  task.started_once = true;
  // The host rides along in the high half of the payload, for prefetch() only.
  ctx.schedule(ctx.now() + task.remaining, z.id, kJobDone, t | (static_cast<std::uint64_t>(h) << 32), task.gen);
  trace(z, ctx.now(), TraceKind::JobStart, topo_.host_component(h), static_cast<std::int32_t>(task.workload),
        to_seconds(ctx.now() - task.submit));
  return true;
}

void FleetModel::run_pending(core::Context& ctx, ZoneState& z) {
  SchedulingPass pass(*this, ctx, z);  // the zone's queue discipline decides (queue_discipline.hpp)
  z.discipline->schedule(pass);
}

void FleetModel::on_job_done(core::Context& ctx, ZoneState& z, TaskId t, std::uint16_t gen) {
  Task& task = z.tasks[t];
  if (task.gen != gen || task.state != TaskState::Running) return;  // stopped earlier
  const HostId h = task.host;
  const WorkloadId w = task.workload;
  unbind(z, t, ctx.now());
  --z.running_jobs;
  if (ctx.now() >= s_.warmup) ++z.batch[w].completed;
  if (task.job != kNone) replay_ended(z, task, ctx.now());
  trace(z, ctx.now(), TraceKind::JobEnd, topo_.host_component(h), static_cast<std::int32_t>(w),
        to_seconds(ctx.now() - task.start));
  free_task(z, t);
}

void FleetModel::on_overflow_check(core::Context& ctx, ZoneState& z, TaskId t, std::uint16_t gen) {
  while (!z.overflow_checks.empty() && z.overflow_checks.top() <= ctx.now()) z.overflow_checks.pop();
  Task& task = z.tasks[t];
  if (task.gen != gen || task.state != TaskState::Pending || task.forwarded) return;
  const RegionInfo& region = topo_.regions()[topo_.zones()[z.id].region];
  std::size_t pos = 0;
  while (region.zones[pos] != z.id) ++pos;
  const ZoneId to = region.zones[(pos + 1) % region.zones.size()];
  const auto wait_ms = static_cast<std::uint64_t>(std::min<Duration>((ctx.now() - task.submit) / 1000, 0xffffffffLL));
  const auto rem_ms = static_cast<std::uint64_t>(std::clamp<Duration>((task.remaining + 999) / 1000, 1, 0xffffffffLL));
  ctx.schedule(ctx.now() + s_.control_latency, to, kForwardedJob, (rem_ms << 32) | wait_ms,
               static_cast<std::uint16_t>(task.workload));
  BatchZone& bz = z.batch[task.workload];
  --bz.pending;
  --z.pending_count;
  ++bz.forwarded_out;
  trace(z, ctx.now(), TraceKind::JobForward, -1, static_cast<std::int32_t>(task.workload), static_cast<double>(to));
  free_task(z, t);  // its queue entry is dropped lazily
}

void FleetModel::on_forwarded_job(core::Context& ctx, ZoneState& z, const core::Event& e) {
  const TaskId t = new_task(z, e.tag);
  Task& task = z.tasks[t];
  task.remaining = static_cast<Duration>(e.payload >> 32) * 1000;
  const auto wait_ms = static_cast<Duration>(e.payload & 0xffffffffu);
  task.submit = ctx.now() - s_.control_latency - wait_ms * 1000;
  task.forwarded = 1;
  task.started_once = false;
  enqueue_job(z, t);
}

}  // namespace fleetsim::model
