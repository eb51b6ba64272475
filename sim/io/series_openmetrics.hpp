#pragma once
/// OpenMetrics text export of sampled series, for Prometheus tooling (backfill with
/// `promtool tsdb create-blocks-from openmetrics`, lint with `promtool check metrics`).
///
/// Each (group, metric) becomes one gauge family named
/// sanitize(prefix + group + "_" + metric) plus "_" + unit when the unit is not
/// a physical one (OpenMetrics requires the unit suffix), with # TYPE, # UNIT and # HELP
/// lines; each column becomes one label set {<group>="<column>"} (fleet series have no
/// labels); samples carry timestamps in seconds, ascending per label set; the text ends
/// with "# EOF". docs/trace-format.md shows an example.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/io/trace_data.hpp"

namespace fleetsim::io {

/// Writes the OpenMetrics text to "<path>.tmp-<pid>" and renames it to path. Timestamps
/// are start_unix_s + seconds since scenario start (0 keeps scenario time, i.e. 1970).
/// Throws std::invalid_argument when check_series() fails or two series map to the same
/// family name; OutputError when the file cannot be written.
void write_series_openmetrics(const std::string& path,
                              const std::vector<std::int64_t>& sample_times_us,
                              const std::vector<SeriesGroup>& groups,
                              const std::string& prefix = "fleetsim_",
                              std::int64_t start_unix_s = 0);

/// A valid metric name ([a-zA-Z_:][a-zA-Z0-9_:]*): other characters become '_', a leading
/// digit gets a '_' in front, an empty name becomes "_".
std::string sanitize_metric_name(std::string_view name);

/// A valid label name ([a-zA-Z_][a-zA-Z0-9_]*, not starting with the reserved "__").
std::string sanitize_label_name(std::string_view name);

/// The OpenMetrics unit for a series unit: the long spelling of a physical unit
/// ("s" -> "seconds", "B" -> "bytes", "ms" -> "milliseconds", "fraction" -> "ratio",
/// "%" -> "percent"); "" for dimensionless and counting units ("1", "hosts", "replicas"),
/// which then get no # UNIT line and no name suffix (the unit goes into # HELP).
std::string openmetrics_unit(std::string_view unit);

/// The family name of a series: sanitize(prefix + group + "_" + metric), with the unit
/// suffix appended unless the name already ends with it.
std::string openmetrics_family_name(const std::string& prefix, const SeriesGroup& series);

/// An OpenMetrics timestamp in seconds for a time in microseconds: "300", "0.25", "-1.5".
std::string openmetrics_timestamp(std::int64_t time_us);

}  // namespace fleetsim::io
