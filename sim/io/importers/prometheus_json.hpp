#pragma once
/// Prometheus HTTP API query results (`/api/v1/query_range` and `/api/v1/query`) as saved
/// JSON:
///   {"status":"success","data":{"resultType":"matrix",
///    "result":[{"metric":{"__name__":"up","job":"node"},"values":[[1700000000,"1"],...]}]}}
/// resultType "matrix" (values) and "vector" (one value) are read; sample values are
/// strings as Prometheus writes them ("1.5", "NaN", "+Inf"), timestamps numbers of seconds.
/// A "status":"error" document is reported with its errorType and error text.

#include <string>
#include <vector>

#include "sim/io/importers/telemetry_series.hpp"

#include "sim/io/importers/import_error.hpp"

namespace fleetsim::io {

/// Reads a saved query result (plain or .gz). Series are in document order; name is the
/// `__name__` label (empty when the query result has none) and labels are the others.
std::vector<TelemetrySeries> read_prometheus_json(const std::string& path);

/// Same, from JSON text already in memory; source_name is used in error messages.
std::vector<TelemetrySeries> parse_prometheus_json(std::string_view text,
                                                   const std::string& source_name);

}  // namespace fleetsim::io
