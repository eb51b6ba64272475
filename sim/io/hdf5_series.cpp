#include "sim/io/hdf5_series.hpp"

#include <hdf5_hl.h>

#include <algorithm>
#include <map>
#include <string>

#include "sim/core/time.hpp"
#include "sim/io/hdf5_support.hpp"

namespace fleetsim::io::h5 {

namespace {

constexpr std::size_t kChunkValues = 131072;  // 1 MiB of float64
constexpr std::size_t kChunkColumns = 64;

// One /series/<group>: the HDF5 group and its column-name scale (empty for 1-D groups).
struct GroupObjects {
  Handle group;
  Handle columns;
};

Handle write_time_scale(hid_t series, const std::vector<std::int64_t>& sample_times_us) {
  std::vector<double> seconds(sample_times_us.size());
  std::transform(sample_times_us.begin(), sample_times_us.end(), seconds.begin(),
                 [](std::int64_t t) { return to_seconds(t); });
  const hsize_t n = seconds.size();
  Handle space = owned(H5Screate_simple(1, &n, nullptr), H5Sclose, "series time dataspace");
  Handle dcpl = dataset_properties({});
  Handle ds = owned(
      H5Dcreate2(series, "time", H5T_IEEE_F64LE, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
      H5Dclose, "creating dataset /series/time");
  if (n > 0) {
    check(H5Dwrite(ds.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, seconds.data()),
          "writing /series/time");
  }
  describe(ds.get(), "s",
           "Sample times in seconds since scenario start; dimension scale of axis 0 of every "
           "series dataset.");
  check(H5DSset_scale(ds.get(), "time"), "making /series/time a dimension scale");
  return ds;
}

GroupObjects open_group(hid_t series, const SeriesGroup& g) {
  GroupObjects objects{create_group(series, g.group), Handle()};
  if (!g.columns.empty()) {
    objects.columns = write_strings(
        objects.group.get(), "columns", g.columns,
        "Column names of the 2-D datasets of group '" + g.group + "' (dimension scale of axis 1).");
    check(H5DSset_scale(objects.columns.get(), g.group.c_str()),
          "making /series/" + g.group + "/columns a dimension scale");
  }
  return objects;
}

void write_metric(const GroupObjects& objects, hid_t time_scale, std::size_t rows,
                  const SeriesGroup& g) {
  const std::string path = "/series/" + g.group + "/" + g.metric;
  const std::size_t cols = g.columns.size();
  std::vector<hsize_t> dims{static_cast<hsize_t>(rows)};
  if (cols > 0) dims.push_back(static_cast<hsize_t>(cols));
  Handle space =
      owned(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), H5Sclose, path);
  Handle dcpl = dataset_properties(series_chunk(rows, cols));
  Handle ds = owned(H5Dcreate2(objects.group.get(), g.metric.c_str(), H5T_IEEE_F64LE, space.get(),
                               H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
                    H5Dclose, "creating dataset " + path);
  if (!g.values.empty()) {
    check(H5Dwrite(ds.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, g.values.data()),
          "writing " + path);
  }
  const std::string description = g.description.empty() ? g.group + " " + g.metric : g.description;
  describe(ds.get(), g.unit.empty() ? "1" : g.unit, description);
  check(H5DSattach_scale(ds.get(), time_scale, 0), "attaching time scale to " + path);
  check(H5DSset_label(ds.get(), 0, "time"), "labelling axis 0 of " + path);
  if (cols > 0) {
    check(H5DSattach_scale(ds.get(), objects.columns.get(), 1), "attaching columns to " + path);
    check(H5DSset_label(ds.get(), 1, g.group.c_str()), "labelling axis 1 of " + path);
  }
  ds.close(path);
}

}  // namespace

std::vector<hsize_t> series_chunk(std::size_t rows, std::size_t cols) {
  if (rows == 0) return {};
  if (cols == 0) return {static_cast<hsize_t>(std::min(rows, kChunkValues))};
  const std::size_t chunk_cols = std::min(cols, kChunkColumns);
  const std::size_t chunk_rows =
      std::min(rows, std::max<std::size_t>(1, kChunkValues / chunk_cols));
  return {static_cast<hsize_t>(chunk_rows), static_cast<hsize_t>(chunk_cols)};
}

void write_series_datasets(hid_t series, const std::vector<std::int64_t>& sample_times_us,
                           const std::vector<SeriesGroup>& groups) {
  Handle time_scale = write_time_scale(series, sample_times_us);
  std::map<std::string, GroupObjects> opened;  // group name -> objects, opened on first use
  for (const SeriesGroup& g : groups) {
    auto it = opened.find(g.group);
    if (it == opened.end()) it = opened.emplace(g.group, open_group(series, g)).first;
    write_metric(it->second, time_scale.get(), sample_times_us.size(), g);
  }
  for (auto& [name, objects] : opened) {
    objects.columns.close("/series/" + name + "/columns");
    objects.group.close("/series/" + name);
  }
  time_scale.close("/series/time");
}

}  // namespace fleetsim::io::h5
