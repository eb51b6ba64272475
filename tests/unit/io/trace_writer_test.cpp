// The HDF5 trace writer: what lands in the file, read back with the HDF5 C API.

#include <catch2/catch.hpp>

#include "sim/io/trace_writer.hpp"
#include "tests/unit/io/hdf5_read.hpp"
#include "tests/unit/io/io_test_support.hpp"

using namespace fleetsim;
using namespace fleetsim::io;
using namespace fleetsim::io::test;

namespace {

// TraceEvent as an independent reader would declare it.
Id event_type() {
  Id t(H5Tcreate(H5T_COMPOUND, sizeof(TraceEvent)), H5Tclose);
  H5Tinsert(t, "time_us", HOFFSET(TraceEvent, time_us), H5T_NATIVE_INT64);
  H5Tinsert(t, "kind", HOFFSET(TraceEvent, kind), H5T_NATIVE_UINT16);
  H5Tinsert(t, "zone", HOFFSET(TraceEvent, zone), H5T_NATIVE_INT32);
  H5Tinsert(t, "component", HOFFSET(TraceEvent, component), H5T_NATIVE_INT64);
  H5Tinsert(t, "workload", HOFFSET(TraceEvent, workload), H5T_NATIVE_INT32);
  H5Tinsert(t, "value", HOFFSET(TraceEvent, value), H5T_NATIVE_DOUBLE);
  return t;
}

std::vector<TraceEvent> read_events(hid_t file) {
  Id ds = open_dataset(file, "/events");
  std::vector<TraceEvent> out(shape(ds).at(0));
  Id type = event_type();
  if (!out.empty()) REQUIRE(H5Dread(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) >= 0);
  return out;
}

bool same(const TraceEvent& a, const TraceEvent& b) {
  return a.time_us == b.time_us && a.kind == b.kind && a.zone == b.zone &&
         a.component == b.component && a.workload == b.workload && a.value == b.value;
}

}  // namespace

TEST_CASE("a trace round-trips through the HDF5 C API", "[io][trace]") {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  const std::size_t n = 2 * TraceWriter::kEventChunkRows + 1234;  // two full chunks and a rest
  write_sample_trace(path, n, 5000);
  CHECK(dir.entries() == std::vector<std::string>{"run.h5"});
  Id file = open_file(path);

  SECTION("root attributes") {
    CHECK(string_attr(file, "format") == "fleetsim-trace");
    CHECK(number_attr<int>(file, "format_version", H5T_NATIVE_INT) == 1);
    CHECK(number_attr<int>(file, "complete", H5T_NATIVE_INT) == 1);
    CHECK(string_attr(file, "scenario_name") == "zone-wave");
    CHECK(string_attr(file, "scenario_text") == sample_header().scenario_text);
    CHECK(number_attr<std::uint64_t>(file, "seed", H5T_NATIVE_UINT64) == 42);
    CHECK(string_attr(file, "fleetsim_version") == "0.1.0");
    CHECK(strings_attr(file, "overrides") == sample_header().overrides);
    CHECK(number_attr<double>(file, "duration_s", H5T_NATIVE_DOUBLE) == 3600.0);
    CHECK(number_attr<std::int64_t>(file, "duration_us", H5T_NATIVE_INT64) == hours(1));
    CHECK(number_attr<double>(file, "sample_interval_s", H5T_NATIVE_DOUBLE) == 300.0);
    CHECK(number_attr<std::int64_t>(file, "sample_interval_us", H5T_NATIVE_INT64) == minutes(5));
    CHECK_THAT(string_attr(file, "time_unit"), Catch::Contains("microseconds"));
    Id prov(H5Gopen2(file, "/provenance", H5P_DEFAULT), H5Gclose);
    CHECK(string_attr(prov, "command") == "fleetsim run zone-wave.yaml");
    CHECK(string_attr(prov, "threads") == "1");
  }

  SECTION("events: every row, packed little-endian fields, chunked and compressed") {
    const std::vector<TraceEvent> expected = sample_events(n);
    const std::vector<TraceEvent> got = read_events(file);
    REQUIRE(got.size() == n);
    std::size_t mismatches = 0;
    for (std::size_t i = 0; i < n; ++i) mismatches += same(got[i], expected[i]) ? 0 : 1;
    CHECK(mismatches == 0);

    Id ds = open_dataset(file, "/events");
    Id type(H5Dget_type(ds), H5Tclose);
    CHECK(H5Tget_size(type) == 34);
    CHECK(H5Tget_nmembers(type) == 6);
    const char* names[] = {"time_us", "kind", "zone", "component", "workload", "value"};
    for (unsigned i = 0; i < 6; ++i) {
      char* member = H5Tget_member_name(type, i);
      CHECK(std::string(member) == names[i]);
      H5free_memory(member);
    }
    Id dcpl(H5Dget_create_plist(ds), H5Pclose);
    hsize_t chunk = 0;
    CHECK(H5Pget_chunk(dcpl, 1, &chunk) == 1);
    CHECK(chunk == TraceWriter::kEventChunkRows);
    REQUIRE(H5Pget_nfilters(dcpl) == 2);
    unsigned flags = 0, level = 0;
    std::size_t nvalues = 1;
    CHECK(H5Pget_filter2(dcpl, 0, &flags, nullptr, nullptr, 0, nullptr, nullptr) ==
          H5Z_FILTER_SHUFFLE);
    CHECK(H5Pget_filter2(dcpl, 1, &flags, &nvalues, &level, 0, nullptr, nullptr) ==
          H5Z_FILTER_DEFLATE);
    CHECK(level == 4);
    CHECK(string_attr(ds, "time_unit") == "us");
    CHECK(strings_attr(ds, "field_names") ==
          std::vector<std::string>{"time_us", "kind", "zone", "component", "workload", "value"});
    CHECK(strings_attr(ds, "field_units").at(0) == "us");
  }

  SECTION("names and components") {
    for (const NameTable& t : sample_names())
      CHECK(read_strings(file, "/names/" + t.name) == t.names);
    Id ds = open_dataset(file, "/topology/components");
    CHECK(shape(ds) == std::vector<hsize_t>{5});
    struct Row {
      std::int64_t id;
      std::uint8_t kind;
      std::int32_t zone;
      std::int64_t parent;
      char* name;
    };
    Id str = vlen_string_type();
    Id type(H5Tcreate(H5T_COMPOUND, sizeof(Row)), H5Tclose);
    H5Tinsert(type, "id", HOFFSET(Row, id), H5T_NATIVE_INT64);
    H5Tinsert(type, "kind", HOFFSET(Row, kind), H5T_NATIVE_UINT8);
    H5Tinsert(type, "zone", HOFFSET(Row, zone), H5T_NATIVE_INT32);
    H5Tinsert(type, "parent", HOFFSET(Row, parent), H5T_NATIVE_INT64);
    H5Tinsert(type, "name", HOFFSET(Row, name), str);
    std::vector<Row> rows(5);
    REQUIRE(H5Dread(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, rows.data()) >= 0);
    const ComponentTable c = sample_components();
    for (std::size_t i = 0; i < 5; ++i) {
      CHECK(rows[i].id == c.id[i]);
      CHECK(rows[i].kind == c.kind[i]);
      CHECK(rows[i].zone == c.zone[i]);
      CHECK(rows[i].parent == c.parent[i]);
      CHECK(std::string(rows[i].name) == c.name[i]);
      H5free_memory(rows[i].name);
    }
  }

  SECTION("series: values, shapes and dimension scales") {
    const std::vector<double> time = read_doubles(file, "/series/time");
    REQUIRE(time.size() == 12);
    CHECK(time[1] == 300.0);
    for (const SeriesGroup& g : sample_series()) {
      const std::string path = "/series/" + g.group + "/" + g.metric;
      CHECK(read_doubles(file, path) == g.values);
      Id ds = open_dataset(file, path);
      Id time_ds = open_dataset(file, "/series/time");
      CHECK(string_attr(ds, "unit") == g.unit);
      CHECK(string_attr(ds, "description") == g.description);
      CHECK(H5DSis_attached(ds, time_ds, 0) > 0);
      if (g.columns.empty()) {
        CHECK(shape(ds) == std::vector<hsize_t>{12});
      } else {
        CHECK(shape(ds) == std::vector<hsize_t>{12, g.columns.size()});
        Id cols = open_dataset(file, "/series/" + g.group + "/columns");
        CHECK(H5DSis_attached(ds, cols, 1) > 0);
        CHECK(read_strings(file, "/series/" + g.group + "/columns") == g.columns);
        char label[64] = {};
        H5DSget_label(ds, 1, label, sizeof label);
        CHECK(std::string(label) == g.group);
      }
    }
    Id time_ds = open_dataset(file, "/series/time");
    CHECK(H5DSis_scale(time_ds) > 0);
    CHECK(string_attr(time_ds, "unit") == "s");
  }

  SECTION("every dataset has unit and description; no object timestamps") {
    const std::vector<std::string> paths = dataset_paths(file);
    CHECK(paths.size() ==
          1 + 4 + 1 + 1 + 2 + 4);  // events, names, components, time, columns, series
    for (const std::string& p : paths) {
      INFO(p);
      Id ds = open_dataset(file, p);
      CHECK(has_attr(ds, "unit"));
      CHECK(has_attr(ds, "description"));
      H5O_info_t info;
      REQUIRE(H5Oget_info2(ds, &info, H5O_INFO_TIME) >= 0);
      CHECK(info.ctime == 0);
      CHECK(info.mtime == 0);
    }
  }
}

TEST_CASE("an empty trace is still complete and readable", "[io][trace]") {
  TempDir dir;
  const std::string path = dir.file("empty.h5");
  {
    TraceHeader h;
    h.scenario_text = std::string(200000, 'x');  // larger than 64 KiB: dense attribute storage
    TraceWriter w(path, h);
    w.write_series({}, {{"fleet", "hosts_up", "hosts", "", {}, {}}});
    w.commit();
  }
  Id file = open_file(path);
  CHECK(number_attr<int>(file, "complete", H5T_NATIVE_INT) == 1);
  CHECK(string_attr(file, "scenario_text").size() == 200000);
  CHECK(strings_attr(file, "overrides").empty());
  Id events = open_dataset(file, "/events");
  CHECK(shape(events) == std::vector<hsize_t>{0});
  CHECK(read_doubles(file, "/series/fleet/hosts_up").empty());
}
