#pragma once
/// Per-zone state of replayed real data (sim/model/replay.cpp): the jobs of trace
/// workloads that arrive in this zone, their simulated waits, and the cpu demand of vm
/// workloads that follow a utilisation trace.
///
/// A trace workload's jobs are dealt to zones that have a host type they fit, by smooth
/// weighted round robin on the zones' cpu capacity (one zone, the usual case for a
/// machine log, gets them all), in submit order. Each zone chains one arrival event per workload: the event at a job's
/// submit time queues every job submitted at that instant and schedules the next.

#include <cstdint>
#include <vector>

namespace fleetsim::model {

/// One trace workload in one zone.
struct ReplayZoneJobs {
  std::vector<std::uint32_t> jobs;  ///< indexes into ReplayJobs::jobs, in submit order
  std::size_t next = 0;             ///< the next job to arrive
  std::vector<double> wait_s;       ///< per local job: simulated wait, NaN until it started
  std::vector<double> end_s;        ///< per local job: completion time (s), NaN until done
};

struct ZoneReplay {
  std::vector<ReplayZoneJobs> jobs;  ///< [workload]; empty for non-trace workloads
  /// [workload]: series index of this zone's first VM (vm workloads with a demand trace).
  std::vector<std::uint32_t> vm_first;
  /// [workload][sample]: cpu demand of the zone's running VMs, cores.
  std::vector<std::vector<double>> demand;
};

}  // namespace fleetsim::model
