#pragma once
/// Remediation policies (policies/remediation) decide which action to take next on a
/// broken host: the first action after detection, and the next one after an action
/// failed. The model owns everything else (detection, action durations and outcomes,
/// concurrency limits, paging); docs/failures-and-remediation.md has the state machine.
///
/// A policy is a pure function of the view it is shown and draws no random numbers. The
/// remediation controller relies on that: it replays a failure's ladder ahead of time
/// (with the same keyed draws) to know the earliest instant it may page a person, which
/// is what keeps the engine's parallel windows wide.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/time.hpp"
#include "sim/model/ids.hpp"

namespace fleetsim::model {

/// One entry of the resolved action table, as a policy sees it.
struct ActionInfo {
  std::string name;
  bool needs_person = false;  ///< paged to the on-call team
  bool urgent = true;         ///< person actions: false = only during work hours
};

/// What a policy sees when it decides.
struct RemediationView {
  std::uint32_t attempt = 0;         ///< actions already taken on this failure (0 at detection)
  std::uint32_t last_action = kNone; ///< the action that just failed; kNone at detection
  std::uint64_t faults = 1;          ///< faults of this host's process so far, this one included
  /// Time since this host's previous fault of the same process; empty for the first.
  std::optional<Duration> since_previous_fault;
};

class RemediationPolicy {
 public:
  virtual ~RemediationPolicy() = default;
  virtual std::string_view name() const = 0;
  /// The next action, an index into the action table. Same view, same answer.
  virtual std::uint32_t decide(const RemediationView& v) const = 0;
};

/// Made by the registry from a scenario's policy spec; makes the policy once the action
/// table is known.
class RemediationFactory {
 public:
  virtual ~RemediationFactory() = default;
  /// Names of the actions the policy may choose; each must be in the action table.
  virtual std::vector<std::string> actions() const = 0;
  /// The policy for `table`, which holds every name of actions().
  virtual std::unique_ptr<RemediationPolicy> make(const std::vector<ActionInfo>& table) const = 0;
};

}  // namespace fleetsim::model
