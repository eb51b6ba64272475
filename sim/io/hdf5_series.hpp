#pragma once
/// Internal to sim/io: writes sampled series into an open HDF5 group ("/series") as
/// datasets with dimension scales, the layout docs/trace-format.md specifies.

#include <hdf5.h>

#include <cstdint>
#include <vector>

#include "sim/io/trace_data.hpp"

namespace fleetsim::io::h5 {

/// Chunk shape of a series dataset of `rows` samples x `cols` columns (cols 0: 1-D):
/// at most 64 columns and about 1 MiB of doubles per chunk; empty when the dataset is
/// empty (then it is stored contiguous). A function of the shape only, for determinism.
std::vector<hsize_t> series_chunk(std::size_t rows, std::size_t cols);

/// Writes <series>/time (float64 seconds, a dimension scale), one <series>/<group> per
/// distinct group with its "columns" scale when it has columns, and <series>/<group>/<metric>
/// for every SeriesGroup. Call check_series() first; throws OutputError on HDF5 errors.
void write_series_datasets(hid_t series, const std::vector<std::int64_t>& sample_times_us,
                           const std::vector<SeriesGroup>& groups);

}  // namespace fleetsim::io::h5
