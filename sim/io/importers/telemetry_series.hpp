#pragma once
/// The common shape of imported telemetry: one named, labelled time series, as Prometheus
/// would hold it. The tidy-CSV and Prometheus-JSON importers both produce it.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/io/importers/import_error.hpp"

namespace fleetsim::io {

struct TelemetrySeries {
  std::string name;                           ///< metric name, e.g. "node_cpu_utilisation"
  std::map<std::string, std::string> labels;  ///< label name -> value; empty values are omitted
  std::vector<double> times_s;                ///< sample times, Unix epoch seconds, non-decreasing
  std::vector<double> values;                 ///< same length as times_s; may hold NaN / +-inf
};

/// How a numeric timestamp cell is scaled to seconds.
enum class NumericTimeUnit : std::int8_t { kSeconds, kMilliseconds, kMicroseconds };

/// A timestamp cell: a number (in `unit`, converted to seconds) or an RFC 3339 time
/// (`2014-02-14T14:30:00Z`, `2014-02-14 14:30:00`, read as UTC without a zone).
/// nullopt when it is neither.
std::optional<double> parse_timestamp(std::string_view text,
                                      NumericTimeUnit unit = NumericTimeUnit::kSeconds);

/// Sorts each series' samples by time (stable: equal times keep file order).
void sort_samples_by_time(TelemetrySeries& series);

}  // namespace fleetsim::io
