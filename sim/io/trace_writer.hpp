#pragma once
/// The HDF5 trace writer: streams one run's event log, fleet description and sampled
/// series into a self-describing HDF5 file that h5py/pandas read with no fleetsim code.
/// docs/trace-format.md is the contract for the file it produces.
///
/// Guarantees: the file appears under its final name only after commit() (temp file +
/// atomic rename, root attribute complete=1 written last); the same inputs give a
/// byte-identical file (no timestamps, pids or paths inside; fixed chunking; pinned
/// HDF5 format bounds), however the events were split across append_events calls.
/// HDF5 is not included by this header.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/io/column_table.hpp"
#include "sim/io/output_error.hpp"
#include "sim/io/trace_data.hpp"

namespace fleetsim::io {

/// Streaming writer of one trace file. Not copyable; calls on one writer must not race
/// (different writers may be used from different threads; HDF5 calls are serialized).
/// Every method throws OutputError on I/O or HDF5 failure (after which the writer only
/// cleans up), std::invalid_argument on malformed input (the writer stays usable), and
/// std::logic_error when used after commit() or after a failure.
class TraceWriter {
 public:
  /// Rows per chunk of /events. Fixed: part of what makes files reproducible.
  static constexpr std::size_t kEventChunkRows = 65536;

  /// Creates "<final_path>.tmp-<pid>" and writes the root attributes from header.
  /// Throws OutputError with a clear message (path and reason) when it cannot.
  TraceWriter(std::string final_path, const TraceHeader& header);
  /// Without commit(): closes and removes the temporary file; never leaves a half-written
  /// final file. Never throws.
  ~TraceWriter();
  TraceWriter(const TraceWriter&) = delete;
  TraceWriter& operator=(const TraceWriter&) = delete;
  /// Movable; a moved-from writer may only be destroyed or assigned to. Assigning over an
  /// uncommitted writer abandons its file (as its destructor would).
  TraceWriter(TraceWriter&&) noexcept;
  TraceWriter& operator=(TraceWriter&&) noexcept;

  /// /names/<name>: 1-D variable-length UTF-8 string dataset; each name at most once.
  void write_names(const NameTable& table);
  /// /topology/components compound table (id, kind, zone, parent, name); at most once.
  void write_components(const ComponentTable& table);
  /// Appends n events to /events (1-D compound, chunks of kEventChunkRows rows, shuffle +
  /// gzip 4). Times must not decrease across all calls. Buffers up to one chunk in memory.
  void append_events(const TraceEvent* data, std::size_t n);
  /// Same, for a vector.
  void append_events(const std::vector<TraceEvent>& events) {
    append_events(events.data(), events.size());
  }
  /// /series/time (float64 seconds, a dimension scale) and /series/<group>/<metric>: 1-D
  /// [time] without columns, 2-D [time x column] with scales time and
  /// /series/<group>/columns; attributes unit, description. At most once; see check_series().
  void write_series(const std::vector<std::int64_t>& sample_times_us,
                    const std::vector<SeriesGroup>& groups);
  /// /jobs/<table.name>/<column>: one 1-D dataset per column (per-job tables of trace
  /// replays); each table name at most once; the /jobs group appears with the first table.
  void write_table(const ColumnTable& table);
  /// Writes the buffered events, sets the root attribute complete=1 last, flushes, closes,
  /// fsyncs and renames the temporary file to the final path atomically.
  void commit();

  /// The path the trace will have after commit().
  const std::string& final_path() const;
  /// The temporary path written until commit().
  const std::string& temp_path() const;
  /// Events appended so far.
  std::uint64_t event_count() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fleetsim::io
