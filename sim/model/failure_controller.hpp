#pragma once
/// Failure processes (spec.failures): every component of a target kind breaks and comes
/// back on its own schedule, or replays recorded outages; what depends on a broken
/// component (the topology's impact ranges) is held down with it.
///
/// Fault times form a renewal process in calendar time: fault k+1 of a component comes
/// time_to_failure after fault k, drawn from a stream keyed by (seed, process, component,
/// k) and by nothing else, so every policy sees the same faults at the same instants
/// (common random numbers). A fault that finds its component still broken is absorbed
/// (traced and counted, no new outage). With exponential times to failure this is the
/// alternating renewal process of the textbook (memoryless), so steady-state availability
/// is MTTF / (MTTF + MTTR). Repairs draw from their own streams.
///
/// Faults wait in a calendar per zone (a heap of (time, host or component)), and only its
/// earliest entry is an event of the engine: a million hosts and their racks would
/// otherwise keep a million pending events in the partitions' heaps, and every other
/// event of the run would pay for their depth.
///
/// A host's own fault goes to remediation when the scenario has it (which decides when the
/// host is fixed); otherwise the host comes back after the process's `repair` draw.
/// Components other than hosts always come back after `repair`. A region's process is
/// replicated in every zone of the region with the region's stream, so every zone sees
/// the same fault times and no message is needed.

#include <cstdint>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include "sim/model/controller.hpp"
#include "sim/model/failure_traces.hpp"
#include "sim/model/fleet_model.hpp"

namespace fleetsim::model {

class RemediationController;

/// Event kinds of failure processes (reserved range 100-199).
enum FailureEvent : std::uint16_t {
  kFaultDue = 100,   ///< zone entity: the earliest fault of the zone's calendar is due
  kRepaired = 101,   ///< host or component entity; payload = process | k << 8: fault k (1-based) is repaired
  kTraceDown = 102,  ///< host entity; payload = process | outage index << 8
  kTraceUp = 103,    ///< host entity; payload as kTraceDown
  kFailureLast = 199,
};

class FailureController final : public Controller {
 public:
  /// Adds the component entities it needs to `model`. `traces` holds the replayed traces
  /// (indexed like spec.failures); remediation may be null (hosts repair after `repair`).
  FailureController(FleetModel& model, std::shared_ptr<const FailureTraceInputs> traces);

  void set_remediation(RemediationController* r) { remediation_ = r; }

  std::string name() const override { return "failures"; }
  void start(core::Simulation& sim) override;
  void handle(core::Context& ctx, const core::Event& e) override;
  Time send_horizon(std::uint32_t, Time) const override { return kTimeMax; }
  void finish(ModelResults& results, Time end) override;

  /// Remediation fixed host h (whose outage it detected at `detected`): the host serves
  /// again unless something else holds it down.
  void host_repaired(core::Context& ctx, ZoneState& z, HostId h, Time detected);

  /// Time to failure k (1-based) of process p on component c: its own keyed stream.
  Duration time_to_failure(std::uint32_t p, ComponentId c, std::uint64_t k) const;
  /// Repair time of fault k of process p on component c, from the `repair` distribution.
  Duration repair_time(std::uint32_t p, ComponentId c, std::uint64_t k) const;

 private:
  struct Process {
    std::uint32_t index = 0;  ///< in spec.failures
    ComponentKind kind = ComponentKind::Host;
    std::vector<HostId> hosts;  ///< host processes: the hosts it applies to
    bool traced = false;
  };
  /// A component entity (not a host): which component, in which zone's partition.
  struct CompEntity {
    std::uint32_t process = 0;
    ComponentId component = 0;
    ZoneId zone = 0;
    std::uint8_t broken = 0;
    Time failed = 0;
  };
  struct HostHealth {
    Time failed = 0;
    std::uint8_t broken = 0;   ///< an own fault holds the host down
  };
  /// Per zone, written only by the zone's partition.
  struct ZoneStats {
    std::uint64_t faults[kComponentKinds] = {};
    std::uint64_t outages[kComponentKinds] = {};
    std::uint64_t absorbed = 0;
    std::uint64_t host_outages = 0;  ///< own faults and trace outages (MTBF)
    std::uint64_t repaired = 0;      ///< host outages that ended after warmup (MTTR)
    double mttr_s = 0;               ///< sum of detection -> back in service
    double outage_s = 0;             ///< sum of failure -> back in service
  };
  /// Fault k of a host or component entity, waiting in its zone's calendar.
  struct DueFault {
    Time at = 0;
    std::uint32_t id = 0;     ///< host id, or index into comps_
    std::uint8_t comp = 0;    ///< 1: id is a component entity
    std::uint32_t process = 0;
    std::uint64_t k = 0;
    /// Later first, so std::push_heap keeps the earliest on top; ties by hosts before
    /// components, then id, then process.
    bool operator<(const DueFault& o) const {
      if (at != o.at) return at > o.at;
      if (comp != o.comp) return comp > o.comp;
      if (id != o.id) return id > o.id;
      return process > o.process;
    }
  };
  /// Per zone, written only by the zone's partition.
  struct FaultCalendar {
    std::vector<DueFault> heap;
    Time armed = kTimeMax;  ///< time of the kFaultDue event in the engine; kTimeMax: none
  };
  /// A host replaying a trace node: its observation window and measured downtime.
  struct TraceWatch {
    Time window_start = 0, window_end = 0;
    Time down_since = -1;  ///< the host is down (as the model reports it) since; -1 = not
    Duration down = 0;     ///< down time inside the window
  };

  void schedule_host_fault(core::Context* ctx, core::Simulation* sim, std::uint32_t p, HostId h,
                           std::uint64_t k, Time at, Time prev);
  /// Adds a fault to zone z's calendar (from an event, or from start() before the run).
  void add_due(core::Context* ctx, core::Simulation* sim, ZoneId z, const DueFault& f);
  void on_faults_due(core::Context& ctx, ZoneId z);
  void on_host_fault(core::Context& ctx, HostId h, std::uint32_t p, std::uint64_t k);
  void on_comp_fault(core::Context& ctx, std::uint32_t ent, std::uint64_t k);
  void on_comp_repaired(core::Context& ctx, std::uint32_t ent);
  void on_trace(core::Context& ctx, HostId h, std::uint32_t p, std::uint64_t i, bool down);
  void hold(core::Context& ctx, ZoneState& z, HostId h, bool down, TraceWatch* watch);
  template <class F>
  void for_impacted(ComponentId c, ZoneId z, F&& f) const;
  void trace_event(ZoneState& z, Time now, std::uint16_t kind, ComponentId c, double value) {
    model_.trace(z, now, kind, static_cast<std::int64_t>(c), -1, value);
  }

  FleetModel& model_;
  const scenario::Scenario& s_;
  const Topology& topo_;
  std::shared_ptr<const FailureTraceInputs> traces_;
  RemediationController* remediation_ = nullptr;
  std::vector<Process> processes_;
  std::vector<CompEntity> comps_;
  core::EntityId first_entity_ = 0;
  std::vector<HostHealth> health_;
  std::vector<ZoneStats> stats_;
  std::vector<FaultCalendar> calendar_;  ///< per zone
  std::vector<std::unordered_map<HostId, std::uint32_t>> watch_index_;  ///< [process] host -> watch
  std::vector<std::vector<TraceWatch>> watches_;                         ///< [process]
  std::uint16_t trace_failure_ = 0, trace_repair_ = 0;
};

}  // namespace fleetsim::model
