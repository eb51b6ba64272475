#pragma once
/// Real data a scenario replays, read before time 0: the jobs of each `trace` workload
/// (an SWF job log or an Alibaba GPU pod list) and the utilisation series of each `vm`
/// workload with a `demand` trace. Reading happens once per scenario (a sweep shares it
/// between runs); problems come back as located diagnostics (file:line of the log, or
/// the scenario field), never as a half-read replay.

#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/core/time.hpp"
#include "sim/scenario/diagnostic.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleetsim::model {

/// One job of a replayed log, already in simulated time and host resources.
struct ReplayJob {
  std::int64_t id = 0;            ///< SWF job number, or the pod's row number (0-based)
  Time submit = 0;                ///< simulated submit time, >= 0
  Duration run = 1;               ///< run time when undisturbed, >= 1 us
  Duration estimate = 1;          ///< runtime the scheduler believes, >= 1 us
  scenario::Resources need;       ///< what it takes on one host
  double size = 0;                ///< SWF processors (after clipping); pods: GPUs requested
  double recorded_wait_s = NAN;   ///< the log's queueing delay; NaN when not recorded
};

/// The jobs of one trace workload and what was left out of the log, and why.
struct ReplayJobs {
  std::vector<ReplayJob> jobs;  ///< in submit order (log order among equal submits)
  std::uint64_t records = 0;    ///< job records in the log
  std::uint64_t before_offset = 0;  ///< submitted before time_offset
  std::uint64_t incomplete = 0;     ///< no run time or no size (cancelled before start, never scheduled)
  std::uint64_t oversize = 0;       ///< larger than the largest host, skipped
  std::uint64_t clipped = 0;        ///< larger than the largest host, clipped
  std::uint64_t after_end = 0;      ///< submitted at or after the end of the run
  std::uint64_t over_limit = 0;     ///< left out by `limit`
  std::uint64_t skipped() const { return before_offset + incomplete + oversize + after_end + over_limit; }
};

/// The cpu utilisation series a vm workload's VMs follow.
struct VmDemandSeries {
  std::string vm;              ///< the series' name in the trace
  std::vector<double> times_s; ///< sample times relative to the replay's time 0 (may be negative)
  std::vector<double> util;    ///< utilisation as a fraction of the VM's cpu (0.35 = 35%), >= 0
  /// Demand at simulated time t (seconds) under `after_end` (repeat | hold | zero); before
  /// the first sample, the first value.
  double at(double t_s, const std::string& after_end) const;
};

struct VmDemand {
  std::vector<VmDemandSeries> series;  ///< VM i of the workload follows series i % size()
};

/// Everything a scenario replays, indexed by workload (empty entries for other workloads).
struct ReplayInputs {
  std::vector<ReplayJobs> jobs;  ///< [workload]
  std::vector<VmDemand> demand;  ///< [workload]
  bool any_jobs() const;
};

/// Reads every log and demand trace the scenario names. Problems are appended to errors
/// (ImportErrors at their file:line, semantic ones at the workload's fields); the result
/// is complete only when no error was added.
std::shared_ptr<const ReplayInputs> load_replay_inputs(const scenario::Scenario& s,
                                                       std::vector<scenario::Diagnostic>& errors);

/// True when the scenario replays anything (so callers know to load it).
bool needs_replay_inputs(const scenario::Scenario& s);

}  // namespace fleetsim::model
