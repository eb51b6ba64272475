#pragma once
/// CSV export of sampled series in tidy long format, for spreadsheets and data frames:
///
///   time_s,group,metric,column,value
///   300,zone,utilization,east-a,0.42
///
/// One row per (series, sample, column), series in the order given, then by time, then
/// by column. column is empty for one-dimensional (fleet) series. time_s is seconds
/// since scenario start; value is the shortest text that reads back to the same double,
/// empty for NaN, "inf"/"-inf" for infinities. Fields holding a comma, quote or line
/// break are quoted (RFC 4180). Units are not in the CSV (see docs/trace-format.md).

#include <cstdint>
#include <string>
#include <vector>

#include "sim/io/trace_data.hpp"

namespace fleetsim::io {

/// Writes the CSV to "<path>.tmp-<pid>" and renames it to path. Throws
/// std::invalid_argument when check_series() fails, OutputError when the file cannot be
/// written (no partial file is left under path).
void write_series_csv(const std::string& path, const std::vector<std::int64_t>& sample_times_us,
                      const std::vector<SeriesGroup>& groups);

/// Appends field to out, quoted per RFC 4180 when it holds a comma, quote, CR or LF.
void append_csv_field(std::string& out, const std::string& field);

}  // namespace fleetsim::io
