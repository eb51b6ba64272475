/// The HDF5 form of a results table (see results_table.hpp), written with the same
/// deterministic settings as the trace: no object timestamps, pinned 1.8 format bounds,
/// contiguous datasets, temp file then rename.

#include <hdf5.h>

#include <cstdio>
#include <stdexcept>

#include "sim/io/atomic_file.hpp"
#include "sim/io/hdf5_support.hpp"
#include "sim/io/output_error.hpp"
#include "sim/io/results_table.hpp"

namespace fleetsim::io {

namespace {

std::string dataset_name(const std::string& column) {
  std::string out;
  for (const char c : column) {
    if (c == '/') out += "\xe2\x88\x95";  // U+2215 DIVISION SLASH
    else out += c;
  }
  return out == "." ? "\xe2\x80\xa4" : out;
}

void write_numbers(hid_t group, const TableColumn& c) {
  const std::string name = dataset_name(c.name);
  const hsize_t n = c.numbers.size();
  h5::Handle space = h5::owned(H5Screate_simple(1, &n, nullptr), H5Sclose, "dataspace of " + name);
  h5::Handle dcpl = h5::dataset_properties({});
  h5::Handle ds = h5::owned(H5Dcreate2(group, name.c_str(), H5T_IEEE_F64LE, space.get(),
                                       H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
                            H5Dclose, "creating dataset '" + name + "'");
  if (n > 0) {
    h5::check(H5Dwrite(ds.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, c.numbers.data()),
              "writing dataset '" + name + "'");
  }
  h5::describe(ds.get(), c.unit, c.description);
  h5::set_attr(ds.get(), "name", c.name);
}

}  // namespace

void write_table_hdf5(const std::string& path, const ResultsTable& table) {
  const std::size_t rows = table.rows();
  for (const TableColumn& c : table.columns) {
    if (c.size() != rows) throw std::invalid_argument("column '" + c.name + "' has a different length");
  }
  const std::string temp = temporary_path_for(path);
  h5::LibraryScope scope;
  h5::Handle file;
  try {
    h5::Handle fapl = h5::owned(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "file access properties");
    h5::check(H5Pset_fapl_sec2(fapl.get()), "file driver");
    h5::check(H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_V18, H5F_LIBVER_V18), "format bounds");
    h5::check(H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_STRONG), "close degree");
    h5::Handle fcpl = h5::owned(H5Pcreate(H5P_FILE_CREATE), H5Pclose, "file creation properties");
    h5::check(H5Pset_obj_track_times(fcpl.get(), 0), "root group time tracking");
    const hid_t id = H5Fcreate(temp.c_str(), H5F_ACC_TRUNC, fcpl.get(), fapl.get());
    if (id < 0) {
      throw OutputError("cannot create temporary file '" + temp + "' for '" + path +
                        "': " + h5::take_error_text());
    }
    file = h5::Handle(id, H5Fclose);
    h5::set_attr(file.get(), "format", std::string("fleetsim-results-table"));
    h5::set_attr(file.get(), "format_version", std::int32_t{1});
    for (const auto& [k, v] : table.attributes) h5::set_attr(file.get(), k.c_str(), v);
    h5::Handle group = h5::create_group(file.get(), "table");
    std::vector<std::string> names;
    for (const TableColumn& c : table.columns) names.push_back(c.name);
    h5::set_attr(group.get(), "columns", names);
    h5::set_attr(group.get(), "rows", static_cast<std::int64_t>(rows));
    for (const TableColumn& c : table.columns) {
      if (c.numeric) {
        write_numbers(group.get(), c);
      } else {
        h5::Handle ds = h5::write_strings(group.get(), dataset_name(c.name), c.texts, c.description);
        h5::set_attr(ds.get(), "name", c.name);
      }
    }
    group.close("/table");
    file.close("file");
  } catch (...) {
    if (file) {
      h5::discard_file_writes(file.get());
      file.reset();
    }
    std::remove(temp.c_str());
    throw;
  }
  publish_file(temp, path);
}

}  // namespace fleetsim::io
