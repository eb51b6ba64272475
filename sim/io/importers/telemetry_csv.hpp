#pragma once
/// Tidy ("long") telemetry CSV: one sample per row, `timestamp,metric,<labels...>,value`.
///
/// The header names the columns; which column holds the time, the value and the metric
/// name is configurable, and every other column (or the listed ones) becomes a label. Rows
/// with the same metric and label values form one series. This reads both a Prometheus-like
/// export (`timestamp,metric,zone,host,value`) and real files such as the Alibaba GenAI
/// monitoring tables (`timestamp_anon,value,container_ip`, no metric column: the metric is
/// named after the file) or NAB's `timestamp,value`.

#include <optional>
#include <string>
#include <vector>

#include "sim/io/importers/telemetry_series.hpp"

#include "sim/io/importers/import_error.hpp"

namespace fleetsim::io {

struct TelemetryCsvOptions {
  std::string time_column = "timestamp";  ///< seconds (see time_unit) or RFC 3339
  std::string value_column = "value";
  /// Column with the metric name. When the file has no such column every row belongs to
  /// metric_name, or to the file's stem when metric_name is empty.
  std::string metric_column = "metric";
  std::string metric_name;
  /// Label columns; when empty, every column other than time, value and metric.
  std::vector<std::string> label_columns;
  NumericTimeUnit time_unit = NumericTimeUnit::kSeconds;
  /// Skip rows whose value cell is empty, "NULL" or "None" (otherwise they are errors).
  bool skip_missing_values = false;
};

/// Reads the CSV (plain or .gz). Series come in order of first appearance, each sorted by
/// time. Label cells that are empty, "NULL" or "None" are left out of the label map.
std::vector<TelemetrySeries> read_telemetry_csv(const std::string& path,
                                                const TelemetryCsvOptions& options = {});

}  // namespace fleetsim::io
