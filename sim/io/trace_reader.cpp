#include "sim/io/trace_reader.hpp"

#include <hdf5.h>

#include <cmath>
#include <cstddef>

#include "sim/io/hdf5_support.hpp"

namespace fleetsim::io {

namespace {

/// Runs HDF5 calls with the library lock held and automatic error printing off.
template <class F>
auto quietly(F&& f) {
  h5::LibraryScope scope;
  return f();
}

std::string clean(std::string dataset) {
  while (!dataset.empty() && dataset.front() == '/') dataset.erase(0, 1);
  return dataset;
}

}  // namespace

TraceReader::TraceReader(std::string path) : path_(std::move(path)) {
  quietly([&] {
    if (H5Fis_hdf5(path_.c_str()) <= 0) {
      H5Eclear2(H5E_DEFAULT);
      fail("not an HDF5 file (or not readable)");
    }
    const hid_t f = H5Fopen(path_.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    if (f < 0) fail("cannot open: " + h5::take_error_text());
    file_ = f;
    return 0;
  });
  const double complete = number_attribute("complete");
  if (complete == 1) return;
  quietly([&] { return H5Fclose(static_cast<hid_t>(file_)); });
  file_ = -1;
  if (std::isnan(complete)) fail("not a fleetsim trace (no root attribute 'complete')");
  fail("an incomplete trace (complete = 0): the run that wrote it did not finish");
}

TraceReader::~TraceReader() {
  if (file_ >= 0) quietly([&] { return H5Fclose(static_cast<hid_t>(file_)); });
}

void TraceReader::fail(const std::string& message) const { throw ImportError(path_, 0, message); }

bool TraceReader::exists(const std::string& dataset) const {
  const std::string d = clean(dataset);
  return quietly([&] {
    // Check every prefix: H5Lexists fails on a path whose parent is missing.
    std::size_t pos = 0;
    for (;;) {
      pos = d.find('/', pos + 1);
      const std::string prefix = d.substr(0, pos);
      if (prefix.empty() || H5Lexists(static_cast<hid_t>(file_), prefix.c_str(), H5P_DEFAULT) <= 0) {
        H5Eclear2(H5E_DEFAULT);
        return false;
      }
      if (pos == std::string::npos) return true;
    }
  });
}

int TraceReader::rank(const std::string& dataset) const {
  const std::string d = clean(dataset);
  if (!exists(d)) fail("no dataset '" + d + "'");
  return quietly([&] {
    const hid_t ds = H5Dopen2(static_cast<hid_t>(file_), d.c_str(), H5P_DEFAULT);
    if (ds < 0) fail("'" + d + "' is not a dataset");
    const hid_t space = H5Dget_space(ds);
    const int r = H5Sget_simple_extent_ndims(space);
    H5Sclose(space);
    H5Dclose(ds);
    return r;
  });
}

std::vector<double> TraceReader::numbers(const std::string& dataset, const std::string& column) const {
  const std::string d = clean(dataset);
  if (!exists(d)) fail("no dataset '" + d + "'");
  std::size_t col = 0, cols = 0;
  if (!column.empty()) {
    const std::string group = d.substr(0, d.rfind('/'));
    const std::vector<std::string> names = strings(group + "/columns");
    cols = names.size();
    while (col < cols && names[col] != column) ++col;
    if (col == cols) {
      std::string all;
      for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
      fail("'" + d + "' has no column '" + column + "' (columns: " + (all.empty() ? "none" : all) + ")");
    }
  }
  return quietly([&] {
    const hid_t ds = H5Dopen2(static_cast<hid_t>(file_), d.c_str(), H5P_DEFAULT);
    if (ds < 0) fail("'" + d + "' is not a dataset");
    h5::Handle dataset_handle(ds, H5Dclose);
    h5::Handle type(H5Dget_type(ds), H5Tclose);
    const H5T_class_t cls = H5Tget_class(type.get());
    if (cls != H5T_FLOAT && cls != H5T_INTEGER) fail("'" + d + "' is not numeric");
    h5::Handle space(H5Dget_space(ds), H5Sclose);
    const int r = H5Sget_simple_extent_ndims(space.get());
    hsize_t dims[2] = {0, 0};
    if (r < 1 || r > 2) fail("'" + d + "' has " + std::to_string(r) + " dimensions (1 or 2 expected)");
    H5Sget_simple_extent_dims(space.get(), dims, nullptr);
    if (r == 2 && column.empty()) fail("'" + d + "' has columns: name one, e.g. " + d + "[<column>]");
    if (r == 1 && !column.empty()) fail("'" + d + "' has no columns");
    if (r == 2 && dims[1] != cols) fail("'" + d + "' does not match its group's columns");
    std::vector<double> all(static_cast<std::size_t>(dims[0] * (r == 2 ? dims[1] : 1)));
    if (!all.empty() && H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, all.data()) < 0) {
      fail("cannot read '" + d + "': " + h5::take_error_text());
    }
    if (r == 1) return all;
    std::vector<double> out(static_cast<std::size_t>(dims[0]));
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = all[i * cols + col];
    return out;
  });
}

std::string TraceReader::unit(const std::string& dataset) const {
  const std::string d = clean(dataset);
  if (!exists(d)) fail("no dataset '" + d + "'");
  return quietly([&]() -> std::string {
    if (H5Aexists_by_name(static_cast<hid_t>(file_), d.c_str(), "unit", H5P_DEFAULT) <= 0) return "";
    h5::Handle a(H5Aopen_by_name(static_cast<hid_t>(file_), d.c_str(), "unit", H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
    h5::Handle type = h5::string_type();
    char* text = nullptr;
    if (H5Aread(a.get(), type.get(), &text) < 0 || !text) return "";
    std::string out(text);
    H5free_memory(text);
    return out;
  });
}

std::vector<std::string> TraceReader::strings(const std::string& dataset) const {
  const std::string d = clean(dataset);
  if (!exists(d)) return {};
  return quietly([&] {
    const hid_t ds = H5Dopen2(static_cast<hid_t>(file_), d.c_str(), H5P_DEFAULT);
    if (ds < 0) fail("'" + d + "' is not a dataset");
    h5::Handle dataset_handle(ds, H5Dclose);
    h5::Handle space(H5Dget_space(ds), H5Sclose);
    hsize_t n = 0;
    H5Sget_simple_extent_dims(space.get(), &n, nullptr);
    h5::Handle type = h5::string_type();
    std::vector<char*> ptrs(static_cast<std::size_t>(n), nullptr);
    if (n > 0 && H5Dread(ds, type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()) < 0) {
      fail("'" + d + "' is not a string dataset");
    }
    std::vector<std::string> out;
    for (char* p : ptrs) {
      out.emplace_back(p ? p : "");
      if (p) H5free_memory(p);
    }
    return out;
  });
}

std::vector<std::string> TraceReader::children(const std::string& group) const {
  const std::string g = clean(group);
  if (!g.empty() && !exists(g)) return {};
  return quietly([&] {
    std::vector<std::string> out;
    auto visit = [](hid_t, const char* name, const H5L_info_t*, void* data) -> herr_t {
      static_cast<std::vector<std::string>*>(data)->emplace_back(name);
      return 0;
    };
    H5Literate_by_name(static_cast<hid_t>(file_), g.empty() ? "/" : g.c_str(), H5_INDEX_NAME, H5_ITER_INC,
                        nullptr, visit, &out, H5P_DEFAULT);
    return out;
  });
}

std::vector<TraceEvent> TraceReader::events() const {
  if (!exists("events")) fail("no /events dataset");
  return quietly([&] {
    const hid_t ds = H5Dopen2(static_cast<hid_t>(file_), "events", H5P_DEFAULT);
    h5::Handle dataset_handle(ds, H5Dclose);
    h5::Handle space(H5Dget_space(ds), H5Sclose);
    hsize_t n = 0;
    H5Sget_simple_extent_dims(space.get(), &n, nullptr);
    h5::Handle mem(H5Tcreate(H5T_COMPOUND, sizeof(TraceEvent)), H5Tclose);
    H5Tinsert(mem.get(), "time_us", HOFFSET(TraceEvent, time_us), H5T_NATIVE_INT64);
    H5Tinsert(mem.get(), "kind", HOFFSET(TraceEvent, kind), H5T_NATIVE_UINT16);
    H5Tinsert(mem.get(), "zone", HOFFSET(TraceEvent, zone), H5T_NATIVE_INT32);
    H5Tinsert(mem.get(), "component", HOFFSET(TraceEvent, component), H5T_NATIVE_INT64);
    H5Tinsert(mem.get(), "workload", HOFFSET(TraceEvent, workload), H5T_NATIVE_INT32);
    H5Tinsert(mem.get(), "value", HOFFSET(TraceEvent, value), H5T_NATIVE_DOUBLE);
    std::vector<TraceEvent> out(static_cast<std::size_t>(n));
    if (n > 0 && H5Dread(ds, mem.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) < 0) {
      fail("cannot read /events: " + h5::take_error_text());
    }
    return out;
  });
}

double TraceReader::number_attribute(const std::string& name) const {
  return quietly([&] {
    if (H5Aexists(static_cast<hid_t>(file_), name.c_str()) <= 0) return static_cast<double>(NAN);
    h5::Handle a(H5Aopen(static_cast<hid_t>(file_), name.c_str(), H5P_DEFAULT), H5Aclose);
    double v = NAN;
    if (H5Aread(a.get(), H5T_NATIVE_DOUBLE, &v) < 0) {
      H5Eclear2(H5E_DEFAULT);
      return static_cast<double>(NAN);
    }
    return v;
  });
}

}  // namespace fleetsim::io
