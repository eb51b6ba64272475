#pragma once
/// Recorded failures replayed onto hosts (spec.failures[] with `trace`): the Failure Trace
/// Archive event format, LANL outage records and Alibaba 2018 machine events, read before
/// time 0 through the importers in sim/io/importers, mapped onto hosts (sequential or
/// explicit) and shifted by the trace's time_offset. Problems come back as located
/// diagnostics: a malformed line at its file:line, a bad mapping at the scenario field.

#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/core/time.hpp"
#include "sim/model/ids.hpp"
#include "sim/scenario/diagnostic.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleetsim::model {

/// One outage of one host, in simulated time: [start, end), 0 <= start < end.
struct TraceOutage {
  HostId host = 0;
  Time start = 0;
  Time end = 0;
};

/// A host that replays a trace node.
struct TracedHost {
  HostId host = 0;
  std::string node;          ///< the node's id in the trace
  Time window_start = 0;     ///< the node's first record, in simulated time (may be < 0)
  Time window_end = 0;       ///< end of the node's last record (kTimeMax when open-ended)
  /// fta: the node's availability computed from the file (io::availability_by_node);
  /// NaN for formats that record only outages.
  double recorded_availability = NAN;
};

/// One trace, ready to replay.
struct FailureTraceData {
  std::vector<TraceOutage> outages;  ///< by host, then start; overlaps of one host merged
  std::vector<TracedHost> hosts;     ///< in mapping order
  std::uint64_t records = 0;         ///< outage records read
  std::uint64_t merged = 0;          ///< outages merged into an overlapping one of the same host
  std::uint64_t outside = 0;         ///< outages entirely before time 0 or after the run
  std::uint64_t unmapped = 0;        ///< outages of nodes no host replays (explicit mapping)
  std::uint64_t unnamed = 0;         ///< records that name no node (a few lanl records)
  std::uint64_t empty = 0;           ///< outages of zero length (start == end), dropped
};

/// Every trace of a scenario, indexed like spec.failures (empty entries for the others).
struct FailureTraceInputs {
  std::vector<FailureTraceData> by_failure;
};

/// True when some failure process replays a trace.
bool needs_failure_traces(const scenario::Scenario& s);

/// Reads every failure trace of the scenario. Problems are appended to errors; the result
/// is complete only when none was added.
std::shared_ptr<const FailureTraceInputs> load_failure_traces(const scenario::Scenario& s,
                                                              std::vector<scenario::Diagnostic>& errors);

}  // namespace fleetsim::model
