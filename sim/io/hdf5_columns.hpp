#pragma once
/// Internal to sim/io: writes a ColumnTable as a group of equal-length 1-D datasets
/// (/jobs/<table>/<column>), the layout docs/trace-format.md specifies.

#include <hdf5.h>

#include "sim/io/column_table.hpp"

namespace fleetsim::io::h5 {

/// Creates <parent>/<table.name> with one dataset per column (int64 or float64, chunked
/// with shuffle + gzip 4 when non-empty), each with unit and description attributes; the
/// group gets description and rows attributes. Throws OutputError on HDF5 errors.
void write_column_table(hid_t parent, const ColumnTable& table);

}  // namespace fleetsim::io::h5
