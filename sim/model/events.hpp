#pragma once
/// Event kinds of the fleet model (engine events) and kinds of trace records (what the
/// HDF5 event log says happened). Both are small integers dispatched by switch.

#include <array>
#include <cstdint>
#include <string_view>

namespace fleetsim::model {

/// Engine event kinds. Target entity and payload per kind are documented inline.
enum EventKind : std::uint16_t {
  kZoneStart = 1,     ///< zone entity; t=0: initial placement, arrival processes
  kSample = 2,        ///< zone entity; record the zone's time series
  kArrival = 3,       ///< zone entity; payload = workload
  kJobDone = 4,       ///< zone entity; payload = task | host << 32, tag = task generation
  kReconcile = 5,     ///< zone entity; payload = workload (service or vm)
  kOverflowCheck = 6, ///< zone entity; payload = task, tag = task generation
  kForwardedJob = 7,  ///< zone entity (message); payload = remaining_ms << 32 | wait_ms, tag = workload
  kTraceArrival = 8,  ///< zone entity; payload = workload: the next jobs of a replayed log arrive
};

/// Kinds from here on belong to controllers (FleetModel::add_controller), each a range:
///   100-199 failures and repair, 200-299 remediation, 300-399 on-call,
///   400-499 host upgrades, 500-599 service rollouts, 600-699 capacity.
inline constexpr std::uint16_t kFirstControllerKind = 100;

/// Kinds of records in the trace's event log.
enum class TraceKind : std::uint16_t {
  JobSubmit,
  JobStart,
  JobEnd,
  JobForward,
  JobStop,
  ReplicaStart,
  ReplicaLost,
  ReplicaPending,
  HostDown,
  HostUp,
  kCount
};

inline constexpr std::array<std::string_view, static_cast<std::size_t>(TraceKind::kCount)> kTraceKindNames = {
    "job_submit",    "job_start", "job_end", "job_forward", "job_stop", "replica_start",
    "replica_lost",  "replica_pending", "host_down", "host_up"};

}  // namespace fleetsim::model
