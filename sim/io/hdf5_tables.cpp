#include "sim/io/hdf5_tables.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

namespace fleetsim::io::h5 {

namespace {

// A row of /topology/components in memory (name points into the ComponentTable).
struct ComponentRow {
  std::int64_t id;
  std::uint8_t kind;
  std::int32_t zone;
  std::int64_t parent;
  const char* name;
};

constexpr std::size_t kComponentChunkRows = 65536;

void insert(hid_t compound, const char* name, std::size_t offset, hid_t type) {
  check(H5Tinsert(compound, name, offset, type), std::string("compound field ") + name);
}

Handle event_file_type() {
  Handle t = owned(H5Tcreate(H5T_COMPOUND, kEventFileBytes), H5Tclose, "events file type");
  insert(t.get(), "time_us", 0, H5T_STD_I64LE);
  insert(t.get(), "kind", 8, H5T_STD_U16LE);
  insert(t.get(), "zone", 10, H5T_STD_I32LE);
  insert(t.get(), "component", 14, H5T_STD_I64LE);
  insert(t.get(), "workload", 22, H5T_STD_I32LE);
  insert(t.get(), "value", 26, H5T_IEEE_F64LE);
  return t;
}

Handle component_memory_type(hid_t string) {
  Handle t = owned(H5Tcreate(H5T_COMPOUND, sizeof(ComponentRow)), H5Tclose, "components type");
  insert(t.get(), "id", offsetof(ComponentRow, id), H5T_NATIVE_INT64);
  insert(t.get(), "kind", offsetof(ComponentRow, kind), H5T_NATIVE_UINT8);
  insert(t.get(), "zone", offsetof(ComponentRow, zone), H5T_NATIVE_INT32);
  insert(t.get(), "parent", offsetof(ComponentRow, parent), H5T_NATIVE_INT64);
  insert(t.get(), "name", offsetof(ComponentRow, name), string);
  return t;
}

// Packed and little-endian; the library widens the string member to its on-disk form.
Handle component_file_type(hid_t string) {
  Handle t =
      owned(H5Tcreate(H5T_COMPOUND, 21 + H5Tget_size(string)), H5Tclose, "components file type");
  insert(t.get(), "id", 0, H5T_STD_I64LE);
  insert(t.get(), "kind", 8, H5T_STD_U8LE);
  insert(t.get(), "zone", 9, H5T_STD_I32LE);
  insert(t.get(), "parent", 13, H5T_STD_I64LE);
  insert(t.get(), "name", 21, string);
  return t;
}

void describe_fields(hid_t ds, const std::vector<std::string>& names,
                     const std::vector<std::string>& units,
                     const std::vector<std::string>& descriptions) {
  set_attr(ds, "field_names", names);
  set_attr(ds, "field_units", units);
  set_attr(ds, "field_descriptions", descriptions);
}

}  // namespace

Handle event_memory_type() {
  Handle t = owned(H5Tcreate(H5T_COMPOUND, sizeof(TraceEvent)), H5Tclose, "events type");
  insert(t.get(), "time_us", offsetof(TraceEvent, time_us), H5T_NATIVE_INT64);
  insert(t.get(), "kind", offsetof(TraceEvent, kind), H5T_NATIVE_UINT16);
  insert(t.get(), "zone", offsetof(TraceEvent, zone), H5T_NATIVE_INT32);
  insert(t.get(), "component", offsetof(TraceEvent, component), H5T_NATIVE_INT64);
  insert(t.get(), "workload", offsetof(TraceEvent, workload), H5T_NATIVE_INT32);
  insert(t.get(), "value", offsetof(TraceEvent, value), H5T_NATIVE_DOUBLE);
  return t;
}

Handle create_events_dataset(hid_t parent, std::size_t chunk_rows) {
  const hsize_t zero = 0;
  const hsize_t unlimited = H5S_UNLIMITED;
  Handle space = owned(H5Screate_simple(1, &zero, &unlimited), H5Sclose, "events dataspace");
  Handle dcpl = dataset_properties({static_cast<hsize_t>(chunk_rows)});
  Handle memory = event_memory_type();
  TraceEvent fill;
  std::memset(&fill, 0, sizeof fill);
  check(H5Pset_fill_value(dcpl.get(), memory.get(), &fill), "events fill value");
  Handle file_type = event_file_type();
  Handle ds = owned(H5Dcreate2(parent, "events", file_type.get(), space.get(), H5P_DEFAULT,
                               dcpl.get(), H5P_DEFAULT),
                    H5Dclose, "creating dataset /events");
  describe(ds.get(), "mixed (see field_units)",
           "Event log: one row per event, sorted by time_us (ties in simulation order).");
  set_attr(ds.get(), "time_unit", std::string("us"));
  describe_fields(ds.get(), {"time_us", "kind", "zone", "component", "workload", "value"},
                  {"us", "code", "code", "id", "code", "per kind"},
                  {"microseconds since scenario start", "event kind: index into /names/kind",
                   "zone: index into /names/zone, -1 when none",
                   "component id: /topology/components id, -1 when none",
                   "workload: index into /names/workload, -1 when none",
                   "kind-specific value; its unit is /names/kind_unit[kind] when present"});
  return ds;
}

void append_event_rows(hid_t events, hid_t memory_type, std::size_t rows_before,
                       const TraceEvent* data, std::size_t n) {
  if (n == 0) return;
  const hsize_t start = rows_before;
  const hsize_t count = n;
  const hsize_t total = start + count;
  check(H5Dset_extent(events, &total), "extending /events");
  Handle file_space = owned(H5Dget_space(events), H5Sclose, "/events dataspace");
  check(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, &start, nullptr, &count, nullptr),
        "selecting /events rows");
  Handle memory_space = owned(H5Screate_simple(1, &count, nullptr), H5Sclose, "events buffer");
  check(H5Dwrite(events, memory_type, memory_space.get(), file_space.get(), H5P_DEFAULT, data),
        "writing /events rows");
}

void write_component_table(hid_t topology, const ComponentTable& table) {
  const std::size_t n = table.rows();
  std::vector<ComponentRow> rows(n);
  for (std::size_t i = 0; i < n; ++i) {
    rows[i] = {table.id[i], table.kind[i], table.zone[i], table.parent[i], table.name[i].c_str()};
  }
  Handle string = string_type();
  Handle memory = component_memory_type(string.get());
  Handle file_type = component_file_type(string.get());
  const hsize_t dims = n;
  Handle space = owned(H5Screate_simple(1, &dims, nullptr), H5Sclose, "components dataspace");
  std::vector<hsize_t> chunk;
  if (n > 0) chunk.push_back(std::min<hsize_t>(n, kComponentChunkRows));
  Handle dcpl = dataset_properties(chunk);
  Handle ds = owned(H5Dcreate2(topology, "components", file_type.get(), space.get(), H5P_DEFAULT,
                               dcpl.get(), H5P_DEFAULT),
                    H5Dclose, "creating dataset /topology/components");
  if (n > 0) {
    check(H5Dwrite(ds.get(), memory.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, rows.data()),
          "writing /topology/components");
  }
  describe(ds.get(), "mixed (see field_units)",
           "Fleet components (regions, zones, racks, power feeds, switches, hosts): one row each.");
  describe_fields(
      ds.get(), {"id", "kind", "zone", "parent", "name"}, {"id", "code", "code", "id", "text"},
      {"component id, as in /events component", "component kind: index into /names/component_kind",
       "zone: index into /names/zone, -1 above zone level",
       "id of the containing component, -1 for a root", "component name"});
  ds.close("/topology/components");
}

}  // namespace fleetsim::io::h5
