/// The upgrade controller's setup, event routing and send horizon.

#include "sim/model/upgrade_controller.hpp"

#include <algorithm>

namespace fleetsim::model {

namespace {

/// A lower bound of a time-valued distribution (0 when it has none).
Duration lower_bound(const scenario::Distribution& d) {
  switch (d.kind) {
    case scenario::Distribution::Kind::Fixed: return static_cast<Duration>(d.a * 1e6);
    case scenario::Distribution::Kind::Uniform: return static_cast<Duration>(std::max(0.0, d.a) * 1e6);
    case scenario::Distribution::Kind::Empirical: {
      if (d.samples.empty()) return 0;
      return static_cast<Duration>(std::max(0.0, *std::min_element(d.samples.begin(), d.samples.end())) * 1e6);
    }
    default: return 0;
  }
}

bool listed(const std::vector<std::string>& names, const std::string& n) {
  return names.empty() || std::find(names.begin(), names.end(), n) != names.end();
}

}  // namespace

UpgradeController::UpgradeController(FleetModel& model, std::vector<const RolloutFactory*> strategies)
    : model_(model) {
  const scenario::Scenario& s = model.scenario();
  const Topology& topo = model.topology();
  const auto Z = static_cast<ZoneId>(topo.zones().size());
  const auto W = static_cast<WorkloadId>(s.workloads.size());
  const std::uint32_t control = model.control_partition();
  retry_interval_ = std::max(s.operations.reaction_delay, seconds(1));
  min_gap_ = retry_interval_;
  report_interval_ = s.operations.report_interval;
  runs_.resize(s.operations.upgrades.size());
  for (std::uint32_t i = 0; i < runs_.size(); ++i) {
    UpgradeRun& r = runs_[i];
    const scenario::Upgrade& u = s.operations.upgrades[i];
    r.spec = &u;
    r.index = i;
    r.factory = i < strategies.size() ? strategies[i] : nullptr;
    if (!r.factory) throw std::logic_error("upgrade '" + u.name + "' has no rollout strategy");
    r.entity = model.add_entity(control);
    r.zone_targets.assign(Z, 0);
    for (HostId h = 0; h < topo.host_count(); ++h) {
      const HostInfo& hi = topo.hosts()[h];
      const ZoneInfo& zi = topo.zones()[hi.zone];
      if (!listed(u.hosts.regions, topo.regions()[zi.region].name) || !listed(u.hosts.zones, zi.name) ||
          !listed(u.hosts.host_types, topo.host_types()[hi.type].name)) {
        continue;
      }
      r.targets.push_back({h, hi.zone, zi.region, hi.rack});
    }
    if (u.hosts.limit) {
      const auto n = static_cast<std::size_t>(u.hosts.limit->resolve(static_cast<std::int64_t>(r.targets.size())));
      if (n < r.targets.size()) r.targets.resize(n);
    }
    for (const RolloutTarget& t : r.targets) ++r.zone_targets[t.zone];
    const auto n = static_cast<std::int64_t>(r.targets.size());
    r.limit = std::max<std::int64_t>(1, u.max_unavailable.resolve(n));
    r.zone_limit.assign(Z, r.limit);
    if (u.max_unavailable_per_zone) {
      for (ZoneId z = 0; z < Z; ++z) {
        r.zone_limit[z] = std::max<std::int64_t>(1, u.max_unavailable_per_zone->resolve(r.zone_targets[z]));
      }
    }
    const Time first = u.start;
    const std::int64_t cycles = u.every > 0 && s.duration > first ? (s.duration - 1 - first) / u.every + 1 : 1;
    for (std::int64_t c = 0; c < cycles; ++c) {
      r.versions.push_back(static_cast<std::uint16_t>(1 + i * 4096 + c));
      bool bad = false;
      if (u.bad_version) {
        core::Rng rng(s.seed, core::purpose_id("upgrade-bad-version"), (static_cast<std::uint64_t>(i) << 32) | c);
        bad = u.bad_version->declared || rng.uniform01() < u.bad_version->probability;
      }
      r.bad.push_back(bad ? 1 : 0);
    }
    r.min_install = u.per_host ? lower_bound(*u.per_host) : minutes(20);
    min_gap_ = std::min({min_gap_, u.drain_timeout, r.min_install});
    if (u.verify > 0) min_gap_ = std::min(min_gap_, u.verify);
    r.zone_in_flight.assign(Z, 0);
    r.queue.resize(Z);
    r.reply_missing.assign(W, 0);
  }
  zones_.resize(Z);
  for (ZoneId z = 0; z < Z; ++z) {
    UpgradeZone& uz = zones_[z];
    uz.agent = model.add_entity(partition_of_zone(z));
    uz.allow.assign(W, 0);
    uz.out.assign(W, 0);
    uz.asked.assign(W, 0);
    uz.recalled.assign(W, 0);
    uz.need.assign(W, 0);
    uz.blocked_drains.assign(runs_.size(), 0);
    uz.forced.assign(runs_.size(), 0);
    uz.timeouts.assign(runs_.size(), 0);
    uz.failures.resize(runs_.size());
    for (std::size_t i = 0; i < runs_.size(); ++i) uz.failures[i].assign(runs_[i].versions.size(), 0);
    uz.cpu_out.resize(runs_.size());
  }
  work_.resize(topo.host_count());
  budget_.assign(W, -1);
  quantum_.assign(W, 1);
  for (WorkloadId w = 0; w < W; ++w) {
    const auto k = s.workloads[w].kind;
    if (k != scenario::WorkloadKind::Service && k != scenario::WorkloadKind::Vm) continue;
    const scenario::DisruptionBudget& db = s.workloads[w].disruption_budget;
    if (!db.max_unavailable && !db.min_available) continue;  // no budget: drains evict freely
    budget_[w] = std::max<std::int64_t>(0, model.desired_total(w) - model.min_available(w));
    quantum_[w] = std::max<std::int64_t>(1, (budget_[w] + Z - 1) / std::max<ZoneId>(Z, 1));
  }
  authority_ = model.add_entity(control);
  granted_.assign(W, 0);
  held_.assign(Z, std::vector<std::int64_t>(W, 0));
  waiting_.resize(W);
  recalling_.assign(W, 0);
  trace_start_ = model.add_trace_kind("upgrade_start");
  trace_wave_ = model.add_trace_kind("upgrade_wave");
  trace_end_ = model.add_trace_kind("upgrade_end");
  trace_halt_ = model.add_trace_kind("upgrade_halt");
  trace_host_start_ = model.add_trace_kind("host_upgrade_start");
  trace_host_end_ = model.add_trace_kind("host_upgrade_end");
  trace_blocked_ = model.add_trace_kind("drain_blocked");
  trace_migrated_ = model.add_trace_kind("vm_migrated");
}

void UpgradeController::start(core::Simulation& sim) {
  for (UpgradeRun& r : runs_) {
    for (std::uint32_t c = 0; c < r.versions.size(); ++c) {
      sim.schedule(r.spec->start + static_cast<Duration>(c) * r.spec->every, r.entity, kUpStart, c);
    }
  }
}

void UpgradeController::zone_timer(core::Context& ctx, ZoneState& z, Duration in, core::EntityId target,
                                   std::uint16_t kind, std::uint64_t payload, std::uint16_t tag, bool sends) {
  UpgradeZone& uz = zones_[z.id];
  ++uz.timers;
  // With batched reports only the report tick sends; every other timer leaves its
  // messages in the zone's outbox.
  if (sends && (report_interval_ <= 0 || kind == kUpReportTick)) uz.sendable.push(ctx.now() + in);
  ctx.schedule(ctx.now() + in, target, kind, payload, tag);
}

void UpgradeController::handle(core::Context& ctx, const core::Event& e) {
  const Topology& topo = model_.topology();
  auto run_of = [&]() -> UpgradeRun& {
    for (UpgradeRun& r : runs_) {
      if (r.entity == e.target) return r;
    }
    throw core::SimulationError("upgrade event for an unknown orchestrator entity");
  };
  auto host_zone = [&]() -> ZoneState& {
    return model_.zone_state(topo.hosts()[model_.entity_host(e.target)].zone);
  };
  auto agent_zone = [&]() -> ZoneState& { return model_.zone_state(e.target - zones_[0].agent); };
  const HostId h = model_.entity_host(e.target);
  const bool control = e.kind == kUpStart || e.kind == kUpHostReport || (e.kind >= kUpBakeEnd && e.kind <= kUpHealthPoll) ||
                       e.kind == kUpHealthReply || e.kind == kUpBudgetRequest || e.kind == kUpBudgetRelease;
  if (control) control_key_ = e.key;
  switch (e.kind) {
    case kUpStart: on_start(ctx, run_of(), static_cast<std::uint32_t>(e.payload)); return;
    case kUpHostReport: on_report(ctx, run_of(), e); return;
    case kUpBakeEnd: {
      UpgradeRun& r = run_of();
      if (e.tag == r.timer_gen && r.phase == UpPhase::Baking) judge(ctx, r, true);
      return;
    }
    case kUpWindowOpen: {
      UpgradeRun& r = run_of();
      r.window_armed = false;
      dispatch(ctx, r);
      return;
    }
    case kUpHealthPoll: {
      UpgradeRun& r = run_of();
      r.poll_armed = false;
      if (r.phase == UpPhase::Running || r.phase == UpPhase::Paused || r.phase == UpPhase::Baking) {
        if (r.replies_missing == 0) ask_health(ctx, r, false);
        arm_poll(ctx, r);
      }
      return;
    }
    case kUpHealthReply: on_health_reply(ctx, run_of(), e); return;
    case kUpBudgetRequest: on_budget_request(ctx, e); return;
    case kUpBudgetRelease: on_budget_release(ctx, e); return;
    case kUpHostCommand: on_command(ctx, e); return;
    case kUpHealthQuery: on_health_query(ctx, e); return;
    case kUpBudgetGrant: on_grant(ctx, agent_zone(), e); return;
    case kUpBudgetRecall: on_recall(ctx, agent_zone(), e); return;
    default: break;
  }
  // Timers of a zone: count them off and forget sendable times that have passed.
  const bool agent = e.kind == kUpDrainRetry || e.kind == kUpReleaseCheck || e.kind == kUpReportTick;
  ZoneState& z = agent ? agent_zone() : host_zone();
  UpgradeZone& uz = zones_[z.id];
  timer_done(z);
  while (!uz.sendable.empty() && uz.sendable.top() <= ctx.now()) uz.sendable.pop();
  HostWork& hw = work_[h < work_.size() ? h : 0];
  const bool current = !agent && e.tag == hw.gen;
  switch (e.kind) {
    case kUpDrainRetry: on_retry(ctx, z); break;
    case kUpReportTick: on_report_tick(ctx, z); break;
    case kUpReleaseCheck:
      uz.release_armed = false;
      release_idle(ctx, z);
      break;
    case kUpDrainTimeout:
      if (current && hw.step == kDraining) on_drain_timeout(ctx, z, h);
      break;
    case kUpMigrated:
      if (current && hw.step == kMigrating) install(ctx, z, h);
      break;
    case kUpInstalled:
      if (current && hw.step == kInstalling) on_installed(ctx, z, h);
      break;
    case kUpVerified:
      if (current && hw.step == kVerifying) on_verified(ctx, z, h);
      break;
    case kUpBadFailure: on_bad_failure(ctx, z, h, e.tag); break;
    case kUpBadRepair: on_bad_repair(ctx, z, h, e.tag); break;
    default: throw core::SimulationError("upgrade controller: unknown event kind " + std::to_string(e.kind));
  }
}

Time UpgradeController::send_horizon(std::uint32_t partition, Time next) const {
  if (partition >= zones_.size() || model_.partition_count() == 1) return next;
  const UpgradeZone& uz = zones_[partition];
  if (uz.timers == 0) return kTimeMax;  // only a message (which the engine accounts for) can start work
  // A timer created at or after `next` that may send fires min_gap_ later at the earliest;
  // with batched reports only a report tick sends, and the first one after `next` is the
  // earliest a zone event can arm.
  Time h = kTimeMax;
  if (report_interval_ > 0) {
    h = tick_after(next);
  } else if (next <= kTimeMax - min_gap_) {
    h = next + min_gap_;
  }
  if (!uz.sendable.empty()) h = std::min(h, uz.sendable.top());
  return h;
}

}  // namespace fleetsim::model
