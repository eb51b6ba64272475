#pragma once
/// Controllers are the operations around the fleet (failure processes, remediation,
/// on-call people, host upgrades, service rollouts, capacity growth): state machines
/// driven by events. Each controller owns a range of event kinds; the model routes those
/// events to it. A controller's entities live either in zone partitions (state that is
/// per zone) or in the control partition (fleet-wide state such as an upgrade
/// orchestrator or an on-call team), and the two talk by messages that take the control
/// latency.

#include <cstdint>
#include <string>

#include "sim/core/simulation.hpp"

namespace fleetsim::model {

struct ModelResults;

class Controller {
 public:
  virtual ~Controller() = default;
  virtual std::string name() const = 0;
  /// Schedules the controller's initial events.
  virtual void start(core::Simulation& sim) = 0;
  /// Handles an event of one of the controller's kinds (any partition).
  virtual void handle(core::Context& ctx, const core::Event& e) = 0;
  /// The earliest time at which an event of this controller handled in `partition` may
  /// send a message to another partition, given that partition's next event time. The
  /// engine checks the promise at every send. kTimeMax: never sends from there.
  virtual Time send_horizon(std::uint32_t partition, Time next) const = 0;
  /// Adds the controller's metrics (and series) at the end of the run.
  virtual void finish(ModelResults& results, Time end) = 0;
};

}  // namespace fleetsim::model
