#pragma once
/// The data contract between the fleet model (or its observers) and the output formats.
/// Plain structs only: nothing here knows HDF5, CSV or OpenMetrics, and models fill
/// these without linking any output library. docs/trace-format.md describes how each
/// member lands in a file.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace fleetsim::io {

/// One record of the event log. time in microseconds (fleetsim::Time).
/// kind, zone and workload are codes into the name tables "kind", "zone" and "workload";
/// component is a component id (ComponentTable::id). A negative code or id means
/// "not applicable". The meaning and unit of value depend on kind.
struct TraceEvent {
  std::int64_t time_us;    ///< microseconds since scenario start
  std::uint16_t kind;      ///< code into NameTable "kind"
  std::int32_t zone;       ///< code into NameTable "zone", -1 when none
  std::int64_t component;  ///< ComponentTable id, -1 when none
  std::int32_t workload;   ///< code into NameTable "workload", -1 when none
  double value;            ///< kind-specific payload (e.g. a duration in seconds)
};

/// A table of names for an integer code column (kinds, zones, workloads, component kinds...).
/// Code i is names[i]. name must be a valid dataset name: non-empty, no '/', not ".".
struct NameTable {
  std::string name;                ///< e.g. "kind", "zone", "workload", "component_kind"
  std::vector<std::string> names;  ///< names[code]
  std::string description = {};    ///< optional; a default is written when empty
};

/// Static description of the fleet: one row per component (hosts, racks, feeds, switches,
/// zones, regions). All vectors have the same length (one entry per row).
struct ComponentTable {
  std::vector<std::int64_t> id;      ///< component id as used in TraceEvent::component
  std::vector<std::uint8_t> kind;    ///< code into NameTable "component_kind"
  std::vector<std::int32_t> zone;    ///< code into NameTable "zone", -1 above zone level
  std::vector<std::int64_t> parent;  ///< id of the containing component, -1 for a root
  std::vector<std::string> name;     ///< human-readable name, e.g. "east-a/rack-03/host-17"

  /// Number of rows; throws std::invalid_argument when the columns differ in length.
  std::size_t rows() const;
};

/// A sampled series group: values[t * columns.size() + c] at sample_times[t]; columns name
/// e.g. zones or services. With no columns the series is one-dimensional (the fleet) and
/// values[t] is the value at sample_times[t].
struct SeriesGroup {
  std::string group;   ///< "fleet", "zone", "service", "workload"
  std::string metric;  ///< e.g. "utilization"; [A-Za-z0-9_.-] recommended
  std::string unit;    ///< base units recommended: "seconds", "ratio", "hosts", "bytes"
  std::string description;
  std::vector<std::string> columns;  ///< empty: one-dimensional series
  std::vector<double> values;        ///< row-major [time x column]

  /// Columns per sample: columns.size(), or 1 for a one-dimensional series.
  std::size_t width() const { return columns.empty() ? 1 : columns.size(); }
};

/// What the run was: stored as root attributes of a trace.
struct TraceHeader {
  std::string scenario_name;
  std::string scenario_text;  ///< the scenario file as loaded, verbatim
  std::uint64_t seed = 0;
  std::string fleetsim_version;
  std::vector<std::string> overrides;             ///< the --set path=value arguments, in order
  std::int64_t duration_us = 0;                   ///< simulated duration, microseconds
  std::int64_t sample_interval_us = 0;            ///< series sampling interval, microseconds
  std::map<std::string, std::string> provenance;  ///< free-form key -> value (host, git sha...)
};

/// Checks that a set of series is well formed, or throws std::invalid_argument saying what
/// is wrong: sample times strictly increasing; every group and metric name non-empty with
/// no '/' and not "." or "columns"; values.size() == times x width; no (group, metric)
/// twice; all metrics of one group share the same columns.
void check_series(const std::vector<std::int64_t>& sample_times_us,
                  const std::vector<SeriesGroup>& groups);

/// Checks a name used as an HDF5 link name (and a CSV/OpenMetrics identifier source):
/// non-empty, no '/', no NUL, not ".". Throws std::invalid_argument naming `what`.
void check_name(const std::string& name, const char* what);

}  // namespace fleetsim::io
