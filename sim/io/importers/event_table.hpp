#pragma once
/// Per-event tables: CSV rows that each describe one event with a start and (optionally)
/// an end time, e.g. incident windows, maintenance windows, pod lifetimes. The start and
/// end column names are configurable; every other column is kept as a text attribute.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/io/importers/telemetry_series.hpp"

#include "sim/io/importers/import_error.hpp"

namespace fleetsim::io {

struct EventTableOptions {
  std::string start_column = "start";  ///< seconds (see time_unit) or RFC 3339
  std::string end_column = "end";      ///< same; an empty cell means "still open"
  NumericTimeUnit time_unit = NumericTimeUnit::kSeconds;
  bool allow_open_end = true;  ///< false: an empty end cell is an error
};

struct TableEvent {
  double start_s = 0;                             ///< Unix epoch seconds (or the file's own origin)
  std::optional<double> end_s;                    ///< >= start_s; empty when the event has no end
  std::map<std::string, std::string> attributes;  ///< other columns by name (empty cells omitted)
  std::int64_t line = 0;                          ///< line of the row in the file, for messages
};

/// Reads the table (plain or .gz), rows in file order.
std::vector<TableEvent> read_event_table(const std::string& path,
                                         const EventTableOptions& options = {});

}  // namespace fleetsim::io
