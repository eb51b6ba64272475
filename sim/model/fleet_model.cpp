#include "sim/model/fleet_model.hpp"

#include <algorithm>
#include <cmath>

#include "sim/model/apportion.hpp"

namespace fleetsim::model {

using scenario::kCpu;
using scenario::kMemory;
using scenario::SpreadLevel;
using scenario::WorkloadKind;

namespace {

bool replicated(WorkloadKind k) { return k == WorkloadKind::Service || k == WorkloadKind::Vm; }

}  // namespace

FleetModel::FleetModel(const scenario::Scenario& s, const PlacementFactory& placement, bool record_trace,
                       const QueueDisciplineFactory* queue, std::shared_ptr<const ReplayInputs> replay)
    : s_(s), replay_(std::move(replay)), topo_(s.topology), record_trace_(record_trace) {
  const std::uint64_t H = topo_.host_count();
  type_capacity_.clear();
  for (const auto& type : topo_.host_types()) type_capacity_.push_back(type.capacity);
  host_.assign(H, HostSlot{});
  for (HostId h = 0; h < H; ++h) {
    host_[h].type = topo_.hosts()[h].type;
    host_[h].rack = topo_.hosts()[h].rack;
    host_[h].free = type_capacity_[host_[h].type];
  }
  host_version_.assign(H, 0);
  rack_epoch_.assign(topo_.racks().size(), 0);

  const auto W = static_cast<WorkloadId>(s.workloads.size());
  for (const auto& w : s.workloads) {
    const std::int64_t m = w.resources.v[kMemory];
    if (m > 0 && (min_task_memory_ == 0 || m < min_task_memory_)) min_task_memory_ = m;
  }
  min_available_.assign(W, 0);
  desired_total_.assign(W, 0);
  samples_ = (s.duration + s.sample_interval - 1) / s.sample_interval;

  // Zone weights: cpu capacity, for splitting arrival rates and unspread replicas.
  const auto Z = static_cast<ZoneId>(topo_.zones().size());
  std::vector<double> cpu_weight(Z, 0), zone_weight(Z, 1), region_weight(Z, 0);
  for (ZoneId z = 0; z < Z; ++z) {
    const ZoneInfo& zi = topo_.zones()[z];
    for (HostId h = zi.first_host; h < zi.end_host; ++h) cpu_weight[z] += static_cast<double>(capacity(h).v[kCpu]);
    region_weight[z] = 1.0 / static_cast<double>(topo_.regions()[zi.region].zones.size());
  }
  double total_cpu = 0;
  for (double c : cpu_weight) total_cpu += c;

  zones_.resize(Z);
  for (ZoneId z = 0; z < Z; ++z) {
    ZoneState& zs = zones_[z];
    const ZoneInfo& zi = topo_.zones()[z];
    zs.id = z;
    std::int64_t max_cpu = 0;
    for (HostId h = zi.first_host; h < zi.end_host; ++h) {
      max_cpu = std::max(max_cpu, capacity(h).v[kCpu]);
      zs.total_cpu += capacity(h).v[kCpu];
      zs.total_mem += capacity(h).v[kMemory];
    }
    zs.hosts = static_cast<std::int64_t>(zi.hosts());
    zs.index.init(host_.data(), zi.first_host, static_cast<std::uint32_t>(zi.hosts()), max_cpu);
    for (HostId h = zi.first_host; h < zi.end_host; ++h) zs.index.update(h);
    zs.hosts_up.value = static_cast<double>(zs.hosts);
    for (HostId h = zi.first_host; h < zi.end_host; ++h) zs.stranded_cpu.value += stranded_of(h);
    zs.placement_rng = core::Rng(s.seed, core::purpose_id("placement"), z);
    zs.policy = placement.make();
    static const std::unique_ptr<QueueDisciplineFactory> greedy = make_greedy_discipline();
    zs.discipline = (queue ? queue : greedy.get())->make();
    zs.services.resize(W);
    zs.batch.resize(W);
    zs.samples.running_by_workload.resize(W);
    zs.samples.pending_by_workload.resize(W);
  }

  for (WorkloadId w = 0; w < W; ++w) {
    const scenario::Workload& wl = s.workloads[w];
    if (replicated(wl.kind)) {
      std::vector<double> weights;
      switch (wl.spread) {
        case SpreadLevel::Zone: weights = zone_weight; break;
        case SpreadLevel::Region: weights = region_weight; break;
        default: weights = cpu_weight; break;
      }
      const std::vector<std::int64_t> per_zone = split_proportional(wl.replicas, weights);
      desired_total_[w] = wl.replicas;
      std::int64_t min_avail = wl.replicas;
      if (wl.disruption_budget.min_available) {
        min_avail = wl.disruption_budget.min_available->resolve(wl.replicas);
      } else if (wl.disruption_budget.max_unavailable) {
        min_avail = wl.replicas - wl.disruption_budget.max_unavailable->resolve(wl.replicas);
      }
      min_available_[w] = std::clamp<std::int64_t>(min_avail, 0, wl.replicas);
      for (ZoneId z = 0; z < Z; ++z) {
        ServiceZone& sz = zones_[z].services[w];
        const ZoneInfo& zi = topo_.zones()[z];
        sz.desired = per_zone[z];
        if (wl.spread == SpreadLevel::Rack) {
          sz.spread_counts.assign(zi.end_rack - zi.first_rack, 0);
          sz.rack_order.init(zi.end_rack - zi.first_rack);
          sz.rack_memo.assign(zi.end_rack - zi.first_rack, RackMemo{});
        } else if (wl.spread == SpreadLevel::Host) {
          const auto hosts = zi.hosts();
          sz.spread_counts.assign(hosts, 0);
          sz.spread_limit = static_cast<std::uint32_t>(
              (static_cast<std::uint64_t>(sz.desired) + hosts - 1) / std::max<std::uint64_t>(hosts, 1));
        }
        sz.levels.emplace_back(0, 0);
      }
    } else if (wl.kind == WorkloadKind::Batch) {
      for (ZoneId z = 0; z < Z; ++z) {
        BatchZone& bz = zones_[z].batch[w];
        bz.rate_per_s = total_cpu > 0 ? wl.arrival.rate_per_s * cpu_weight[z] / total_cpu : 0;
        const std::uint64_t entity = (static_cast<std::uint64_t>(w) << 32) | z;
        bz.arrivals = core::Rng(s.seed, core::purpose_id("arrivals"), entity);
        bz.durations = core::Rng(s.seed, core::purpose_id("durations"), entity);
      }
    }
  }
  // The replicas' task slots, allocated once (the pool only grows by the few thousand
  // batch tasks of a zone; repeated doubling would copy and re-fault the whole pool).
  for (ZoneState& zs : zones_) {
    std::int64_t replicas = 0;
    for (const ServiceZone& sz : zs.services) replicas += sz.desired;
    zs.tasks.reserve(static_cast<std::size_t>(replicas) + 4096);
    const ZoneInfo& zi = topo_.zones()[zs.id];
    zs.host_tasks.homes(host_.data() + zi.first_host, static_cast<std::uint32_t>(zi.hosts()),
                        static_cast<std::size_t>(replicas) + 4096);
  }
  setup_replay();
}

std::uint32_t FleetModel::entity_count() const {
  return static_cast<std::uint32_t>(zones_.size() + topo_.host_count() + extra_entities_);
}

core::EntityId FleetModel::add_entity(std::uint32_t partition) {
  extra_partition_.push_back(partition);
  return static_cast<core::EntityId>(zones_.size() + topo_.host_count() + extra_entities_++);
}

void FleetModel::add_controller(std::unique_ptr<Controller> c, std::uint16_t first_kind, std::uint16_t last_kind) {
  for (const Route& r : routes_) {
    if (first_kind <= r.last && r.first <= last_kind) {
      throw std::logic_error("controller " + c->name() + " claims event kinds of " + r.controller->name());
    }
  }
  routes_.push_back({first_kind, last_kind, c.get()});
  controllers_.push_back(std::move(c));
}

std::uint16_t FleetModel::add_trace_kind(const std::string& name) {
  extra_trace_kinds_.push_back(name);
  return static_cast<std::uint16_t>(static_cast<std::size_t>(TraceKind::kCount) + extra_trace_kinds_.size() - 1);
}

std::vector<std::uint32_t> FleetModel::partition_map() const {
  if (partition_count() == 1) return {};
  std::vector<std::uint32_t> map(entity_count());
  for (ZoneId z = 0; z < zones_.size(); ++z) map[z] = z;
  const std::size_t Z = zones_.size();
  for (HostId h = 0; h < topo_.host_count(); ++h) map[Z + h] = topo_.hosts()[h].zone;
  for (std::uint32_t i = 0; i < extra_entities_; ++i) map[Z + topo_.host_count() + i] = extra_partition_[i];
  return map;
}

void FleetModel::schedule_initial(core::Simulation& sim) const {
  for (ZoneId z = 0; z < zones_.size(); ++z) {
    sim.schedule(0, z, kZoneStart);
    sim.schedule(0, z, kSample);
  }
  for (const auto& c : controllers_) c->start(sim);
}

void FleetModel::handle(core::Context& ctx, const core::Event& e) {
  ZoneState* zp = zone_of_partition(ctx.partition());
  if (zp) {
    zp->cur_key = e.key;
    zp->cur_sub = 0;
  } else {
    control_key_ = e.key;
    control_sub_ = 0;
  }
  if (e.kind >= kFirstControllerKind) {
    for (const Route& r : routes_) {
      if (e.kind >= r.first && e.kind <= r.last) {
        r.controller->handle(ctx, e);
        break;
      }
    }
  } else {
    ZoneState& z = *zp;
    switch (e.kind) {
      case kZoneStart: on_zone_start(ctx, z); break;
      case kSample: on_sample(ctx, z); break;
      case kArrival: on_arrival(ctx, z, static_cast<WorkloadId>(e.payload)); break;
      case kJobDone: on_job_done(ctx, z, static_cast<TaskId>(e.payload), e.tag); break;
      case kReconcile: on_reconcile(ctx, z, static_cast<WorkloadId>(e.payload)); break;
      case kOverflowCheck: on_overflow_check(ctx, z, static_cast<TaskId>(e.payload), e.tag); break;
      case kForwardedJob: on_forwarded_job(ctx, z, e); break;
      case kTraceArrival: on_trace_arrival(ctx, z, static_cast<WorkloadId>(e.payload)); break;
      default: throw core::SimulationError("fleet model: unknown event kind " + std::to_string(e.kind));
    }
  }
  if (zp && zp->schedule_dirty) {
    ZoneState& z = *zp;
    z.schedule_dirty = false;
    for (WorkloadId w = 0; w < z.services.size(); ++w) {
      if (z.services[w].starved && !z.services[w].reconcile_pending) on_reconcile(ctx, z, w);
    }
    if (z.pending_count > 0) run_pending(ctx, z);
  }
  if (zp && !zp->new_pending.empty()) arm_overflow_checks(ctx, *zp);
  if (observer) observer(*this, ctx.now());
}

Time FleetModel::send_horizon(std::uint32_t partition, Time next) const {
  Time h = kTimeMax;
  for (const auto& c : controllers_) h = std::min(h, c->send_horizon(partition, next));
  if (partition >= zones_.size() || (zones_.size() == 1 && partition > 0)) return std::min(h, next);
  // A zone sends batch jobs only when an overflow check fires. Checks pending now are in
  // the heap; a check created later is created at or after `next`, overflow_after later.
  const ZoneState& z = zones_[partition];
  const Duration after = s_.policies.overflow_after;
  if (after <= 0 || topo_.regions()[topo_.zones()[z.id].region].zones.size() < 2) return h;
  const Time later = next > kTimeMax - after ? kTimeMax : next + after;
  return std::min({h, later, z.overflow_checks.empty() ? kTimeMax : z.overflow_checks.top()});
}

PlacementView FleetModel::view_of(const ZoneState& z, const PlacementRequest& req) const {
  const ZoneInfo& zi = topo_.zones()[z.id];
  return PlacementView(req, z.index, host_.data(), type_capacity_.data(), zi.first_host,
                       static_cast<std::uint32_t>(zi.hosts()), zi.first_rack);
}

HostId FleetModel::place(ZoneState& z, const PlacementRequest& req) {
  if (z.index.top_bucket() < 0) return kNone;
  const PlacementView view = view_of(z, req);
  const HostId h = z.policy->place(view, z.placement_rng);
  if (h != kNone && !view.feasible(h)) {
    throw core::SimulationError("placement policy '" + std::string(z.policy->name()) +
                                "' returned an infeasible host " + topo_.name(topo_.host_component(h)));
  }
  return h;
}

TaskId FleetModel::new_task(ZoneState& z, WorkloadId w) {
  // Batch tasks and long-running replicas reuse slots from separate free lists: the few
  // thousand short-lived batch tasks of a zone then stay in a compact, cache-resident
  // part of the task table instead of scattering over the slots of moved replicas.
  auto& free_list = s_.workloads[w].kind == WorkloadKind::Batch ? z.free_batch_tasks : z.free_tasks;
  TaskId t;
  if (!free_list.empty()) {
    t = free_list.back();
    free_list.pop_back();
    z.tasks[t].job = kNone;
  } else {
    t = static_cast<TaskId>(z.tasks.size());
    z.tasks.emplace_back();
  }
  z.tasks[t].workload = w;
  return t;
}

void FleetModel::free_task(ZoneState& z, TaskId t) {
  Task& task = z.tasks[t];
  ++task.gen;
  task.state = TaskState::Free;
  task.host = kNone;
  (s_.workloads[task.workload].kind == WorkloadKind::Batch ? z.free_batch_tasks : z.free_tasks).push_back(t);
}

double FleetModel::stranded_of(HostId h) const {
  if (!schedulable(h) || min_task_memory_ == 0) return 0;
  return host_[h].free.v[kMemory] < min_task_memory_ ? static_cast<double>(host_[h].free.v[kCpu]) : 0.0;
}

void FleetModel::host_changed(ZoneState& z, HostId h, Time now, double stranded_before) {
  host_[h].schedulable = schedulable(h) ? 1 : 0;
  ++rack_epoch_[host_[h].rack];
  z.index.update(h);
  const double after = stranded_of(h);
  if (after != stranded_before) z.stranded_cpu.add(now, s_.warmup, after - stranded_before);
}

void FleetModel::bind(ZoneState& z, TaskId t, HostId h, Time now) {
  Task& task = z.tasks[t];
  const scenario::Resources& need = need_of(z, task);
  const double before = stranded_of(h);
  host_[h].free -= need;
  task.host = h;
  z.host_tasks.add(host_[h], t);
  task.state = TaskState::Running;
  task.start = now;
  z.cpu_alloc.add(now, s_.warmup, static_cast<double>(need.v[kCpu]));
  z.mem_alloc.add(now, s_.warmup, static_cast<double>(need.v[kMemory]));
  host_changed(z, h, now, before);
}

void FleetModel::unbind(ZoneState& z, TaskId t, Time now) {
  Task& task = z.tasks[t];
  const HostId h = task.host;
  const scenario::Resources& need = need_of(z, task);
  const double before = stranded_of(h);
  host_[h].free += need;
  z.host_tasks.remove(host_[h], t);
  z.cpu_alloc.add(now, s_.warmup, -static_cast<double>(need.v[kCpu]));
  z.mem_alloc.add(now, s_.warmup, -static_cast<double>(need.v[kMemory]));
  host_changed(z, h, now, before);
  z.schedule_dirty = true;
}

void FleetModel::trace_control(Time now, std::uint16_t kind, std::int64_t component, std::int32_t workload,
                               double value, std::uint64_t key) {
  if (!record_trace_) return;
  if (key != control_key_) {
    control_key_ = key;
    control_sub_ = 0;
  }
  control_trace_.push_back({key, control_sub_++, io::TraceEvent{now, kind, -1, component, workload, value}});
}

void FleetModel::trace(ZoneState& z, Time now, std::uint16_t kind, std::int64_t component,
                       std::int32_t workload, double value) {
  if (!record_trace_) return;
  z.trace.push_back({z.cur_key, z.cur_sub++,
                     io::TraceEvent{now, kind, static_cast<std::int32_t>(z.id), component, workload, value}});
}

}  // namespace fleetsim::model
