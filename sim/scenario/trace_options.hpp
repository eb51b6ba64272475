#pragma once
/// Options of replayed real data: a `trace` workload (a job log in SWF or Alibaba GPU pod
/// format) and the cpu demand trace of a `vm` workload (PlanetLab or Bitbrains). Plain
/// structs filled by the loader (sim/scenario/spec_trace.cpp); the files themselves are
/// read later, by sim/model/replay_input.cpp, so a malformed log is reported at its own
/// file:line before time 0.

#include <cstdint>
#include <optional>
#include <string>

#include "sim/core/time.hpp"

namespace fleetsim::scenario {

/// How the records of a log map onto simulated time and resources.
struct TraceReplayOptions {
  /// Log time that becomes simulated time 0, in the log's own clock (seconds since the
  /// SWF header's UnixStartTime, since the start of the pod list, ...); empty = the first
  /// record's time. Records before it are skipped.
  std::optional<Duration> time_offset;
  /// Times after the offset are multiplied by this (< 1 compresses the log: more load).
  double time_scale = 1.0;
  /// SWF: which field gives a job's processor count: "requested" (field 8, falling back to
  /// field 5) or "allocated" (field 5, falling back to field 8).
  std::string processors = "requested";
  /// SWF: the runtime estimate backfilling sees: "requested" (the user's wall-time limit,
  /// field 9, falling back to the run time) or "exact" (the run time itself).
  std::string estimate = "requested";
  /// A job bigger than the largest host: "skip" it (counted) or "clip" it to that host.
  std::string oversize = "skip";
  /// Replay at most this many records (after skipping); 0 = all.
  std::int64_t limit = 0;
};

/// A vm workload whose cpu demand follows a real per-VM utilisation trace.
struct VmDemandTrace {
  std::string format;  ///< planetlab | bitbrains
  std::string file;    ///< resolved path
  /// Log time that becomes simulated time 0 (Unix seconds); empty = the first sample.
  std::optional<Duration> time_offset;
  /// What a VM's demand is after its series ends: "repeat" it from the start, "hold" the
  /// last value or "zero".
  std::string after_end = "repeat";
};

}  // namespace fleetsim::scenario
