/// Service rollouts: the orchestrator (control partition) and the zone side.

#include "sim/model/rollout_controller.hpp"

#include <algorithm>
#include <cmath>

#include <boost/random/binomial_distribution.hpp>

namespace fleetsim::model {

RolloutController::RolloutController(FleetModel& model, std::vector<const RolloutFactory*> strategies)
    : model_(model) {
  const scenario::Scenario& s = model.scenario();
  const auto Z = static_cast<ZoneId>(model.topology().zones().size());
  runs_.resize(s.operations.rollouts.size());
  min_interval_ = kTimeMax;
  for (std::uint32_t i = 0; i < runs_.size(); ++i) {
    RolloutRun& r = runs_[i];
    r.spec = &s.operations.rollouts[i];
    r.index = i;
    r.factory = i < strategies.size() ? strategies[i] : nullptr;
    if (!r.factory) throw std::logic_error("rollout '" + r.spec->name + "' has no strategy");
    for (WorkloadId w = 0; w < s.workloads.size(); ++w) {
      if (s.workloads[w].name == r.spec->service) r.service = w;
    }
    r.entity = model.add_entity(model.control_partition());
    r.version = static_cast<std::uint16_t>(1 + i);
    if (r.spec->bad_release) {
      core::Rng rng(s.seed, core::purpose_id("rollout-bad-release"), i);
      r.bad = r.spec->bad_release->declared || rng.uniform01() < r.spec->bad_release->probability;
    }
    min_interval_ = std::min(min_interval_, r.spec->step_interval);
  }
  zone_runs_.assign(Z, std::vector<RolloutZone>(runs_.size()));
  for (ZoneId z = 0; z < Z; ++z) agents_.push_back(model.add_entity(partition_of_zone(z)));
  timers_.assign(Z, 0);
  due_.resize(Z);
  trace_start_ = model.add_trace_kind("rollout_start");
  trace_step_ = model.add_trace_kind("rollout_step");
  trace_end_ = model.add_trace_kind("rollout_end");
}

void RolloutController::start(core::Simulation& sim) {
  for (const RolloutRun& r : runs_) sim.schedule(r.spec->start, r.entity, kRoStart, r.index);
}

void RolloutController::handle(core::Context& ctx, const core::Event& e) {
  switch (e.kind) {
    case kRoStart:
    case kRoZoneDone:
    case kRoBakeEnd: {
      control_key_ = e.key;
      RolloutRun* r = nullptr;
      for (RolloutRun& x : runs_) {
        if (x.entity == e.target) r = &x;
      }
      if (!r) throw core::SimulationError("rollout event for an unknown orchestrator");
      if (e.kind == kRoStart) {
        r->started = ctx.now();
        r->policy = r->factory->make();
        r->steps = r->policy->plan_steps();
        model_.trace_control(ctx.now(), trace_start_, -1, static_cast<std::int32_t>(r->service), r->bad ? 1 : 0,
                             control_key_);
        r->step = 0;
        send_all(ctx, *r, RoOp::Step);
      } else if (e.kind == kRoZoneDone) {
        on_zone_done(ctx, *r);
      } else {
        on_bake_end(ctx, *r);
      }
      return;
    }
    case kRoCommand:
    case kRoBatch: {
      const ZoneId zid = e.target - agents_[0];
      ZoneState& z = model_.zone_state(zid);
      if (e.kind == kRoCommand) {
        on_command(ctx, z, e);
      } else {
        --timers_[zid];
        while (!due_[zid].empty() && due_[zid].top() <= ctx.now()) due_[zid].pop();
        on_batch(ctx, z, static_cast<std::uint32_t>(e.payload));
      }
      return;
    }
    default: throw core::SimulationError("rollout controller: unknown event kind " + std::to_string(e.kind));
  }
}

Time RolloutController::send_horizon(std::uint32_t partition, Time next) const {
  if (partition >= timers_.size() || model_.partition_count() == 1) return next;
  if (timers_[partition] == 0) return kTimeMax;
  Time h = next > kTimeMax - min_interval_ ? kTimeMax : next + min_interval_;
  if (!due_[partition].empty()) h = std::min(h, due_[partition].top());
  return h;
}

// ------------------------------------------------------------------ orchestrator

void RolloutController::send_all(core::Context& ctx, RolloutRun& r, RoOp op) {
  r.op = op;
  r.zones_pending = static_cast<std::int64_t>(agents_.size());
  if (op == RoOp::Step) {
    r.requests = r.errors = 0;
    r.bakes = 0;
    model_.trace_control(ctx.now(), trace_step_, -1, static_cast<std::int32_t>(r.service), r.steps[r.step].share,
                         control_key_);
  }
  for (ZoneId z = 0; z < agents_.size(); ++z) {
    ctx.schedule(ctx.now() + delay_between(ctx.partition(), partition_of_zone(z)), agents_[z], kRoCommand,
                 r.index | static_cast<std::uint64_t>(r.step) << 8 | static_cast<std::uint64_t>(op) << 24);
  }
}

void RolloutController::on_zone_done(core::Context& ctx, RolloutRun& r) {
  if (--r.zones_pending > 0) return;
  if (r.op != RoOp::Step) {
    end(ctx, r);
    return;
  }
  const Duration bake = std::max(r.steps[r.step].bake, r.spec->step_interval);
  ctx.schedule(ctx.now() + bake, r.entity, kRoBakeEnd);
}

void RolloutController::on_bake_end(core::Context& ctx, RolloutRun& r) {
  const ServiceStep& st = r.steps[r.step];
  const double bake_s = static_cast<double>(std::max(st.bake, r.spec->step_interval)) / 1e6;
  const auto n = static_cast<std::int64_t>(std::llround(st.traffic * r.spec->requests_per_s * bake_s));
  const double p = r.bad ? r.spec->bad_release->error_rate : r.spec->error_rate;
  core::Rng rng(model_.scenario().seed, core::purpose_id("rollout-analysis"),
                static_cast<std::uint64_t>(r.index) << 40 | static_cast<std::uint64_t>(r.step) << 20 | r.bakes);
  ++r.bakes;
  const double errors = n > 0 ? static_cast<double>(boost::random::binomial_distribution<std::int64_t>(n, p)(rng)) : 0;
  r.requests += static_cast<double>(n);
  r.errors += errors;
  r.requests_total += static_cast<double>(n);
  r.errors_total += errors;
  r.traffic_exposed = std::max(r.traffic_exposed, st.traffic);
  GateView v;
  v.subject = RolloutSubject::Service;
  v.batch = r.step;
  v.end_of_bake = true;
  v.requests = r.requests;
  v.errors = r.errors;
  v.rollout = r.spec;
  switch (r.policy->gate(v)) {
    case Verdict::Pause: ctx.schedule(ctx.now() + std::max(st.bake, r.spec->step_interval), r.entity, kRoBakeEnd); return;
    case Verdict::Halt:
      r.halted = true;
      send_all(ctx, r, RoOp::Halt);
      return;
    case Verdict::RollBack:
      r.rolled_back = true;
      send_all(ctx, r, RoOp::RollBack);
      return;
    case Verdict::Advance:
      ++r.steps_done;
      if (r.step + 1 < r.steps.size()) {
        ++r.step;
        send_all(ctx, r, RoOp::Step);
      } else {
        send_all(ctx, r, RoOp::Finish);
      }
      return;
  }
}

void RolloutController::end(core::Context& ctx, RolloutRun& r) {
  r.ended = ctx.now();
  model_.trace_control(ctx.now(), trace_end_, -1, static_cast<std::int32_t>(r.service),
                       static_cast<double>(r.ended - r.started) / 1e6 * (r.rolled_back || r.halted ? -1 : 1),
                       control_key_);
}

void RolloutController::finish(ModelResults& results, Time end_time) {
  for (const RolloutRun& r : runs_) {
    const std::string p = "rollout." + r.spec->name + ".";
    const Time stop = r.ended >= 0 ? r.ended : end_time;
    auto& m = results.metrics;
    m[p + "duration_s"] = r.started >= 0 ? static_cast<double>(stop - r.started) / 1e6 : 0;
    m[p + "completed"] = r.ended >= 0 && !r.rolled_back && !r.halted ? 1 : 0;
    m[p + "rolled_back"] = r.rolled_back ? 1 : 0;
    m[p + "halted"] = r.halted ? 1 : 0;
    m[p + "bad_release"] = r.bad ? 1 : 0;
    m[p + "caught"] = r.bad && (r.rolled_back || r.halted) ? 1 : 0;
    m[p + "steps_passed"] = r.steps_done;
    m[p + "traffic_exposed"] = r.traffic_exposed;
    m[p + "error_rate_seen"] = r.requests_total > 0 ? r.errors_total / r.requests_total : 0;
    std::int64_t fresh = 0;
    for (const ZoneState& z : model_.zones()) fresh += count(z, r).first;
    m[p + "replicas_on_new"] = static_cast<double>(fresh);
  }
}

// ------------------------------------------------------------------ zone side

std::pair<std::int64_t, std::int64_t> RolloutController::count(const ZoneState& z, const RolloutRun& r) const {
  std::int64_t fresh = 0, old = 0;
  for (const Task& t : z.tasks) {
    if (t.state != TaskState::Running || t.workload != r.service) continue;
    (t.version == r.version ? fresh : old) += 1;
  }
  return {fresh, old};
}

std::int64_t RolloutController::remove(core::Context& ctx, ZoneState& z, const RolloutRun& r, bool new_release,
                                       std::int64_t n) {
  std::int64_t removed = 0;
  for (TaskId t = 0; t < z.tasks.size() && removed < n; ++t) {
    const Task& task = z.tasks[t];
    if (task.state != TaskState::Running || task.workload != r.service) continue;
    if ((task.version == r.version) != new_release) continue;
    model_.stop_task(ctx, z, t, true);
    ++removed;
  }
  return removed;
}

void RolloutController::batch_timer(core::Context& ctx, ZoneState& z, std::uint32_t rollout, Duration in) {
  ++timers_[z.id];
  due_[z.id].push(ctx.now() + in);
  ctx.schedule(ctx.now() + in, agents_[z.id], kRoBatch, rollout);
}

void RolloutController::done(core::Context& ctx, ZoneState& z, std::uint32_t rollout) {
  zone_runs_[z.id][rollout].active = false;
  const RolloutRun& r = runs_[rollout];
  ctx.schedule(ctx.now() + delay_between(ctx.partition(), model_.control_partition()), r.entity, kRoZoneDone, z.id);
}

void RolloutController::on_command(core::Context& ctx, ZoneState& z, const core::Event& e) {
  const auto idx = static_cast<std::uint32_t>(e.payload & 0xff);
  const auto step = static_cast<std::uint32_t>((e.payload >> 8) & 0xffff);
  const auto op = static_cast<RoOp>((e.payload >> 24) & 0xff);
  const RolloutRun& r = runs_[idx];
  RolloutZone& rz = zone_runs_[z.id][idx];
  ServiceZone& sz = z.services[r.service];
  if (rz.base < 0) {
    rz.base = sz.desired;
    rz.old_version = sz.version;
  }
  if (rz.base == 0) {
    done(ctx, z, idx);
    return;
  }
  switch (op) {
    case RoOp::Step: {
      const ServiceStep& st = r.steps[step];
      rz.target_new = std::clamp<std::int64_t>(
          static_cast<std::int64_t>(std::ceil(st.share * static_cast<double>(rz.base) - 1e-9)), 1, rz.base);
      rz.parallel = st.parallel;
      sz.version = r.version;
      const auto [fresh, old] = count(z, r);
      if (st.parallel) {
        rz.surge = rz.target_new;
        rz.unavailable = 0;
      } else if (st.surge || st.unavailable) {
        rz.surge = st.surge ? st.surge->resolve(rz.base) : 0;
        rz.unavailable = st.unavailable ? st.unavailable->resolve(rz.base) : 0;
        if (rz.surge + rz.unavailable == 0) rz.surge = 1;
      } else {
        rz.surge = std::max<std::int64_t>(0, rz.target_new - fresh);
        rz.unavailable = 0;
      }
      (void)old;
      sz.desired = rz.base + rz.surge;
      rz.active = true;
      model_.request_reconcile(ctx, z, r.service, 0);
      batch_timer(ctx, z, idx, 0);  // after the reconcile just requested (same origin, later)
      return;
    }
    case RoOp::Finish:  // blue-green passed: the old set goes
      sz.desired = rz.base;
      remove(ctx, z, r, false, rz.base * 2);
      break;
    case RoOp::RollBack:
      sz.version = rz.old_version;
      sz.desired = rz.base;
      model_.request_reconcile(ctx, z, r.service, 0);
      remove(ctx, z, r, true, rz.base * 2);
      break;
    case RoOp::Halt: sz.desired = rz.base; break;
  }
  rz.active = false;
  done(ctx, z, idx);
}

void RolloutController::on_batch(core::Context& ctx, ZoneState& z, std::uint32_t idx) {
  const RolloutRun& r = runs_[idx];
  RolloutZone& rz = zone_runs_[z.id][idx];
  if (!rz.active) return;
  ServiceZone& sz = z.services[r.service];
  const auto [fresh, old] = count(z, r);
  if (rz.parallel) {
    if (fresh >= rz.target_new) {
      done(ctx, z, idx);
    } else {
      batch_timer(ctx, z, idx, r.spec->step_interval);
    }
    return;
  }
  const std::int64_t keep_old = rz.base - rz.target_new;
  if (old <= keep_old && fresh >= rz.target_new) {
    sz.desired = rz.base;
    std::int64_t excess = fresh + old - rz.base;
    if (excess > 0) excess -= remove(ctx, z, r, false, std::min(excess, old - keep_old));
    if (excess > 0) remove(ctx, z, r, true, excess);
    done(ctx, z, idx);
    return;
  }
  // Remove old replicas while at least base - unavailable keep running; the replica
  // controller replaces them with new ones (and keeps up to base + surge running).
  const std::int64_t floor = rz.base - rz.unavailable;
  const std::int64_t n = std::min({old - keep_old, sz.running - floor, rz.surge + rz.unavailable});
  if (n > 0) {
    model_.request_reconcile(ctx, z, r.service, 0);
    remove(ctx, z, r, false, n);
  }
  batch_timer(ctx, z, idx, r.spec->step_interval);
}

}  // namespace fleetsim::model
