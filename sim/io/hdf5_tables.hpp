#pragma once
/// Internal to sim/io: the two compound tables of a trace, /events and
/// /topology/components: their memory and (packed, little-endian) file types, creation
/// with their per-field attributes, and writing.

#include <hdf5.h>

#include <cstddef>

#include "sim/io/hdf5_support.hpp"
#include "sim/io/trace_data.hpp"

namespace fleetsim::io::h5 {

/// Bytes per /events row in the file: the packed size of the six fields.
inline constexpr std::size_t kEventFileBytes = 8 + 2 + 4 + 8 + 4 + 8;

/// The compound type matching struct TraceEvent in memory.
Handle event_memory_type();

/// Creates the empty, extendible /events dataset (chunk_rows rows per chunk, shuffle +
/// gzip 4, zero fill) with its attributes, under parent.
Handle create_events_dataset(hid_t parent, std::size_t chunk_rows);

/// Appends rows to the /events dataset, whose current length is rows_before.
void append_event_rows(hid_t events, hid_t memory_type, std::size_t rows_before,
                       const TraceEvent* data, std::size_t n);

/// Writes /topology/components (under the topology group) from table.
void write_component_table(hid_t topology, const ComponentTable& table);

}  // namespace fleetsim::io::h5
