#pragma once
/// Service rollouts (spec.operations.rollouts): a new release of a service, step by step.
/// An orchestrator per rollout (control partition) sends each step to every zone, waits
/// for all zones to finish it, bakes, and judges the new release's error signal with the
/// rollout policy's gate (advance, extend the bake, halt or roll back). A zone runs a step
/// with the replica controller: new replicas get the new release, old ones are removed in
/// batches (surge first), or a full new set comes up beside the old one (blue-green).

#include <cstdint>
#include <memory>
#include <queue>
#include <string>
#include <vector>

#include "sim/model/fleet_model.hpp"
#include "sim/model/rollout_policy.hpp"

namespace fleetsim::model {

/// Event kinds of the rollout controller (reserved range 500-599).
enum RolloutEvent : std::uint16_t {
  kRoStart = 500,     ///< orchestrator: the rollout begins
  kRoCommand = 501,   ///< zone agent (message); payload = rollout | step << 8 | op << 24
  kRoBatch = 502,     ///< zone agent timer; payload = rollout
  kRoZoneDone = 503,  ///< orchestrator (message); payload = zone
  kRoBakeEnd = 504,   ///< orchestrator timer
  kRoLast = 599,
};

enum class RoOp : std::uint8_t { Step, Finish, RollBack, Halt };

/// One rollout, seen from the control partition.
struct RolloutRun {
  const scenario::Rollout* spec = nullptr;
  std::uint32_t index = 0;
  WorkloadId service = 0;
  core::EntityId entity = 0;
  const RolloutFactory* factory = nullptr;
  std::unique_ptr<RolloutPolicy> policy;
  std::vector<ServiceStep> steps;
  std::uint16_t version = 0;  // release id of the new version
  bool bad = false;
  std::uint32_t step = 0;
  RoOp op = RoOp::Step;
  std::int64_t zones_pending = 0;
  double requests = 0, errors = 0;  // seen in the current step's bakes
  std::uint32_t bakes = 0;          // bakes of the current step (for the random stream)
  Time started = -1, ended = -1;
  bool rolled_back = false, halted = false;
  std::uint32_t steps_done = 0;
  double traffic_exposed = 0;       // largest traffic share the new release served
  double requests_total = 0, errors_total = 0;
};

/// One rollout in one zone (written only by the zone).
struct RolloutZone {
  bool active = false;
  std::int64_t base = -1;      // desired replicas before the rollout
  std::uint16_t old_version = 0;
  std::int64_t target_new = 0;
  std::int64_t surge = 0, unavailable = 0;
  bool parallel = false;
};

class RolloutController final : public Controller {
 public:
  /// strategies[i] is the factory of rollouts[i].strategy.
  RolloutController(FleetModel& model, std::vector<const RolloutFactory*> strategies);
  std::string name() const override { return "rollouts"; }
  void start(core::Simulation& sim) override;
  void handle(core::Context& ctx, const core::Event& e) override;
  Time send_horizon(std::uint32_t partition, Time next) const override;
  void finish(ModelResults& results, Time end) override;

 private:
  void send_all(core::Context& ctx, RolloutRun& r, RoOp op);
  void on_zone_done(core::Context& ctx, RolloutRun& r);
  void on_bake_end(core::Context& ctx, RolloutRun& r);
  void end(core::Context& ctx, RolloutRun& r);
  void on_command(core::Context& ctx, ZoneState& z, const core::Event& e);
  void on_batch(core::Context& ctx, ZoneState& z, std::uint32_t rollout);
  void batch_timer(core::Context& ctx, ZoneState& z, std::uint32_t rollout, Duration in);
  void done(core::Context& ctx, ZoneState& z, std::uint32_t rollout);
  /// Running replicas of the rollout's service in zone z on the new release, and the others.
  std::pair<std::int64_t, std::int64_t> count(const ZoneState& z, const RolloutRun& r) const;
  /// Stops up to n running replicas of the service in z: of the new release or the others.
  std::int64_t remove(core::Context& ctx, ZoneState& z, const RolloutRun& r, bool new_release, std::int64_t n);
  std::uint32_t partition_of_zone(ZoneId z) const { return model_.partition_count() == 1 ? 0 : z; }
  Duration delay_between(std::uint32_t a, std::uint32_t b) const {
    return a == b ? 0 : model_.scenario().control_latency;
  }

  FleetModel& model_;
  std::vector<RolloutRun> runs_;
  std::vector<std::vector<RolloutZone>> zone_runs_;  // [zone][rollout]
  std::vector<core::EntityId> agents_;               // per zone
  std::vector<std::uint64_t> timers_;                // per zone: pending batch timers
  std::vector<std::priority_queue<Time, std::vector<Time>, std::greater<>>> due_;  // per zone: their times
  Duration min_interval_ = 0;
  std::uint64_t control_key_ = 0;
  std::uint16_t trace_start_ = 0, trace_step_ = 0, trace_end_ = 0;
};

}  // namespace fleetsim::model
