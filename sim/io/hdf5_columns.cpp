#include "sim/io/hdf5_columns.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "sim/io/hdf5_support.hpp"

namespace fleetsim::io::h5 {

namespace {

constexpr std::size_t kChunkRows = 65536;

}  // namespace

void write_column_table(hid_t parent, const ColumnTable& table) {
  const std::size_t rows = table.rows();
  Handle group = create_group(parent, table.name);
  set_attr(group.get(), "description", table.description);
  set_attr(group.get(), "rows", static_cast<std::int64_t>(rows));
  const hsize_t n = rows;
  for (const Column& c : table.columns) {
    const std::string path = "/jobs/" + table.name + "/" + c.name;
    Handle space = owned(H5Screate_simple(1, &n, nullptr), H5Sclose, path);
    std::vector<hsize_t> chunk;
    if (rows > 0) chunk.push_back(static_cast<hsize_t>(std::min(rows, kChunkRows)));
    Handle dcpl = dataset_properties(chunk);
    const hid_t file_type = c.integer ? H5T_STD_I64LE : H5T_IEEE_F64LE;
    Handle ds = owned(H5Dcreate2(group.get(), c.name.c_str(), file_type, space.get(), H5P_DEFAULT,
                                 dcpl.get(), H5P_DEFAULT),
                      H5Dclose, "creating dataset " + path);
    if (rows > 0) {
      if (c.integer) {
        std::vector<std::int64_t> v(rows);
        for (std::size_t i = 0; i < rows; ++i) {
          v[i] = std::isfinite(c.values[i]) ? static_cast<std::int64_t>(c.values[i]) : -1;
        }
        check(H5Dwrite(ds.get(), H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), "writing " + path);
      } else {
        check(H5Dwrite(ds.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, c.values.data()),
              "writing " + path);
      }
    }
    describe(ds.get(), c.unit.empty() ? "1" : c.unit, c.description);
    ds.close(path);
  }
  group.close("/jobs/" + table.name);
}

}  // namespace fleetsim::io::h5
