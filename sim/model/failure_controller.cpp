#include "sim/model/failure_controller.hpp"

#include <algorithm>
#include <cmath>

#include "sim/model/distributions.hpp"
#include "sim/model/failure_targets.hpp"
#include "sim/model/remediation_controller.hpp"

namespace fleetsim::model {

namespace {

constexpr std::uint64_t kTtfPurpose = core::purpose_id("failure.time_to_failure");
constexpr std::uint64_t kRepairPurpose = core::purpose_id("failure.repair");

/// Stream key of (component, k): k in the high 32 bits.
std::uint64_t key(ComponentId c, std::uint64_t k) { return static_cast<std::uint64_t>(c) | (k << 32); }

std::uint64_t payload(std::uint32_t p, std::uint64_t k) { return p | (k << 8); }

}  // namespace

FailureController::FailureController(FleetModel& model, std::shared_ptr<const FailureTraceInputs> traces)
    : model_(model), s_(model.scenario()), topo_(model.topology()), traces_(std::move(traces)) {
  if (s_.failures.size() > 255) throw std::invalid_argument("at most 255 failure processes are supported");
  const auto Z = static_cast<ZoneId>(topo_.zones().size());
  health_.resize(topo_.host_count());
  stats_.resize(Z);
  calendar_.resize(Z);
  watch_index_.resize(s_.failures.size());
  watches_.resize(s_.failures.size());
  first_entity_ = static_cast<core::EntityId>(model_.entity_count());
  for (std::uint32_t p = 0; p < s_.failures.size(); ++p) {
    const scenario::FailureSpec& f = s_.failures[p];
    Process proc;
    proc.index = p;
    proc.kind = failure_kind(f.target);
    proc.traced = f.trace.has_value();
    if (proc.traced) {
      processes_.push_back(std::move(proc));
      const FailureTraceData& d = traces_->by_failure.at(p);
      for (const TracedHost& th : d.hosts) {
        watch_index_[p].emplace(th.host, static_cast<std::uint32_t>(watches_[p].size()));
        watches_[p].push_back({th.window_start, th.window_end, -1, 0});
      }
      continue;
    }
    std::vector<scenario::Diagnostic> errors;
    const std::vector<ComponentId> targets = failure_components(s_, topo_, p, errors);
    if (!errors.empty()) throw std::invalid_argument(errors.front().format());
    if (proc.kind == ComponentKind::Host) {
      proc.hosts.reserve(targets.size());
      for (ComponentId c : targets) proc.hosts.push_back(topo_.host_of(c));
      processes_.push_back(std::move(proc));
      continue;
    }
    processes_.push_back(std::move(proc));
    for (ComponentId c : targets) {
      if (failure_kind(f.target) == ComponentKind::Region) {  // one replica per zone, same stream
        for (ZoneId z : topo_.regions()[topo_.components()[c].index].zones) comps_.push_back({p, c, z, 0, 0});
      } else {
        comps_.push_back({p, c, topo_.components()[c].zone, 0, 0});
      }
    }
  }
  for (const CompEntity& ce : comps_) {
    const core::EntityId id = model_.add_entity(ce.zone);  // zone z is partition z
    if (id != first_entity_ + (&ce - comps_.data())) throw std::logic_error("failure entities are not contiguous");
  }
  trace_failure_ = model_.add_trace_kind("failure");
  trace_repair_ = model_.add_trace_kind("repair");
}

Duration FailureController::time_to_failure(std::uint32_t p, ComponentId c, std::uint64_t k) const {
  core::Rng rng(s_.seed, kTtfPurpose + p, key(c, k));
  return std::max<Duration>(1, sample_duration(*s_.failures[p].time_to_failure, rng));
}

Duration FailureController::repair_time(std::uint32_t p, ComponentId c, std::uint64_t k) const {
  core::Rng rng(s_.seed, kRepairPurpose + p, key(c, k));
  return std::max<Duration>(1, sample_duration(*s_.failures[p].repair, rng));
}

void FailureController::schedule_host_fault(core::Context* ctx, core::Simulation* sim, std::uint32_t p, HostId h,
                                            std::uint64_t k, Time at, Time prev) {
  if (at >= s_.duration) return;
  if (remediation_) remediation_->expect_fault(h, p, k, at, prev);
  add_due(ctx, sim, topo_.hosts()[h].zone, {at, h, 0, p, k});
}

void FailureController::add_due(core::Context* ctx, core::Simulation* sim, ZoneId z, const DueFault& f) {
  FaultCalendar& cal = calendar_[z];
  cal.heap.push_back(f);
  std::push_heap(cal.heap.begin(), cal.heap.end());
  if (f.at >= cal.armed) return;  // the armed event comes first; it re-arms for this one
  cal.armed = f.at;
  if (ctx) {
    ctx->schedule(f.at, model_.zone_entity(z), kFaultDue, 0);
  } else {
    sim->schedule(f.at, model_.zone_entity(z), kFaultDue, 0);
  }
}

void FailureController::on_faults_due(core::Context& ctx, ZoneId z) {
  FaultCalendar& cal = calendar_[z];
  if (ctx.now() != cal.armed) return;  // superseded by an earlier one
  // While armed == now, the next faults these ones schedule (all later) only join the heap.
  while (!cal.heap.empty() && cal.heap.front().at <= ctx.now()) {
    std::pop_heap(cal.heap.begin(), cal.heap.end());
    const DueFault f = cal.heap.back();
    cal.heap.pop_back();
    if (f.comp) {
      on_comp_fault(ctx, f.id, f.k);
    } else {
      on_host_fault(ctx, f.id, f.process, f.k);
    }
  }
  cal.armed = kTimeMax;
  if (!cal.heap.empty()) {
    cal.armed = cal.heap.front().at;
    ctx.schedule(cal.armed, model_.zone_entity(z), kFaultDue, 0);
  }
}

void FailureController::start(core::Simulation& sim) {
  for (const Process& proc : processes_) {
    const std::uint32_t p = proc.index;
    if (proc.traced) {
      const FailureTraceData& d = traces_->by_failure[p];
      for (std::size_t i = 0; i < d.outages.size(); ++i) {
        if (i == 0 || d.outages[i - 1].host != d.outages[i].host) {
          sim.schedule(d.outages[i].start, model_.host_entity(d.outages[i].host), kTraceDown, payload(p, i));
        }
      }
    } else if (proc.kind == ComponentKind::Host) {
      for (HostId h : proc.hosts) {
        schedule_host_fault(nullptr, &sim, p, h, 1, time_to_failure(p, topo_.host_component(h), 1), -1);
      }
    }
  }
  for (std::uint32_t i = 0; i < comps_.size(); ++i) {
    const CompEntity& ce = comps_[i];
    const Time at = time_to_failure(ce.process, ce.component, 1);
    if (at < s_.duration) add_due(nullptr, &sim, ce.zone, {at, i, 1, ce.process, 1});
  }
}

void FailureController::handle(core::Context& ctx, const core::Event& e) {
  const auto p = static_cast<std::uint32_t>(e.payload & 0xff);
  const std::uint64_t k = e.payload >> 8;
  const bool host = e.target < first_entity_;
  switch (e.kind) {
    case kFaultDue: on_faults_due(ctx, static_cast<ZoneId>(e.target)); break;
    case kRepaired:
      if (host) {
        const HostId h = model_.entity_host(e.target);
        host_repaired(ctx, model_.zone_state(topo_.hosts()[h].zone), h, health_[h].failed);
      } else {
        on_comp_repaired(ctx, e.target - first_entity_);
      }
      break;
    case kTraceDown:
    case kTraceUp: on_trace(ctx, model_.entity_host(e.target), p, k, e.kind == kTraceDown); break;
    default: throw core::SimulationError("failures: unknown event kind " + std::to_string(e.kind));
  }
}

void FailureController::on_host_fault(core::Context& ctx, HostId h, std::uint32_t p, std::uint64_t k) {
  const Time now = ctx.now();
  const ComponentId c = topo_.host_component(h);
  const ZoneId zid = topo_.hosts()[h].zone;
  ZoneState& z = model_.zone_state(zid);
  ZoneStats& st = stats_[zid];
  const Time prev = k > 1 ? now - time_to_failure(p, c, k) : -1;
  schedule_host_fault(&ctx, nullptr, p, h, k + 1, now + time_to_failure(p, c, k + 1), now);
  const bool counted = now >= s_.warmup;
  if (counted) ++st.faults[static_cast<int>(ComponentKind::Host)];
  HostHealth& hh = health_[h];
  if (hh.broken) {
    if (counted) ++st.absorbed;
    trace_event(z, now, trace_failure_, c, 0);
    return;
  }
  hh.broken = 1;
  hh.failed = now;
  if (counted) {
    ++st.outages[static_cast<int>(ComponentKind::Host)];
    ++st.host_outages;
  }
  trace_event(z, now, trace_failure_, c, 1);
  model_.add_down_cause(ctx, z, h);
  if (remediation_) {
    remediation_->on_failure(ctx, z, h, p, k, prev);
  } else {
    ctx.schedule(now + repair_time(p, c, k), model_.host_entity(h), kRepaired, payload(p, k));
  }
}

void FailureController::host_repaired(core::Context& ctx, ZoneState& z, HostId h, Time detected) {
  HostHealth& hh = health_[h];
  if (!hh.broken) throw core::SimulationError("failures: host " + topo_.name(topo_.host_component(h)) + " repaired twice");
  const Time now = ctx.now();
  hh.broken = 0;
  if (hh.failed >= s_.warmup) {  // outages that began after warmup
    ZoneStats& st = stats_[z.id];
    ++st.repaired;
    st.mttr_s += static_cast<double>(now - detected) / 1e6;
    st.outage_s += static_cast<double>(now - hh.failed) / 1e6;
  }
  trace_event(z, now, trace_repair_, topo_.host_component(h), static_cast<double>(now - hh.failed) / 1e6);
  model_.remove_down_cause(ctx, z, h);
}

template <class F>
void FailureController::for_impacted(ComponentId c, ZoneId z, F&& f) const {
  const ZoneInfo& zi = topo_.zones()[z];
  for (const HostRange& r : topo_.impact(c)) {
    const HostId a = std::max(r.first, zi.first_host), b = std::min(r.second, zi.end_host);
    for (HostId h = a; h < b; ++h) f(h);
  }
}

void FailureController::on_comp_fault(core::Context& ctx, std::uint32_t ent, std::uint64_t k) {
  CompEntity& ce = comps_[ent];
  const Time now = ctx.now();
  const Time next = now + time_to_failure(ce.process, ce.component, k + 1);
  if (next < s_.duration) add_due(&ctx, nullptr, ce.zone, {next, ent, 1, ce.process, k + 1});
  ZoneState& z = model_.zone_state(ce.zone);
  ZoneStats& st = stats_[ce.zone];
  const int kind = static_cast<int>(processes_[ce.process].kind);
  // A region's fault is counted once, by the replica in the region's first zone.
  const bool first = processes_[ce.process].kind != ComponentKind::Region ||
                     topo_.regions()[topo_.components()[ce.component].index].zones.front() == ce.zone;
  const bool counted = now >= s_.warmup && first;
  if (counted) ++st.faults[kind];
  if (ce.broken) {
    if (counted) ++st.absorbed;
    trace_event(z, now, trace_failure_, ce.component, 0);
    return;
  }
  ce.broken = 1;
  ce.failed = now;
  if (counted) ++st.outages[kind];
  trace_event(z, now, trace_failure_, ce.component, 1);
  for_impacted(ce.component, ce.zone, [&](HostId h) { model_.add_down_cause(ctx, z, h); });
  ctx.schedule(now + repair_time(ce.process, ce.component, k), first_entity_ + ent, kRepaired,
               payload(ce.process, k));
}

void FailureController::on_comp_repaired(core::Context& ctx, std::uint32_t ent) {
  CompEntity& ce = comps_[ent];
  ZoneState& z = model_.zone_state(ce.zone);
  ce.broken = 0;
  trace_event(z, ctx.now(), trace_repair_, ce.component, static_cast<double>(ctx.now() - ce.failed) / 1e6);
  for_impacted(ce.component, ce.zone, [&](HostId h) { model_.remove_down_cause(ctx, z, h); });
}

void FailureController::hold(core::Context& ctx, ZoneState& z, HostId h, bool down, TraceWatch* w) {
  const bool was = model_.host_state(h) == HostState::Down;
  if (down) {
    model_.add_down_cause(ctx, z, h);
  } else {
    model_.remove_down_cause(ctx, z, h);
  }
  const bool is = model_.host_state(h) == HostState::Down;
  if (!w || was == is) return;
  const Time now = ctx.now();
  if (is) {
    w->down_since = now;
  } else {
    const Time a = std::max(w->down_since, w->window_start), b = std::min(now, w->window_end);
    if (b > a) w->down += b - a;
    w->down_since = -1;
  }
}

void FailureController::on_trace(core::Context& ctx, HostId h, std::uint32_t p, std::uint64_t i, bool down) {
  const FailureTraceData& d = traces_->by_failure[p];
  const TraceOutage& o = d.outages[i];
  const ZoneId zid = topo_.hosts()[h].zone;
  ZoneState& z = model_.zone_state(zid);
  const auto it = watch_index_[p].find(h);
  TraceWatch* w = it == watch_index_[p].end() ? nullptr : &watches_[p][it->second];
  const Time now = ctx.now();
  const ComponentId c = topo_.host_component(h);
  ZoneStats& st = stats_[zid];
  if (down) {
    if (now >= s_.warmup) {
      ++st.faults[static_cast<int>(ComponentKind::Host)];
      ++st.outages[static_cast<int>(ComponentKind::Host)];
      ++st.host_outages;
    }
    trace_event(z, now, trace_failure_, c, 1);
    hold(ctx, z, h, true, w);
    ctx.schedule(std::min(o.end, s_.duration), model_.host_entity(h), kTraceUp, payload(p, i));
    return;
  }
  if (o.start >= s_.warmup) {
    ++st.repaired;
    st.mttr_s += static_cast<double>(now - o.start) / 1e6;
    st.outage_s += static_cast<double>(now - o.start) / 1e6;
  }
  trace_event(z, now, trace_repair_, c, static_cast<double>(now - o.start) / 1e6);
  hold(ctx, z, h, false, w);
  if (i + 1 < d.outages.size() && d.outages[i + 1].host == h) {
    ctx.schedule(d.outages[i + 1].start, model_.host_entity(h), kTraceDown, payload(p, i + 1));
  }
}

}  // namespace fleetsim::model
