#include "sim/model/remediation_controller.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "sim/model/apportion.hpp"
#include "sim/model/distributions.hpp"
#include "sim/model/failure_controller.hpp"
#include "sim/model/oncall_controller.hpp"

namespace fleetsim::model {

namespace {

constexpr std::uint64_t kDetectPurpose = core::purpose_id("remediation.detection");
constexpr std::uint64_t kOutcomePurpose = core::purpose_id("remediation.outcome");
constexpr std::uint64_t kDurationPurpose = core::purpose_id("remediation.duration");
constexpr std::uint32_t kMaxReplaySteps = 32;

std::uint64_t key(ComponentId c, std::uint64_t k, std::uint32_t step) {
  return static_cast<std::uint64_t>(c) | ((k & 0xffffff) << 32) | (static_cast<std::uint64_t>(step & 0xff) << 56);
}

std::uint64_t payload(std::uint32_t p, std::uint64_t k) { return p | (k << 8); }


}  // namespace

RemediationController::RemediationController(FleetModel& model, const RemediationFactory& factory)
    : model_(model), s_(model.scenario()), topo_(model.topology()) {
  const scenario::Remediation& r = *s_.operations.remediation;
  std::vector<scenario::Diagnostic> errors;
  table_ = action_table(r, errors);
  check_remediation(s_, factory, errors);
  if (!errors.empty()) throw std::invalid_argument("remediation: " + errors.front().format());
  policy_ = factory.make(action_infos(table_));
  team_ = remediation_team(s_);
  for (const std::string& name : factory.actions()) {
    for (const ActionSpec& a : table_) may_page_ = may_page_ || (a.name == name && a.needs_person);
  }
  const auto Z = topo_.zones().size();
  std::vector<double> hosts(Z);
  std::int64_t total = 0;
  for (std::size_t z = 0; z < Z; ++z) {
    const auto n = static_cast<std::int64_t>(topo_.zones()[z].hosts());
    hosts[z] = static_cast<double>(n);
    total += n;
  }
  // Every zone needs one slot (the loader refuses max_concurrent below the zone count);
  // the rest is shared in proportion to hosts, so the quotas add up to max_concurrent.
  const std::int64_t slots = r.max_concurrent.resolve(total);
  const auto zones = static_cast<std::int64_t>(Z);
  const std::vector<std::int64_t> share = split_proportional(std::max<std::int64_t>(slots - zones, 0), hosts);
  zones_.resize(Z);
  for (std::size_t z = 0; z < Z; ++z) {
    Zone& rz = zones_[z];
    rz.quota = 1 + share[z];
    if (r.max_per_zone) rz.quota = std::min(rz.quota, std::max<std::int64_t>(1, r.max_per_zone->resolve(hosts[z])));
    rz.started.assign(table_.size(), 0);
    rz.fixed.assign(table_.size(), 0);
  }
  incident_of_.assign(topo_.host_count(), kNone);
  trace_detect_ = model_.add_trace_kind("detected");
  for (const ActionSpec& a : table_) trace_action_.push_back(model_.add_trace_kind("remediation_" + a.name));
}

RemediationView RemediationController::view(const Incident& inc) const {
  RemediationView v;
  v.attempt = inc.step;
  v.last_action = inc.step == 0 ? kNone : inc.action;
  v.faults = inc.k;
  if (inc.prev >= 0) v.since_previous_fault = inc.failed - inc.prev;
  return v;
}

Duration RemediationController::detection_delay(HostId h, std::uint32_t p, std::uint64_t k) const {
  const auto& d = s_.operations.remediation->detection_delay;
  if (!d) return 0;
  core::Rng rng(s_.seed, kDetectPurpose + p, key(topo_.host_component(h), k, 0));
  return sample_duration(*d, rng);
}

double RemediationController::outcome_draw(const Incident& inc, std::uint32_t step) const {
  core::Rng rng(s_.seed, kOutcomePurpose + inc.process, key(topo_.host_component(inc.host), inc.k, step));
  return rng.uniform01();
}

Duration RemediationController::action_duration(HostId h, std::uint32_t p, std::uint64_t k, std::uint32_t step,
                                                std::uint32_t a) const {
  core::Rng rng(s_.seed, kDurationPurpose + p, key(topo_.host_component(h), k, step));
  const auto& dist = table_[a].duration ? *table_[a].duration : *s_.failures[p].repair;
  return std::max<Duration>(1, sample_duration(dist, rng));
}

Time RemediationController::page_bound(HostId h, std::uint32_t p, std::uint64_t k, Time prev, Time fault,
                                       std::uint32_t step, std::uint32_t last, Time t) const {
  Incident inc;
  inc.host = h;
  inc.process = p;
  inc.k = k;
  inc.prev = prev;
  inc.failed = fault;
  inc.action = last;
  for (std::uint32_t i = 0; i < kMaxReplaySteps; ++i, ++step) {
    inc.step = step;
    const std::uint32_t a = policy_->decide(view(inc));
    if (table_.at(a).needs_person) return t;
    if (outcome_draw(inc, step) < table_[a].success) return kTimeMax;
    t += action_duration(h, p, k, step, a);
    inc.action = a;
  }
  return t;  // still failing after many steps: a page may come later, never earlier
}

void RemediationController::expect_fault(HostId h, std::uint32_t p, std::uint64_t k, Time at, Time prev) {
  if (!may_page_) return;
  const Time b = page_bound(h, p, k, prev, at, 0, kNone, at + detection_delay(h, p, k));
  if (b < kTimeMax) zones_[topo_.hosts()[h].zone].page_bounds.push(b);
}

void RemediationController::on_failure(core::Context& ctx, ZoneState& z, HostId h, std::uint32_t p,
                                       std::uint64_t k, Time prev) {
  Zone& rz = zones_[z.id];
  std::uint32_t slot;
  if (!rz.free.empty()) {
    slot = rz.free.back();
    rz.free.pop_back();
  } else {
    slot = static_cast<std::uint32_t>(rz.pool.size());
    rz.pool.emplace_back();
  }
  Incident& inc = rz.pool[slot];
  inc = Incident{};
  inc.host = h;
  inc.process = p;
  inc.k = k;
  inc.failed = ctx.now();
  inc.prev = prev;
  incident_of_[h] = slot;
  ctx.schedule(ctx.now() + detection_delay(h, p, k), model_.host_entity(h), kDetect, payload(p, k));
}

void RemediationController::handle(core::Context& ctx, const core::Event& e) {
  const HostId h = model_.entity_host(e.target);
  ZoneState& z = model_.zone_state(topo_.hosts()[h].zone);
  const std::uint32_t slot = incident_of_[h];
  if (slot == kNone) throw core::SimulationError("remediation: event for host " + topo_.name(topo_.host_component(h)) +
                                                 " which has no open failure");
  switch (e.kind) {
    case kDetect: on_detect(ctx, z, h); break;
    case kActionEnd:
    case kActionResult: action_over(ctx, z, h); break;
    default: throw core::SimulationError("remediation: unknown event kind " + std::to_string(e.kind));
  }
}

void RemediationController::on_detect(core::Context& ctx, ZoneState& z, HostId h) {
  Zone& rz = zones_[z.id];
  const std::uint32_t slot = incident_of_[h];
  Incident& inc = rz.pool[slot];
  const Time now = ctx.now();
  inc.detected = now;
  if (now >= s_.warmup) ++rz.detected;
  model_.trace(z, now, trace_detect_, topo_.host_component(h), -1, static_cast<double>(now - inc.failed) / 1e6);
  if (rz.in_progress < rz.quota) {
    rz.in_progress_max = std::max(rz.in_progress_max, ++rz.in_progress);
    start_action(ctx, z, rz, slot);
    return;
  }
  inc.phase = Phase::Waiting;
  inc.queued = now;
  rz.waiting.push_back(slot);
  if (may_page_ && page_bound(h, inc.process, inc.k, inc.prev, inc.failed, 0, kNone, now) < kTimeMax) {
    inc.counted = true;
    ++rz.waiting_pagers;
  }
}

void RemediationController::start_action(core::Context& ctx, ZoneState&, Zone& rz, std::uint32_t slot) {
  Incident& inc = rz.pool[slot];
  const Time now = ctx.now();
  const std::uint32_t a = policy_->decide(view(inc));
  if (a >= table_.size()) throw core::SimulationError("remediation policy '" + std::string(policy_->name()) +
                                                      "' chose action " + std::to_string(a) + ", not in the table");
  const bool counted = inc.detected >= s_.warmup;  // incidents detected before warmup are not counted
  if (counted) ++rz.started[a];
  inc.action = a;
  const Duration work = action_duration(inc.host, inc.process, inc.k, inc.step, a);
  if (table_[a].needs_person) {
    inc.phase = Phase::Paged;
    if (counted) ++rz.pages;
    const auto ms = static_cast<std::uint64_t>(std::min<Duration>(work / 1000, 0xffffffffLL));
    ctx.schedule(now + s_.control_latency, oncall_->team_entity(team_), kPage,
                 inc.host | (ms << 32), static_cast<std::uint16_t>(a));
    return;
  }
  inc.phase = Phase::Acting;
  const Time end = now + work;
  ctx.schedule(end, model_.host_entity(inc.host), kActionEnd, payload(inc.process, inc.k),
               static_cast<std::uint16_t>(inc.step));
  if (!may_page_) return;
  rz.action_ends.push(end);
  if (outcome_draw(inc, inc.step) >= table_[a].success) {
    const Time b = page_bound(inc.host, inc.process, inc.k, inc.prev, inc.failed, inc.step + 1, a, end);
    if (b < kTimeMax) rz.page_bounds.push(b);
  }
}

void RemediationController::action_over(core::Context& ctx, ZoneState& z, HostId h) {
  Zone& rz = zones_[z.id];
  const std::uint32_t slot = incident_of_[h];
  Incident& inc = rz.pool[slot];
  if (inc.phase != Phase::Acting && inc.phase != Phase::Paged) {
    throw core::SimulationError("remediation: an action ended on host " + topo_.name(topo_.host_component(h)) +
                                " that was not being worked on");
  }
  const Time now = ctx.now();
  const std::uint32_t a = inc.action;
  const bool fixed = outcome_draw(inc, inc.step) < table_[a].success;
  model_.trace(z, now, trace_action_[a], topo_.host_component(h), -1, fixed ? 1 : 0);
  const bool counted = inc.detected >= s_.warmup;
  if (!fixed) {
    if (counted) ++rz.escalations;
    ++inc.step;
    start_action(ctx, z, rz, slot);
    return;
  }
  if (counted) ++rz.fixed[a];
  const Time detected = inc.detected;
  incident_of_[h] = kNone;
  rz.free.push_back(slot);
  failures_->host_repaired(ctx, z, h, detected);
  release(ctx, z, rz);
}

void RemediationController::release(core::Context& ctx, ZoneState& z, Zone& rz) {
  --rz.in_progress;
  while (!rz.waiting.empty() && rz.in_progress < rz.quota) {
    const std::uint32_t slot = rz.waiting.front();
    rz.waiting.pop_front();
    Incident& inc = rz.pool[slot];
    if (inc.counted) {
      inc.counted = false;
      --rz.waiting_pagers;
    }
    if (inc.detected >= s_.warmup) {
      ++rz.waited;
      rz.wait_s += static_cast<double>(ctx.now() - inc.queued) / 1e6;
    }
    rz.in_progress_max = std::max(rz.in_progress_max, ++rz.in_progress);
    start_action(ctx, z, rz, slot);
  }
}

Time RemediationController::send_horizon(std::uint32_t partition, Time next) const {
  if (!may_page_ || partition >= zones_.size() || (zones_.size() == 1 && partition > 0)) return kTimeMax;
  const Zone& rz = zones_[partition];
  while (!rz.page_bounds.empty() && rz.page_bounds.top() < next) rz.page_bounds.pop();
  while (!rz.action_ends.empty() && rz.action_ends.top() < next) rz.action_ends.pop();
  Time h = rz.page_bounds.empty() ? kTimeMax : rz.page_bounds.top();
  // A waiting host whose ladder pages may start (and page) when any action ends.
  if (rz.waiting_pagers > 0 && !rz.action_ends.empty()) h = std::min(h, rz.action_ends.top());
  return h;
}

void RemediationController::finish(ModelResults& results, Time) {
  auto& m = results.metrics;
  std::vector<std::uint64_t> started(table_.size(), 0), fixed(table_.size(), 0);
  std::uint64_t escalations = 0, detected = 0, pages = 0, waited = 0, open = 0, waiting = 0;
  std::int64_t peak = 0;
  double wait_s = 0;
  for (const Zone& rz : zones_) {
    for (std::size_t a = 0; a < table_.size(); ++a) {
      started[a] += rz.started[a];
      fixed[a] += rz.fixed[a];
    }
    escalations += rz.escalations;
    detected += rz.detected;
    pages += rz.pages;
    waited += rz.waited;
    wait_s += rz.wait_s;
    open += rz.pool.size() - rz.free.size();
    waiting += rz.waiting.size();
    peak = std::max(peak, rz.in_progress_max);
  }
  for (std::size_t a = 0; a < table_.size(); ++a) {
    m["remediation.actions." + table_[a].name] = static_cast<double>(started[a]);
    m["remediation.fixed." + table_[a].name] = static_cast<double>(fixed[a]);
  }
  m["remediation.escalations"] = static_cast<double>(escalations);
  m["remediation.detected"] = static_cast<double>(detected);
  m["remediation.pages"] = static_cast<double>(pages);
  m["remediation.slot_waits"] = static_cast<double>(waited);
  m["remediation.slot_wait_mean_s"] = waited ? wait_s / static_cast<double>(waited) : 0.0;
  m["remediation.open_at_end"] = static_cast<double>(open);
  m["remediation.waiting_at_end"] = static_cast<double>(waiting);
  m["remediation.zone_in_progress_max"] = static_cast<double>(peak);
}

}  // namespace fleetsim::model
