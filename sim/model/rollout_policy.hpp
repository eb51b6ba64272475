#pragma once
/// The interface between the upgrade and rollout controllers and policies/rollout. A
/// rollout policy plans batches (waves of hosts, or steps of a service's replicas) and
/// judges the health seen during and after each one: advance, pause, halt or roll back.
/// It sees read-only views and returns decisions; it never touches model state.

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "sim/core/time.hpp"
#include "sim/model/ids.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleetsim::model {

/// What a rollout moves to a new version: hosts (upgrades) or a service's replicas.
enum class RolloutSubject : std::uint8_t { Hosts, Service };

/// A targeted host and its place in the topology, for grouping hosts into waves.
struct RolloutTarget {
  HostId host = kNone;
  ZoneId zone = 0;
  std::uint32_t region = 0;
  RackId rack = 0;
};

/// One step of a service rollout. Shares are of the service's desired replicas, per zone.
struct ServiceStep {
  double share = 1;    ///< (0, 1]: replicas on the new release once the step is done
  double traffic = 1;  ///< traffic weight of the new release while the step bakes
  Duration bake = 0;   ///< wait after the step, before the analysis gate
  /// Blue-green: bring up `share` of new replicas next to the old ones (no old replica
  /// stops), switch traffic, and remove the old ones only when the gate passes.
  bool parallel = false;
  /// In place: per batch, up to `surge` extra replicas run and up to `unavailable` are
  /// missing (counts resolved against each zone's desired replicas). Both unset: the
  /// whole step surges at once (a canary step).
  std::optional<scenario::Quantity> surge, unavailable;
};

/// Health seen by a gate. Host upgrades fill the host fields, service rollouts the
/// request fields; thresholds come from the scenario.
struct GateView {
  RolloutSubject subject = RolloutSubject::Hosts;
  std::uint32_t batch = 0;  ///< wave or step being judged (0-based)
  bool end_of_bake = false;  ///< the batch has baked (else a check while it runs)
  // hosts
  std::int64_t hosts_total = 0;           ///< targeted hosts
  std::int64_t hosts_done = 0;            ///< hosts that finished (any outcome)
  std::int64_t hosts_upgraded = 0;        ///< hosts now on the new version
  std::int64_t failed_verifications = 0;  ///< since the upgrade (cycle) began
  std::int64_t upgraded_failures = 0;     ///< failures of hosts on the new version
  double min_service_availability = 1;    ///< lowest share of desired replicas running, any service
  bool availability_known = false;        ///< zones answered a health query
  const scenario::HealthGate* gate = nullptr;  ///< null: no gate configured
  // services
  double requests = 0;  ///< requests the new release served while it baked
  double errors = 0;    ///< of which failed
  const scenario::Rollout* rollout = nullptr;
};

enum class Verdict : std::uint8_t { Advance, Pause, Halt, RollBack };

/// The built-in judgement: hosts halt (or roll back, per the gate's action) when failed
/// verifications or the failure rate exceed their limits and pause while a service is
/// below min_service_availability; services pause while fewer than min_requests were seen
/// and fail (halt or roll back, per on_failure) when the error rate exceeds max_error_rate.
Verdict standard_gate(const GateView& v);

/// A rollout policy instance (one per upgrade cycle or rollout).
class RolloutPolicy {
 public:
  virtual ~RolloutPolicy() = default;
  virtual std::string_view name() const = 0;
  /// Host upgrades: groups the targets (in host id order) into waves of indices into
  /// `targets`; every index appears exactly once. Waves run one after another.
  virtual std::vector<std::vector<std::uint32_t>> plan_waves(const std::vector<RolloutTarget>& targets) = 0;
  /// Service rollouts: the steps, in order; the last has share 1.
  virtual std::vector<ServiceStep> plan_steps() = 0;
  /// Judges a batch; the standard gate unless the policy knows better.
  virtual Verdict gate(const GateView& v) { return standard_gate(v); }
};

/// Makes instances of one configured policy; knows what it applies to.
class RolloutFactory {
 public:
  virtual ~RolloutFactory() = default;
  virtual std::string_view name() const = 0;
  virtual bool applies_to(RolloutSubject s) const = 0;
  virtual std::unique_ptr<RolloutPolicy> make() const = 0;
};

}  // namespace fleetsim::model
