#pragma once
/// Chrome trace event JSON of a run's event log, for chrome://tracing and Perfetto
/// (ui.perfetto.dev: "Open trace file"). Spans are found in the generic trace records by
/// the names of their kinds, so spans of any controller appear without code here:
///
///   - a kind named `<x>_start`, `<x>_begin` or `<x>_open` begins a span `<x>`; a kind named
///     `<x>_end`, `<x>_done`, `<x>_finish`, `<x>_stop` or `<x>_close` ends one;
///   - a kind named `<x>_down` begins a span `<x>_down` that `<x>_up` ends (host_down/host_up);
///   - begin and end pair on the same (zone, component, workload); an end closes the open
///     span of that key whose elapsed time equals the end record's value (records that carry
///     their duration, such as job_end) when there is one, else the oldest open span;
///   - an end with no open span, and every other record, is an instant event;
///   - spans still open when the run ends are closed at its end (args.open_at_end = true).
///
/// Layout: one process per zone (pid = zone code + 1; pid 0 = records without a zone), one
/// thread per component (tid = component id + 1; tid 0 = none). Spans are async events
/// ("b"/"e" with an id, category = span name) because spans of one component may overlap;
/// instants are "i" events on the component's thread. Times are microseconds (the trace's
/// own unit). docs/trace-format.md shows an example.

#include <cstdint>
#include <string>
#include <vector>

#include "sim/io/trace_data.hpp"

namespace fleetsim::io {

struct Span {
  std::string name;  ///< the kinds' common stem, e.g. "job", "host_down"
  std::int64_t begin_us = 0, end_us = 0;
  std::int32_t zone = -1;
  std::int64_t component = -1;
  std::int32_t workload = -1;
  double begin_value = 0, end_value = 0;
  std::uint16_t begin_kind = 0, end_kind = 0;
  bool open_at_end = false;  ///< closed by the end of the run, not by a record
};

struct SpanSet {
  std::vector<Span> spans;               ///< in order of their begin records
  std::vector<std::size_t> instants;     ///< indexes of records that are not span ends or begins
};

/// Pairs begin and end records by the rules above; kind_names[k] names kind k.
SpanSet pair_spans(const std::vector<TraceEvent>& events, const std::vector<std::string>& kind_names,
                   std::int64_t run_end_us);

/// The Chrome trace JSON text. names: the run's name tables (kind, zone, workload used);
/// components: the component table (for thread names).
std::string chrome_trace_json(const std::vector<TraceEvent>& events, const std::vector<NameTable>& names,
                              const ComponentTable& components, std::int64_t run_end_us,
                              const std::string& run_name);

/// Writes chrome_trace_json(...) atomically; throws OutputError.
void write_chrome_trace(const std::string& path, const std::vector<TraceEvent>& events,
                        const std::vector<NameTable>& names, const ComponentTable& components,
                        std::int64_t run_end_us, const std::string& run_name);

}  // namespace fleetsim::io
