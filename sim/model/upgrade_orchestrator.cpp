/// The orchestrator of one upgrade, in the control partition: cycles, waves, dispatch
/// under max_unavailable (global and per zone) and maintenance windows, bake, health
/// gates, halt and rollback. It knows hosts only through the reports their zones send.

#include <algorithm>
#include <cmath>

#include "sim/model/upgrade_controller.hpp"

namespace fleetsim::model {

namespace {
constexpr Duration kDay = days(1);
constexpr Duration kWeek = days(7);
constexpr Duration kHour = hours(1);
}  // namespace

bool UpgradeController::needs_health(const UpgradeRun& r) const {
  const auto& g = r.spec->health_gate;
  return g && (g->max_failure_rate || g->min_service_availability);
}

bool UpgradeController::in_window(const UpgradeRun& r, Time t) const {
  if (r.spec->windows.empty()) return true;
  const Time tw = t % kWeek;
  const auto day = static_cast<std::int64_t>(tw / kDay);
  const Time in_day = tw % kDay;
  for (const auto& w : r.spec->windows) {
    const bool day_ok = w.days.empty() || std::find(w.days.begin(), w.days.end(), day) != w.days.end();
    if (day_ok && in_day >= w.start_hour * kHour && in_day < w.end_hour * kHour) return true;
  }
  return false;
}

Time UpgradeController::next_window(const UpgradeRun& r, Time t) const {
  Time best = kTimeMax;
  const Time day0 = t - t % kDay;
  for (std::int64_t d = 0; d <= 7; ++d) {
    const Time start = day0 + d * kDay;
    const auto day = static_cast<std::int64_t>((start % kWeek) / kDay);
    for (const auto& w : r.spec->windows) {
      if (!w.days.empty() && std::find(w.days.begin(), w.days.end(), day) == w.days.end()) continue;
      const Time open = start + w.start_hour * kHour, close = start + w.end_hour * kHour;
      if (close > t) best = std::min(best, std::max(open, t));
    }
    if (best != kTimeMax) return best;
  }
  return t + kWeek;
}

void UpgradeController::on_start(core::Context& ctx, UpgradeRun& r, std::uint32_t cycle) {
  if (r.phase != UpPhase::Idle && r.phase != UpPhase::Done) {
    r.pending_cycle = cycle;  // the previous cycle still runs: start when it ends
    return;
  }
  r.cycle = cycle;
  r.cycle_start = ctx.now();
  r.phase = UpPhase::Running;
  r.policy = r.factory->make();
  r.waves = r.policy->plan_waves(r.targets);
  r.wave = 0;
  r.position.assign(r.targets.size(), 0);
  r.upgraded.assign(r.targets.size(), 0);
  r.deferred.clear();
  r.straggler_passes = 0;
  r.done = r.upgraded_count = r.failed_verifications = 0;
  r.reached_95 = false;
  r.paused_after_bake = false;
  ++r.cycles_started;
  if (r.bad[cycle]) ++r.bad_cycles;
  model_.trace_control(ctx.now(), trace_start_, -1, static_cast<std::int32_t>(r.index), cycle, control_key_);
  if (needs_health(r)) arm_poll(ctx, r);
  start_wave(ctx, r);
}

void UpgradeController::start_wave(core::Context& ctx, UpgradeRun& r) {
  std::vector<std::uint32_t> wave;
  if (r.wave < r.waves.size()) {
    wave = r.waves[r.wave];
  } else if (!r.deferred.empty() && r.straggler_passes < 3) {
    wave.swap(r.deferred);  // stragglers: hosts that could not start, once more
    ++r.straggler_passes;
  } else {
    finish_cycle(ctx, r, false);
    return;
  }
  r.phase = UpPhase::Running;
  ++r.waves_run;
  for (std::uint32_t k = 0; k < wave.size(); ++k) {
    const std::uint32_t t = wave[k];
    r.position[t] = k;
    r.queue[r.targets[t].zone].push_back(t);
  }
  model_.trace_control(ctx.now(), trace_wave_, -1, static_cast<std::int32_t>(r.index), r.wave, control_key_);
  dispatch(ctx, r);
}

void UpgradeController::dispatch(core::Context& ctx, UpgradeRun& r) {
  const bool rollback = r.phase == UpPhase::RollingBack;
  if (r.phase != UpPhase::Running && !rollback) return;
  bool waiting = false;
  for (const auto& q : r.queue) waiting = waiting || !q.empty();
  if (waiting && !rollback && !in_window(r, ctx.now())) {
    if (!r.window_armed) {
      r.window_armed = true;
      ctx.schedule(next_window(r, ctx.now()), r.entity, kUpWindowOpen);
    }
    return;
  }
  const auto Z = static_cast<ZoneId>(r.queue.size());
  while (r.in_flight < r.limit) {
    ZoneId pick = kNone;
    for (ZoneId z = 0; z < Z; ++z) {
      if (r.queue[z].empty() || r.zone_in_flight[z] >= r.zone_limit[z]) continue;
      if (pick == kNone || r.position[r.queue[z].front()] < r.position[r.queue[pick].front()]) pick = z;
    }
    if (pick == kNone) break;
    const std::uint32_t t = r.queue[pick].front();
    r.queue[pick].pop_front();
    send_command(ctx, r, t, rollback ? 1 : 0);
  }
  if (r.in_flight > 0) return;
  for (const auto& q : r.queue) {
    if (!q.empty()) return;
  }
  if (rollback) {
    finish_cycle(ctx, r, true);
  } else {
    wave_finished(ctx, r);
  }
}

void UpgradeController::send_command(core::Context& ctx, UpgradeRun& r, std::uint32_t target, std::uint8_t op) {
  const RolloutTarget& t = r.targets[target];
  const std::uint64_t payload = target | static_cast<std::uint64_t>(op) << 32 |
                                static_cast<std::uint64_t>(r.index) << 40 |
                                static_cast<std::uint64_t>(r.versions[r.cycle]) << 48;
  ++r.in_flight;
  ++r.zone_in_flight[t.zone];
  ctx.schedule(ctx.now() + delay_between(ctx.partition(), partition_of_zone(t.zone)), model_.host_entity(t.host),
               kUpHostCommand, payload);
}

void UpgradeController::on_report(core::Context& ctx, UpgradeRun& r, const core::Event& e) {
  const auto target = static_cast<std::uint32_t>(e.payload & 0xffffffffu);
  const auto outcome = static_cast<HostOutcome>((e.payload >> 32) & 0xff);
  const ZoneId zone = r.targets[target].zone;
  if (outcome == HostOutcome::VerifyFailed) {
    ++r.failed_verifications;
    ++r.failed_total;
    if (r.bad[r.cycle]) ++r.bad_reach;
    judge(ctx, r, false);
    return;
  }
  --r.in_flight;
  --r.zone_in_flight[zone];
  switch (outcome) {
    case HostOutcome::Upgraded: {
      ++r.done;
      r.upgraded[target] = 1;
      ++r.upgraded_count;
      ++r.hosts_upgraded;
      if (r.bad[r.cycle]) ++r.bad_reach;
      const auto need = static_cast<std::int64_t>(std::ceil(0.95 * static_cast<double>(r.targets.size()) - 1e-9));
      if (!r.reached_95 && r.upgraded_count >= need) {
        r.reached_95 = true;
        const Time at = ctx.now() - delay_between(partition_of_zone(zone), ctx.partition()) - report_lag(e);
        r.t95_max_s = std::max(r.t95_max_s, static_cast<double>(at - r.cycle_start) / 1e6);
      }
      if (r.phase == UpPhase::RollingBack) {
        r.position[target] = r.order++;
        r.queue[zone].push_back(target);
      }
      break;
    }
    case HostOutcome::Reverted:
    case HostOutcome::Skipped:
      ++r.done;
      if (outcome == HostOutcome::Skipped) ++r.skipped;
      break;
    case HostOutcome::Deferred:
      if (r.phase == UpPhase::Running || r.phase == UpPhase::Paused) r.deferred.push_back(target);
      break;
    case HostOutcome::RolledBack:
      r.upgraded[target] = 0;
      ++r.rolled_back_hosts;
      break;
    case HostOutcome::VerifyFailed: break;
  }
  if (r.phase == UpPhase::Halted) {
    if (r.in_flight == 0) finish_cycle(ctx, r, true);
    return;
  }
  dispatch(ctx, r);
}

void UpgradeController::wave_finished(core::Context& ctx, UpgradeRun& r) {
  const bool last = r.wave + 1 >= r.waves.size() && (r.deferred.empty() || r.straggler_passes >= 3);
  if (last) {
    r.wave = static_cast<std::uint32_t>(r.waves.size());
    start_wave(ctx, r);  // stragglers, or the end of the cycle
    return;
  }
  r.phase = UpPhase::Baking;
  if (r.spec->bake > 0) {
    ++r.timer_gen;
    ctx.schedule(ctx.now() + r.spec->bake, r.entity, kUpBakeEnd, 0, r.timer_gen);
  } else {
    judge(ctx, r, true);
  }
}

void UpgradeController::judge(core::Context& ctx, UpgradeRun& r, bool end_of_bake) {
  if (end_of_bake && needs_health(r)) {
    r.phase = UpPhase::Gating;
    if (r.replies_missing > 0) {
      r.query_end_of_bake = true;  // the query in flight decides
    } else {
      ask_health(ctx, r, true);
    }
    return;
  }
  GateView v;
  v.subject = RolloutSubject::Hosts;
  v.batch = r.wave;
  v.end_of_bake = end_of_bake;
  v.hosts_total = static_cast<std::int64_t>(r.targets.size());
  v.hosts_done = r.done;
  v.hosts_upgraded = r.upgraded_count;
  v.failed_verifications = r.failed_verifications;
  v.gate = r.spec->health_gate ? &*r.spec->health_gate : nullptr;
  apply(ctx, r, r.policy->gate(v), end_of_bake);
}

void UpgradeController::apply(core::Context& ctx, UpgradeRun& r, Verdict v, bool end_of_bake) {
  if (r.phase == UpPhase::Halted || r.phase == UpPhase::RollingBack || r.phase == UpPhase::Done ||
      r.phase == UpPhase::Idle) {
    return;
  }
  switch (v) {
    case Verdict::Halt:
    case Verdict::RollBack:
      r.halted = true;
      model_.trace_control(ctx.now(), trace_halt_, -1, static_cast<std::int32_t>(r.index),
                           v == Verdict::RollBack ? 2 : 1, control_key_);
      for (auto& q : r.queue) q.clear();
      r.deferred.clear();
      if (v == Verdict::RollBack) {
        start_rollback(ctx, r);
      } else {
        r.phase = UpPhase::Halted;
        if (r.in_flight == 0) finish_cycle(ctx, r, true);
      }
      return;
    case Verdict::Pause:
      if (!end_of_bake && (r.phase == UpPhase::Baking || r.phase == UpPhase::Gating)) return;  // the bake's end decides
      if (end_of_bake) r.paused_after_bake = true;
      r.phase = UpPhase::Paused;
      arm_poll(ctx, r);
      return;
    case Verdict::Advance:
      if (end_of_bake || r.paused_after_bake) {
        r.paused_after_bake = false;
        ++r.wave;
        start_wave(ctx, r);
      } else if (r.phase == UpPhase::Paused) {
        r.phase = UpPhase::Running;
        dispatch(ctx, r);
      }
      return;
  }
}

void UpgradeController::start_rollback(core::Context& ctx, UpgradeRun& r) {
  r.rolled_back = true;
  r.phase = UpPhase::RollingBack;
  r.order = 0;
  for (std::uint32_t t = 0; t < r.targets.size(); ++t) {
    if (!r.upgraded[t]) continue;
    r.position[t] = r.order++;
    r.queue[r.targets[t].zone].push_back(t);
  }
  dispatch(ctx, r);
}

void UpgradeController::finish_cycle(core::Context& ctx, UpgradeRun& r, bool halted) {
  r.phase = UpPhase::Done;
  ++r.timer_gen;  // cancels a pending bake
  const double took = static_cast<double>(ctx.now() - r.cycle_start) / 1e6;
  r.duration_max_s = std::max(r.duration_max_s, took);
  ++r.cycles_finished;
  if (!r.reached_95) r.unreached_95.push_back(r.cycle_start);
  model_.trace_control(ctx.now(), trace_end_, -1, static_cast<std::int32_t>(r.index), halted ? -took : took, control_key_);
  if (r.pending_cycle >= 0) {
    const auto c = static_cast<std::uint32_t>(r.pending_cycle);
    r.pending_cycle = -1;
    on_start(ctx, r, c);
  }
}

void UpgradeController::arm_poll(core::Context& ctx, UpgradeRun& r) {
  if (!needs_health(r) || r.poll_armed) return;
  r.poll_armed = true;
  ctx.schedule(ctx.now() + r.spec->health_gate->interval, r.entity, kUpHealthPoll);
}

void UpgradeController::ask_health(core::Context& ctx, UpgradeRun& r, bool end_of_bake) {
  ++r.query;
  std::int64_t per_zone = 1;
  for (WorkloadId w = 0; w < r.reply_missing.size(); ++w) {
    const auto k = model_.scenario().workloads[w].kind;
    if (k == scenario::WorkloadKind::Service || k == scenario::WorkloadKind::Vm) ++per_zone;
  }
  r.replies_missing = per_zone * static_cast<std::int64_t>(zones_.size());
  r.reply_failures = 0;
  std::fill(r.reply_missing.begin(), r.reply_missing.end(), 0);
  r.query_end_of_bake = end_of_bake;
  for (ZoneId z = 0; z < zones_.size(); ++z) {
    ctx.schedule(ctx.now() + delay_between(ctx.partition(), partition_of_zone(z)), zones_[z].agent, kUpHealthQuery,
                 r.index | static_cast<std::uint64_t>(r.cycle) << 8, r.query);
  }
}

void UpgradeController::on_health_reply(core::Context& ctx, UpgradeRun& r, const core::Event& e) {
  if (e.tag != r.query || r.replies_missing <= 0) return;
  const auto kind = e.payload >> 60;
  const auto value = static_cast<std::int64_t>(e.payload & 0xffffffffu);
  if (kind == 0) {
    r.reply_failures += value;
  } else {
    r.reply_missing[(e.payload >> 32) & 0xfffffff] += value;
  }
  if (--r.replies_missing > 0) return;
  GateView v;
  v.subject = RolloutSubject::Hosts;
  v.batch = r.wave;
  v.end_of_bake = r.query_end_of_bake;
  v.hosts_total = static_cast<std::int64_t>(r.targets.size());
  v.hosts_done = r.done;
  v.hosts_upgraded = r.upgraded_count;
  v.failed_verifications = r.failed_verifications;
  v.upgraded_failures = r.reply_failures;
  v.availability_known = true;
  for (WorkloadId w = 0; w < r.reply_missing.size(); ++w) {
    const std::int64_t desired = model_.desired_total(w);
    if (desired <= 0) continue;
    v.min_service_availability = std::min(
        v.min_service_availability, 1.0 - static_cast<double>(r.reply_missing[w]) / static_cast<double>(desired));
  }
  v.gate = r.spec->health_gate ? &*r.spec->health_gate : nullptr;
  apply(ctx, r, r.policy->gate(v), r.query_end_of_bake);
}

}  // namespace fleetsim::model
