/// Disruption budgets for drains. A fleet-wide budget authority (control partition) holds
/// each service's budget (max unavailable = desired - min_available) and grants eviction
/// tokens to zones; the sum of the tokens zones hold never exceeds the budget. A zone
/// evicts a replica of service w only when, after the eviction, the replicas of w missing
/// in the zone (for any reason) do not exceed the tokens it holds. Tokens stay with a zone
/// while it has upgrade work, and go back when it is idle or when the authority recalls
/// them for another zone. Services without a declared budget are evicted freely.

#include <algorithm>

#include "sim/model/upgrade_controller.hpp"

namespace fleetsim::model {

bool UpgradeController::may_evict(ZoneState& z, WorkloadId w) const {
  const ServiceZone& sz = z.services[w];
  const std::int64_t missing = std::max<std::int64_t>(0, sz.desired - sz.running);
  return missing + 1 <= zones_[z.id].allow[w];
}

void UpgradeController::settle(ZoneState& z) {
  UpgradeZone& uz = zones_[z.id];
  for (WorkloadId w = 0; w < uz.out.size(); ++w) {
    if (uz.out[w] == 0) continue;
    const ServiceZone& sz = z.services[w];
    uz.out[w] = std::min(uz.out[w], std::max<std::int64_t>(0, sz.desired - sz.running));
  }
}

void UpgradeController::ask_tokens(core::Context& ctx, ZoneState& z, WorkloadId w, std::int64_t n) {
  UpgradeZone& uz = zones_[z.id];
  if (uz.asked[w]) return;
  uz.asked[w] = 1;
  to_control(ctx, z, authority_, kUpBudgetRequest,
             static_cast<std::uint64_t>(z.id) << 48 | static_cast<std::uint64_t>(w) << 32 | static_cast<std::uint64_t>(n));
}

void UpgradeController::arm_retry(core::Context& ctx, ZoneState& z) {
  UpgradeZone& uz = zones_[z.id];
  if (uz.retry_armed) return;
  uz.retry_armed = true;
  zone_timer(ctx, z, retry_interval_, uz.agent, kUpDrainRetry, 0, 0, true);
}

void UpgradeController::on_retry(core::Context& ctx, ZoneState& z) {
  UpgradeZone& uz = zones_[z.id];
  uz.retry_armed = false;
  const std::vector<HostId> blocked = uz.blocked;
  for (HostId h : blocked) {
    if (work_[h].step == kDraining) try_drain(ctx, z, h);
  }
  if (!uz.blocked.empty()) arm_retry(ctx, z);
  honour_recalls(ctx, z);
  if (uz.active == 0) release_idle(ctx, z);
}

void UpgradeController::on_grant(core::Context& ctx, ZoneState& z, const core::Event& e) {
  UpgradeZone& uz = zones_[z.id];
  const auto w = static_cast<WorkloadId>((e.payload >> 32) & 0xffff);
  const auto n = static_cast<std::int64_t>(e.payload & 0xffffffffu);
  const bool partial = (e.payload >> 63) != 0;
  uz.allow[w] += n;
  if (!partial) uz.asked[w] = 0;
  const std::vector<HostId> blocked = uz.blocked;
  for (HostId h : blocked) {
    if (work_[h].step == kDraining) try_drain(ctx, z, h);
  }
  if (uz.active == 0) release_idle(ctx, z);
}

void UpgradeController::on_recall(core::Context& ctx, ZoneState& z, const core::Event& e) {
  zones_[z.id].recalled[static_cast<WorkloadId>(e.payload)] = 1;
  honour_recalls(ctx, z);
}

void UpgradeController::honour_recalls(core::Context& ctx, ZoneState& z) {
  UpgradeZone& uz = zones_[z.id];
  bool waiting = false;
  settle(z);
  for (WorkloadId w = 0; w < uz.recalled.size(); ++w) {
    if (!uz.recalled[w]) continue;
    const std::int64_t spare = uz.allow[w] - uz.out[w];
    if (spare > 0) {
      uz.recalled[w] = 0;
      give_back(ctx, z, w, spare);
    } else if (uz.allow[w] > 0) {
      waiting = true;  // every token is in use: give them back as replacements run
    } else {
      uz.recalled[w] = 0;
    }
  }
  if (waiting && !uz.release_armed) {
    uz.release_armed = true;
    zone_timer(ctx, z, retry_interval_, uz.agent, kUpReleaseCheck, 0, 0, true);
  }
}

void UpgradeController::release_idle(core::Context& ctx, ZoneState& z) {
  UpgradeZone& uz = zones_[z.id];
  if (uz.active > 0) {
    honour_recalls(ctx, z);
    return;
  }
  settle(z);
  bool holding = false;
  for (WorkloadId w = 0; w < uz.allow.size(); ++w) {
    const std::int64_t spare = uz.allow[w] - uz.out[w];
    if (spare > 0) give_back(ctx, z, w, spare);
    holding = holding || uz.allow[w] > 0;
  }
  if (holding && !uz.release_armed) {
    uz.release_armed = true;
    zone_timer(ctx, z, retry_interval_, uz.agent, kUpReleaseCheck, 0, 0, true);
  }
}

void UpgradeController::give_back(core::Context& ctx, ZoneState& z, WorkloadId w, std::int64_t n) {
  zones_[z.id].allow[w] -= n;
  to_control(ctx, z, authority_, kUpBudgetRelease,
             static_cast<std::uint64_t>(z.id) << 48 | static_cast<std::uint64_t>(w) << 32 | static_cast<std::uint64_t>(n));
}

// ------------------------------------------------------------------ the authority

namespace {
void send_grant(core::Context& ctx, core::EntityId agent, Duration delay, WorkloadId w, std::int64_t n, bool partial) {
  ctx.schedule(ctx.now() + delay, agent, kUpBudgetGrant,
               (partial ? 1ull << 63 : 0) | static_cast<std::uint64_t>(w) << 32 | static_cast<std::uint64_t>(n));
}
}  // namespace

void UpgradeController::on_budget_request(core::Context& ctx, const core::Event& e) {
  const auto z = static_cast<ZoneId>(e.payload >> 48);
  const auto w = static_cast<WorkloadId>((e.payload >> 32) & 0xffff);
  const auto n = static_cast<std::int64_t>(e.payload & 0xffffffffu);
  const Duration delay = delay_between(ctx.partition(), partition_of_zone(z));
  const std::int64_t free = budget_[w] - granted_[w];
  const std::int64_t g = std::min(free, std::max(n, quantum_[w]));
  const std::int64_t short_by = std::max<std::int64_t>(0, n - std::max<std::int64_t>(g, 0));
  if (g > 0) {
    granted_[w] += g;
    held_[z][w] += g;
  }
  if (short_by == 0) {
    send_grant(ctx, zones_[z].agent, delay, w, g, false);
    return;
  }
  if (g > 0) send_grant(ctx, zones_[z].agent, delay, w, g, true);
  waiting_[w].emplace_back(z, short_by);
  recalling_[w] = 1;
  for (ZoneId q = 0; q < zones_.size(); ++q) {
    if (q != z && held_[q][w] > 0) {
      ctx.schedule(ctx.now() + delay_between(ctx.partition(), partition_of_zone(q)), zones_[q].agent, kUpBudgetRecall,
                   w);
    }
  }
}

void UpgradeController::on_budget_release(core::Context& ctx, const core::Event& e) {
  const auto z = static_cast<ZoneId>(e.payload >> 48);
  const auto w = static_cast<WorkloadId>((e.payload >> 32) & 0xffff);
  const auto n = static_cast<std::int64_t>(e.payload & 0xffffffffu);
  granted_[w] -= n;
  held_[z][w] -= n;
  grant_waiting(ctx, w);
}

void UpgradeController::grant_waiting(core::Context& ctx, WorkloadId w) {
  auto& q = waiting_[w];
  while (!q.empty() && budget_[w] - granted_[w] > 0) {
    auto& [z, m] = q.front();
    const std::int64_t g = std::min(m, budget_[w] - granted_[w]);
    granted_[w] += g;
    held_[z][w] += g;
    m -= g;
    send_grant(ctx, zones_[z].agent, delay_between(ctx.partition(), partition_of_zone(z)), w, g, m > 0);
    if (m == 0) q.pop_front();
  }
  if (q.empty()) {
    recalling_[w] = 0;
    return;
  }
  for (ZoneId z = 0; z < zones_.size(); ++z) {  // still short: ask holders again
    if (z != q.front().first && held_[z][w] > 0) {
      ctx.schedule(ctx.now() + delay_between(ctx.partition(), partition_of_zone(z)), zones_[z].agent, kUpBudgetRecall,
                   w);
    }
  }
}

}  // namespace fleetsim::model
