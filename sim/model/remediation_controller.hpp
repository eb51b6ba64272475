#pragma once
/// Remediation (spec.operations.remediation): per zone, broken hosts are detected after
/// the detection delay, then climb the action ladder the policy chooses. An automatic
/// action runs in the zone; an action that needs a person is paged to the on-call team
/// (a message to the control partition) and its result comes back as a message. A failed
/// action escalates to the next one; a successful one puts the host back in service.
///
/// Concurrency: a host holds one of its zone's slots from its first action to the end of
/// its last. A zone's slots are min(its share of max_concurrent, max_per_zone); the fleet-wide
/// max_concurrent is split among zones in proportion to their hosts (largest remainder),
/// so no zone asks another for permission (docs/failures-and-remediation.md weighs this against a
/// coordinator). Hosts detected while every slot is taken wait in FIFO order.
///
/// Randomness: detection delays, action durations and outcomes come from streams keyed by
/// (seed, purpose, process, host, fault, step), never shared. The policy is pure, so the
/// ladder of a fault can be replayed before it happens: the zone's send horizon is the
/// earliest instant any pending failure could page someone, which keeps windows wide.

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <queue>
#include <vector>

#include "sim/model/controller.hpp"
#include "sim/model/fleet_model.hpp"
#include "sim/model/remediation_actions.hpp"
#include "sim/model/remediation_policy.hpp"

namespace fleetsim::model {

class FailureController;
class OnCallController;

/// Event kinds of remediation (reserved range 200-299).
enum RemediationEvent : std::uint16_t {
  kDetect = 200,        ///< host entity; payload = process | k << 8: fault k is noticed
  kActionEnd = 201,     ///< host entity; payload as kDetect, tag = step: an automatic action ends
  kActionResult = 202,  ///< host entity (message from on-call); a person's action ends
  kRemediationLast = 299,
};

class RemediationController final : public Controller {
 public:
  RemediationController(FleetModel& model, const RemediationFactory& factory);

  void set_failures(FailureController* f) { failures_ = f; }
  void set_oncall(OnCallController* o) { oncall_ = o; }
  const std::vector<ActionSpec>& actions() const { return table_; }

  std::string name() const override { return "remediation"; }
  void start(core::Simulation&) override {}
  void handle(core::Context& ctx, const core::Event& e) override;
  Time send_horizon(std::uint32_t partition, Time next) const override;
  void finish(ModelResults& results, Time end) override;

  /// Fault k of process p on host h is scheduled at `at` (the previous one was at `prev`,
  /// or never when k == 1): notes the earliest instant it could page someone. Called by
  /// the failure controller from h's zone (or before the run).
  void expect_fault(HostId h, std::uint32_t p, std::uint64_t k, Time at, Time prev);
  /// Host h was broken by fault k of process p at now (prev: the previous fault's time).
  void on_failure(core::Context& ctx, ZoneState& z, HostId h, std::uint32_t p, std::uint64_t k, Time prev);

 private:
  enum class Phase : std::uint8_t { Detecting, Waiting, Acting, Paged };
  struct Incident {
    HostId host = 0;
    std::uint32_t process = 0;
    std::uint64_t k = 0;
    Time failed = 0, prev = -1, detected = 0, queued = 0;
    std::uint32_t step = 0;    ///< actions taken so far
    std::uint32_t action = kNone;
    Phase phase = Phase::Detecting;
    bool counted = false;      ///< waiting, and its ladder may page (waiting_pagers)
  };
  using MinHeap = std::priority_queue<Time, std::vector<Time>, std::greater<>>;
  struct Zone {
    std::int64_t quota = 1;
    std::int64_t in_progress = 0;
    std::int64_t in_progress_max = 0;
    std::deque<std::uint32_t> waiting;  ///< incident slots, FIFO
    std::int64_t waiting_pagers = 0;
    std::vector<Incident> pool;
    std::vector<std::uint32_t> free;
    mutable MinHeap page_bounds;  ///< lower bounds of instants a pending failure may page
    mutable MinHeap action_ends;  ///< pending automatic action ends (slot releases)
    // metrics (events at or after warmup)
    std::vector<std::uint64_t> started, fixed;  ///< per action
    std::uint64_t escalations = 0, detected = 0, pages = 0, waited = 0;
    double wait_s = 0;
  };

  RemediationView view(const Incident& inc) const;
  double outcome_draw(const Incident& inc, std::uint32_t step) const;
  Duration action_duration(HostId h, std::uint32_t p, std::uint64_t k, std::uint32_t step, std::uint32_t a) const;
  Duration detection_delay(HostId h, std::uint32_t p, std::uint64_t k) const;
  /// Replays the ladder from `step` (after `last`) with the keyed draws: the earliest
  /// instant it pages (`t` plus the automatic actions before the first person action),
  /// or kTimeMax when it fixes the host without one.
  Time page_bound(HostId h, std::uint32_t p, std::uint64_t k, Time prev, Time fault, std::uint32_t step,
                  std::uint32_t last, Time t) const;
  void on_detect(core::Context& ctx, ZoneState& z, HostId h);
  void start_action(core::Context& ctx, ZoneState& z, Zone& rz, std::uint32_t slot);
  void action_over(core::Context& ctx, ZoneState& z, HostId h);
  void release(core::Context& ctx, ZoneState& z, Zone& rz);

  FleetModel& model_;
  const scenario::Scenario& s_;
  const Topology& topo_;
  std::vector<ActionSpec> table_;
  std::unique_ptr<RemediationPolicy> policy_;
  FailureController* failures_ = nullptr;
  OnCallController* oncall_ = nullptr;
  bool may_page_ = false;  ///< some action needs a person
  std::uint32_t team_ = kNone;  ///< the on-call team paged
  std::vector<Zone> zones_;
  std::vector<std::uint32_t> incident_of_;  ///< per host: slot in its zone's pool, or kNone
  std::vector<std::uint16_t> trace_action_;  ///< trace kind per action
  std::uint16_t trace_detect_ = 0;
};

}  // namespace fleetsim::model
