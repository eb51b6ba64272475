#pragma once
/// What `fleetsim compare` compares: a sample of values (a distribution) or a time series,
/// loaded from a simulated trace or from real data. A source is written
///
///   [FORMAT:]FILE[#SELECTOR]      or, for the run's own trace, just SELECTOR
///
/// FORMAT and SELECTOR:
///   trace        a fleetsim HDF5 trace. series/<group>/<metric>[<column>] (a series),
///                jobs/<workload>/<column> (a sample; NaN rows left out), events/<kind>
///                (the values of the event records of that kind), spans/<name> (durations
///                in seconds of the spans of that name, paired as in the Chrome export)
///   series-csv   fleetsim's CSV export of series: <group>/<metric>[<column>]
///   csv          any CSV with a header: <column> (a sample; empty cells left out)
///   swf          an SWF job log: wait | run | submit | procs | requested_time
///   telemetry    tidy CSV `timestamp,metric,labels...,value`: <metric>{label=value,...}
///   prometheus   saved /api/v1/query_range JSON: [<metric>]{label=value,...}
///   events       per-event table with start,end columns: duration (end - start, seconds)
///
/// Without FORMAT, a FILE ending in .h5 is a trace, .swf/.swf.gz an SWF log, .json a
/// Prometheus answer; a bare SELECTOR (no '#') names something in the default trace.
/// Problems (unknown format, missing file, column or series, malformed data) are
/// io::ImportError at the file's line, or std::invalid_argument for a malformed source.

#include <optional>
#include <string>
#include <vector>

namespace fleetsim::analysis {

/// Loaded data. A series has times (seconds, sorted); a sample has none.
struct CompareData {
  std::string label;           ///< the source as written
  std::string unit;            ///< "" when the source does not say
  std::vector<double> times;   ///< seconds; empty for a sample
  std::vector<double> values;  ///< finite values only for samples
  bool is_series() const { return !times.empty(); }
};

/// How the values and times of a source are adjusted after loading.
struct SourceAdjust {
  double scale = 1.0;                ///< values are multiplied by this
  bool shift_first = false;          ///< series: subtract the first sample time
  std::optional<double> shift_s;     ///< series: subtract this many seconds
};

/// Loads a source. default_trace: the trace a bare selector refers to (may be empty);
/// base_dir: directory relative file names are resolved against ("" = current).
CompareData load_source(const std::string& source, const std::string& default_trace,
                        const std::string& base_dir = {}, const SourceAdjust& adjust = {});

}  // namespace fleetsim::analysis
