/// Per-host upgrade work, in the host's zone: cordon, drain (budgets, live migration),
/// install, verify, uncordon, and the effects of a bad version. Every step's end that may
/// message the orchestrator is a timer registered with zone_timer(..., sends = true), so
/// the zone's send horizon stays known.

#include <algorithm>

#include "sim/model/distributions.hpp"
#include "sim/model/upgrade_controller.hpp"

namespace fleetsim::model {

namespace {
std::uint32_t cycle_of(const UpgradeRun& r, std::uint16_t version) {
  return static_cast<std::uint32_t>(version - r.versions[0]);
}
}  // namespace

void UpgradeController::report(core::Context& ctx, ZoneState& z, std::uint32_t run, std::uint32_t target,
                               HostOutcome o) {
  to_control(ctx, z, runs_[run].entity, kUpHostReport, target | static_cast<std::uint64_t>(o) << 32);
}

void UpgradeController::to_control(core::Context& ctx, ZoneState& z, core::EntityId target, std::uint16_t kind,
                                   std::uint64_t payload) {
  if (report_interval_ <= 0) {
    ctx.schedule(ctx.now() + delay_between(ctx.partition(), model_.control_partition()), target, kind, payload);
    return;
  }
  UpgradeZone& uz = zones_[z.id];
  uz.outbox.push_back({target, kind, payload, ctx.now()});
  if (!uz.tick_armed) {
    uz.tick_armed = true;
    zone_timer(ctx, z, tick_after(ctx.now()) - ctx.now(), uz.agent, kUpReportTick, 0, 0, true);
  }
}

void UpgradeController::on_report_tick(core::Context& ctx, ZoneState& z) {
  UpgradeZone& uz = zones_[z.id];
  uz.tick_armed = false;
  const Time at = ctx.now() + delay_between(ctx.partition(), model_.control_partition());
  for (const UpgradeZone::Outgoing& m : uz.outbox) {
    std::uint64_t payload = m.payload;
    std::uint16_t tag = 0;
    if (m.kind == kUpHostReport) set_report_lag(payload, tag, ctx.now() - m.at);
    ctx.schedule(at, m.target, m.kind, payload, tag);
  }
  uz.outbox.clear();
}

void UpgradeController::record_cpu_out(ZoneState& z, std::uint32_t run, Time now, std::int64_t delta) {
  auto& v = zones_[z.id].cpu_out[run];
  const std::int64_t cur = v.empty() ? 0 : v.back().second;
  if (!v.empty() && v.back().first == now) {
    v.back().second += delta;
  } else {
    v.emplace_back(now, cur + delta);
  }
}

void UpgradeController::on_command(core::Context& ctx, const core::Event& e) {
  const HostId h = model_.entity_host(e.target);
  ZoneState& z = model_.zone_state(model_.topology().hosts()[h].zone);
  UpgradeZone& uz = zones_[z.id];
  const auto target = static_cast<std::uint32_t>(e.payload & 0xffffffffu);
  const auto op = static_cast<std::uint8_t>((e.payload >> 32) & 0xff);
  const auto run = static_cast<std::uint8_t>((e.payload >> 40) & 0xff);
  const auto version = static_cast<std::uint16_t>(e.payload >> 48);
  HostWork& hw = work_[h];
  // A host that is busy (another upgrade), broken or taken out by someone else waits.
  const bool free = hw.step == kIdle && model_.admin_state(h) == HostState::Up;
  if (!free || (op == 0 && model_.host_state(h) != HostState::Up)) {  // a rollback also takes a broken host
    report(ctx, z, run, target, HostOutcome::Deferred);
    return;
  }
  ++hw.gen;
  hw.target = target;
  hw.run = run;
  hw.op = op;
  if (op == 0) {
    hw.prev = model_.host_version(h);
    hw.version = version;
    ++hw.bad_gen;  // a new version ends the bad one's failures
  } else {
    hw.version = hw.prev;
    ++hw.bad_gen;
  }
  hw.bad_count = 0;
  hw.step = kDraining;
  hw.blocked = false;
  hw.reverting = false;
  hw.drain_start = ctx.now();
  hw.migrate_until = ctx.now();
  ++uz.active;
  model_.set_admin(ctx, z, h, HostState::Draining);
  record_cpu_out(z, run, ctx.now(), model_.capacity(h).v[scenario::kCpu]);
  model_.trace(z, ctx.now(), trace_host_start_, model_.topology().host_component(h), -1, run);
  try_drain(ctx, z, h);
}

void UpgradeController::try_drain(core::Context& ctx, ZoneState& z, HostId h) {
  UpgradeZone& uz = zones_[z.id];
  HostWork& hw = work_[h];
  const scenario::Scenario& s = model_.scenario();
  settle(z);
  std::fill(uz.need.begin(), uz.need.end(), 0);
  model_.for_each_task(z, h, [&](TaskId t) {
    const WorkloadId w = z.tasks[t].workload;
    const scenario::Workload& wl = s.workloads[w];
    if (wl.kind != scenario::WorkloadKind::Service && wl.kind != scenario::WorkloadKind::Vm) {
      model_.stop_task(ctx, z, t, true);  // batch work goes back to the queue
    } else if (wl.kind == scenario::WorkloadKind::Vm && wl.live_migration && model_.relocate_task(ctx, z, t)) {
      const double copy_s = static_cast<double>(wl.resources.v[scenario::kMemory]) / wl.migration_bandwidth_bytes_per_s;
      hw.migrate_until = std::max(hw.migrate_until, ctx.now()) + static_cast<Duration>(copy_s * 1e6);
      model_.trace(z, ctx.now(), trace_migrated_, model_.topology().host_component(h), static_cast<std::int32_t>(w),
                   copy_s);
    } else if (!budgeted(w) || may_evict(z, w)) {
      model_.stop_task(ctx, z, t, true);
      ++uz.out[w];
      ++z.services[w].drain_evictions;
    } else {
      ++uz.need[w];
    }
  });
  if (model_.task_count(h) == 0) {
    drained(ctx, z, h, 0);
    return;
  }
  if (!hw.blocked) {
    hw.blocked = true;
    ++uz.blocked_drains[hw.run];
    uz.blocked.push_back(h);
    // The timeout counts from the start of the drain; armed only for drains that wait.
    const Duration left = std::max<Duration>(0, hw.drain_start + runs_[hw.run].spec->drain_timeout - ctx.now());
    zone_timer(ctx, z, left, model_.host_entity(h), kUpDrainTimeout, 0, hw.gen, true);
    model_.trace(z, ctx.now(), trace_blocked_, model_.topology().host_component(h), -1, hw.run);
  }
  for (WorkloadId w = 0; w < uz.need.size(); ++w) {
    if (uz.need[w] == 0) continue;
    const ServiceZone& sz = z.services[w];
    const std::int64_t missing = std::max<std::int64_t>(0, sz.desired - sz.running);
    ask_tokens(ctx, z, w, std::max<std::int64_t>(1, missing + uz.need[w] - uz.allow[w]));
  }
  arm_retry(ctx, z);
}

void UpgradeController::drained(core::Context& ctx, ZoneState& z, HostId h, Duration) {
  UpgradeZone& uz = zones_[z.id];
  HostWork& hw = work_[h];
  if (hw.blocked) {
    const auto it = std::find(uz.blocked.begin(), uz.blocked.end(), h);
    if (it != uz.blocked.end()) {
      *it = uz.blocked.back();
      uz.blocked.pop_back();
    }
  }
  if (hw.migrate_until > ctx.now()) {
    hw.step = kMigrating;
    zone_timer(ctx, z, hw.migrate_until - ctx.now(), model_.host_entity(h), kUpMigrated, 0, hw.gen, false);
    return;
  }
  install(ctx, z, h);
}

void UpgradeController::install(core::Context& ctx, ZoneState& z, HostId h) {
  HostWork& hw = work_[h];
  const UpgradeRun& r = runs_[hw.run];
  hw.step = kInstalling;
  if (model_.host_state(h) != HostState::Upgrading) model_.set_admin(ctx, z, h, HostState::Upgrading);
  Duration d = minutes(20);
  if (r.spec->per_host) {
    const std::uint64_t key = static_cast<std::uint64_t>(hw.version) << 34 | static_cast<std::uint64_t>(hw.op) << 33 |
                              static_cast<std::uint64_t>(hw.reverting) << 32 | h;
    core::Rng rng(model_.scenario().seed, core::purpose_id("upgrade-install"), key);
    d = sample_duration(*r.spec->per_host, rng);
  }
  zone_timer(ctx, z, d, model_.host_entity(h), kUpInstalled, 0, hw.gen, true);
}

void UpgradeController::on_installed(core::Context& ctx, ZoneState& z, HostId h) {
  HostWork& hw = work_[h];
  model_.set_host_version(h, hw.reverting ? hw.prev : hw.version);
  const Duration verify = runs_[hw.run].spec->verify;
  if (verify > 0) {
    hw.step = kVerifying;
    zone_timer(ctx, z, verify, model_.host_entity(h), kUpVerified, 0, hw.gen, true);
    return;
  }
  on_verified(ctx, z, h);
}

void UpgradeController::on_verified(core::Context& ctx, ZoneState& z, HostId h) {
  HostWork& hw = work_[h];
  const UpgradeRun& r = runs_[hw.run];
  if (hw.op == 1 || hw.reverting) {
    uncordon(ctx, z, h);
    report(ctx, z, hw.run, hw.target, hw.op == 1 ? HostOutcome::RolledBack : HostOutcome::Reverted);
    leave_pipeline(ctx, z, h);
    return;
  }
  const std::uint32_t cycle = cycle_of(r, hw.version);
  const bool bad = r.bad[cycle] != 0;
  if (bad) {
    core::Rng rng(model_.scenario().seed, core::purpose_id("upgrade-verify"),
                  static_cast<std::uint64_t>(hw.version) << 32 | h);
    if (rng.uniform01() < r.spec->bad_version->verify_failure) {
      report(ctx, z, hw.run, hw.target, HostOutcome::VerifyFailed);
      hw.reverting = true;  // back to the previous version, then uncordon
      install(ctx, z, h);
      return;
    }
  }
  uncordon(ctx, z, h);
  report(ctx, z, hw.run, hw.target, HostOutcome::Upgraded);
  if (bad && r.spec->bad_version->time_to_failure) {
    core::Rng rng(model_.scenario().seed, core::purpose_id("upgrade-bad-failure"),
                  static_cast<std::uint64_t>(hw.version) << 32 | h);
    zone_timer(ctx, z, sample_duration(*r.spec->bad_version->time_to_failure, rng), model_.host_entity(h),
               kUpBadFailure, 0, hw.bad_gen, false);
  }
  leave_pipeline(ctx, z, h);
}

void UpgradeController::uncordon(core::Context& ctx, ZoneState& z, HostId h) {
  HostWork& hw = work_[h];
  // Someone else (remediation) may have taken the host meanwhile: leave it to them.
  const HostState s = model_.admin_state(h);
  if (s == HostState::Upgrading || s == HostState::Draining) {
    model_.set_admin(ctx, z, h, HostState::Up);
  }
  record_cpu_out(z, hw.run, ctx.now(), -model_.capacity(h).v[scenario::kCpu]);
  model_.trace(z, ctx.now(), trace_host_end_, model_.topology().host_component(h), -1,
               static_cast<double>(ctx.now() - hw.drain_start) / 1e6);
}

void UpgradeController::leave_pipeline(core::Context& ctx, ZoneState& z, HostId h) {
  UpgradeZone& uz = zones_[z.id];
  work_[h].step = kIdle;
  if (--uz.active == 0) release_idle(ctx, z);
  honour_recalls(ctx, z);
}

void UpgradeController::on_drain_timeout(core::Context& ctx, ZoneState& z, HostId h) {
  UpgradeZone& uz = zones_[z.id];
  HostWork& hw = work_[h];
  ++uz.timeouts[hw.run];
  const std::string& action = runs_[hw.run].spec->drain_timeout_action;
  if (action == "force") {
    model_.for_each_task(z, h, [&](TaskId t) {
      const WorkloadId w = z.tasks[t].workload;
      const auto k = model_.scenario().workloads[w].kind;
      model_.stop_task(ctx, z, t, true);
      if (k == scenario::WorkloadKind::Service || k == scenario::WorkloadKind::Vm) {
        ++uz.forced[hw.run];
        ++uz.out[w];
        ++z.services[w].drain_evictions;
      }
    });
    drained(ctx, z, h, 0);
  } else if (action == "skip") {
    if (hw.blocked) {
      const auto it = std::find(uz.blocked.begin(), uz.blocked.end(), h);
      if (it != uz.blocked.end()) {
        *it = uz.blocked.back();
        uz.blocked.pop_back();
      }
    }
    uncordon(ctx, z, h);
    report(ctx, z, hw.run, hw.target, HostOutcome::Skipped);
    leave_pipeline(ctx, z, h);
  }
}

void UpgradeController::on_bad_failure(core::Context& ctx, ZoneState& z, HostId h, std::uint16_t gen) {
  HostWork& hw = work_[h];
  if (gen != hw.bad_gen) return;
  const UpgradeRun& r = runs_[hw.run];
  model_.add_down_cause(ctx, z, h);
  ++zones_[z.id].failures[hw.run][cycle_of(r, hw.version)];
  ++hw.bad_count;
  core::Rng rng(model_.scenario().seed, core::purpose_id("upgrade-bad-repair"),
                static_cast<std::uint64_t>(hw.bad_count) << 48 | static_cast<std::uint64_t>(hw.version) << 32 | h);
  zone_timer(ctx, z, sample_duration(r.spec->bad_version->repair, rng), model_.host_entity(h), kUpBadRepair, 0, gen,
             false);
}

void UpgradeController::on_bad_repair(core::Context& ctx, ZoneState& z, HostId h, std::uint16_t gen) {
  model_.remove_down_cause(ctx, z, h);
  HostWork& hw = work_[h];
  if (gen != hw.bad_gen) return;
  const UpgradeRun& r = runs_[hw.run];
  core::Rng rng(model_.scenario().seed, core::purpose_id("upgrade-bad-failure"),
                static_cast<std::uint64_t>(hw.bad_count) << 48 | static_cast<std::uint64_t>(hw.version) << 32 | h);
  zone_timer(ctx, z, sample_duration(*r.spec->bad_version->time_to_failure, rng), model_.host_entity(h),
             kUpBadFailure, 0, gen, false);
}

void UpgradeController::on_health_query(core::Context& ctx, const core::Event& e) {
  const ZoneId zid = e.target - zones_[0].agent;
  ZoneState& z = model_.zone_state(zid);
  const auto run = static_cast<std::uint32_t>(e.payload & 0xff);
  const auto cycle = static_cast<std::uint32_t>(e.payload >> 8);
  const UpgradeRun& r = runs_[run];
  const Time at = ctx.now() + delay_between(ctx.partition(), model_.control_partition());
  const auto failures = static_cast<std::uint64_t>(zones_[zid].failures[run][cycle]);
  ctx.schedule(at, r.entity, kUpHealthReply, failures & 0xffffffffu, e.tag);
  for (WorkloadId w = 0; w < z.services.size(); ++w) {
    const auto k = model_.scenario().workloads[w].kind;
    if (k != scenario::WorkloadKind::Service && k != scenario::WorkloadKind::Vm) continue;
    const ServiceZone& sz = z.services[w];
    const auto missing = static_cast<std::uint64_t>(std::max<std::int64_t>(0, sz.desired - sz.running));
    ctx.schedule(at, r.entity, kUpHealthReply, 1ull << 60 | static_cast<std::uint64_t>(w) << 32 | (missing & 0xffffffffu),
                 e.tag);
  }
}

}  // namespace fleetsim::model
