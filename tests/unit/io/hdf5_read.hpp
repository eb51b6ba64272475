#pragma once
// Test-side HDF5 reading with the plain C API, independent of the writer's internals:
// what any C/C++ consumer of a trace would write.

#include <hdf5.h>
#include <hdf5_hl.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace fleetsim::io::test {

/// Owns one HDF5 id; throws when the id is invalid (the read failed).
class Id {
 public:
  Id(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {
    if (id_ < 0) throw std::runtime_error("HDF5 read failed");
  }
  Id(Id&& o) noexcept : id_(o.id_), close_(o.close_) { o.id_ = H5I_INVALID_HID; }
  ~Id() {
    if (id_ >= 0) close_(id_);
  }
  Id(const Id&) = delete;
  Id& operator=(const Id&) = delete;
  operator hid_t() const { return id_; }

 private:
  hid_t id_;
  herr_t (*close_)(hid_t);
};

inline Id open_file(const std::string& path) {
  return Id(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
}
inline Id open_dataset(hid_t file, const std::string& path) {
  return Id(H5Dopen2(file, path.c_str(), H5P_DEFAULT), H5Dclose);
}

inline Id vlen_string_type() {
  Id t(H5Tcopy(H5T_C_S1), H5Tclose);
  H5Tset_size(t, H5T_VARIABLE);
  H5Tset_cset(t, H5T_CSET_UTF8);
  return t;
}

inline bool has_attr(hid_t obj, const char* name) {
  return H5Aexists(obj, name) > 0;
}

/// A scalar string attribute.
inline std::string string_attr(hid_t obj, const char* name) {
  Id attr(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose);
  Id type = vlen_string_type();
  char* value = nullptr;
  if (H5Aread(attr, type, &value) < 0) throw std::runtime_error(name);
  std::string s = value != nullptr ? value : "";
  H5free_memory(value);
  return s;
}

/// A 1-D string-array attribute.
inline std::vector<std::string> strings_attr(hid_t obj, const char* name) {
  Id attr(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose);
  Id space(H5Aget_space(attr), H5Sclose);
  std::vector<char*> raw(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space)));
  Id type = vlen_string_type();
  if (!raw.empty() && H5Aread(attr, type, raw.data()) < 0) throw std::runtime_error(name);
  std::vector<std::string> out(raw.begin(), raw.end());
  for (char* p : raw) H5free_memory(p);
  return out;
}

/// A numeric scalar attribute converted to T (memory type given).
template <class T>
T number_attr(hid_t obj, const char* name, hid_t memory_type) {
  Id attr(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose);
  T value{};
  if (H5Aread(attr, memory_type, &value) < 0) throw std::runtime_error(name);
  return value;
}

/// Dimensions of a dataset.
inline std::vector<hsize_t> shape(hid_t ds) {
  Id space(H5Dget_space(ds), H5Sclose);
  std::vector<hsize_t> dims(static_cast<std::size_t>(H5Sget_simple_extent_ndims(space)));
  H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  return dims;
}

/// A 1-D string dataset.
inline std::vector<std::string> read_strings(hid_t file, const std::string& path) {
  Id ds = open_dataset(file, path);
  std::vector<char*> raw(shape(ds).at(0));
  Id type = vlen_string_type();
  if (!raw.empty() && H5Dread(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()) < 0) {
    throw std::runtime_error(path);
  }
  std::vector<std::string> out(raw.begin(), raw.end());
  for (char* p : raw) H5free_memory(p);
  return out;
}

/// A float64 dataset of any rank, flattened row-major.
inline std::vector<double> read_doubles(hid_t file, const std::string& path) {
  Id ds = open_dataset(file, path);
  std::size_t n = 1;
  for (hsize_t d : shape(ds)) n *= d;
  std::vector<double> out(n);
  if (n > 0 && H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) < 0) {
    throw std::runtime_error(path);
  }
  return out;
}

/// Paths of every dataset in the file ("/events", "/series/zone/utilization", ...).
inline std::vector<std::string> dataset_paths(hid_t file) {
  std::vector<std::string> paths;
  auto visit = [](hid_t, const char* name, const H5O_info_t* info, void* data) -> herr_t {
    if (info->type == H5O_TYPE_DATASET) {
      static_cast<std::vector<std::string>*>(data)->push_back(std::string("/") + name);
    }
    return 0;
  };
  H5Ovisit2(file, H5_INDEX_NAME, H5_ITER_INC, visit, &paths, H5O_INFO_BASIC);
  return paths;
}

}  // namespace fleetsim::io::test
