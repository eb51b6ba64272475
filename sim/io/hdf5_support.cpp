#include "sim/io/hdf5_support.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <mutex>

#include "sim/io/output_error.hpp"

namespace fleetsim::io::h5 {

namespace {

std::mutex& library_mutex() {
  static std::mutex m;
  return m;
}

herr_t collect_frame(unsigned /*n*/, const H5E_error2_t* err, void* data) {
  auto& text = *static_cast<std::string*>(data);
  if (!text.empty()) text += "; ";
  if (err->func_name != nullptr) text += std::string(err->func_name) + ": ";
  for (const char* c = err->desc != nullptr ? err->desc : "(no description)"; *c != '\0'; ++c) {
    if (*c != '\n') text += *c;  // HDF5 puts line breaks in some descriptions
  }
  return 0;
}

// Writes an attribute of the given memory/file types and dataspace, creating it or
// overwriting it in place when it already exists (same type and shape).
void write_attr(hid_t obj, const char* name, hid_t mem_type, hid_t file_type, hid_t space,
                const void* data) {
  const std::string context = std::string("attribute '") + name + "'";
  const bool exists = check(H5Aexists(obj, name), context) > 0;
  Handle attr = exists ? owned(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose, context)
                       : owned(H5Acreate2(obj, name, file_type, space, H5P_DEFAULT, H5P_DEFAULT),
                               H5Aclose, context);
  check(H5Awrite(attr.get(), mem_type, data), "writing " + context);
  attr.close(context);
}

void write_scalar_attr(hid_t obj, const char* name, hid_t mem_type, hid_t file_type,
                       const void* data) {
  Handle space = owned(H5Screate(H5S_SCALAR), H5Sclose, "scalar dataspace");
  write_attr(obj, name, mem_type, file_type, space.get(), data);
}

}  // namespace

Handle& Handle::operator=(Handle&& o) noexcept {
  if (this != &o) {
    reset();
    id_ = o.id_;
    close_ = o.close_;
    o.id_ = H5I_INVALID_HID;
  }
  return *this;
}

void Handle::reset() noexcept {
  if (id_ >= 0 && close_ != nullptr) {
    close_(id_);
    H5Eclear2(H5E_DEFAULT);
  }
  id_ = H5I_INVALID_HID;
}

void Handle::close(const std::string& context) {
  if (id_ < 0) return;
  const hid_t id = id_;
  id_ = H5I_INVALID_HID;
  check(close_(id), "closing " + context);
}

LibraryScope::LibraryScope() {
  library_mutex().lock();
  H5Eget_auto2(H5E_DEFAULT, &saved_func_, &saved_data_);
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

LibraryScope::~LibraryScope() {
  H5Eset_auto2(H5E_DEFAULT, saved_func_, saved_data_);
  library_mutex().unlock();
}

std::string take_error_text() {
  std::string text;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, collect_frame, &text);  // innermost (the cause) first
  H5Eclear2(H5E_DEFAULT);
  return text.empty() ? std::string("unknown HDF5 error") : "HDF5: " + text;
}

hid_t check(hid_t id, const std::string& context) {
  if (id < 0) throw OutputError(context + " failed: " + take_error_text());
  return id;
}

int check(int status, const std::string& context) {
  if (status < 0) throw OutputError(context + " failed: " + take_error_text());
  return status;
}

void discard_file_writes(hid_t file) noexcept {
  void* handle = nullptr;
  if (file < 0 || H5Fget_vfd_handle(file, H5P_DEFAULT, &handle) < 0 || handle == nullptr) {
    H5Eclear2(H5E_DEFAULT);
    return;
  }
  const int fd = *static_cast<int*>(handle);
  // An anonymous in-memory file (sparse: only what the close writes takes memory) accepts
  // the writes and the final truncate that /dev/null would refuse.
#ifdef __linux__
  const int sink = ::memfd_create("fleetsim-discarded-trace", MFD_CLOEXEC);
#else
  const int sink = ::open("/dev/null", O_RDWR | O_CLOEXEC);
#endif
  if (sink < 0) return;
  ::dup2(sink, fd);
  ::close(sink);
}

Handle owned(hid_t id, Handle::Closer close, const std::string& context) {
  return Handle(check(id, context), close);
}

Handle string_type() {
  Handle t = owned(H5Tcopy(H5T_C_S1), H5Tclose, "string type");
  check(H5Tset_size(t.get(), H5T_VARIABLE), "string type size");
  check(H5Tset_cset(t.get(), H5T_CSET_UTF8), "string type charset");
  check(H5Tset_strpad(t.get(), H5T_STR_NULLTERM), "string type padding");
  return t;
}

Handle create_group(hid_t parent, const std::string& name) {
  Handle gcpl = owned(H5Pcreate(H5P_GROUP_CREATE), H5Pclose, "group properties");
  check(H5Pset_obj_track_times(gcpl.get(), 0), "group properties");
  return owned(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, gcpl.get(), H5P_DEFAULT), H5Gclose,
               "creating group '" + name + "'");
}

Handle dataset_properties(const std::vector<hsize_t>& chunk) {
  Handle dcpl = owned(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "dataset properties");
  check(H5Pset_obj_track_times(dcpl.get(), 0), "dataset properties (time tracking)");
  if (!chunk.empty()) {
    check(H5Pset_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data()),
          "dataset properties (chunk)");
    check(H5Pset_shuffle(dcpl.get()), "dataset properties (shuffle)");
    check(H5Pset_deflate(dcpl.get(), 4), "dataset properties (gzip)");
  }
  return dcpl;
}

Handle write_strings(hid_t parent, const std::string& name, const std::vector<std::string>& values,
                     const std::string& description) {
  const std::string context = "dataset '" + name + "'";
  Handle type = string_type();
  const hsize_t n = values.size();
  Handle space = owned(H5Screate_simple(1, &n, nullptr), H5Sclose, context);
  Handle dcpl = dataset_properties({});
  Handle ds = owned(H5Dcreate2(parent, name.c_str(), type.get(), space.get(), H5P_DEFAULT,
                               dcpl.get(), H5P_DEFAULT),
                    H5Dclose, "creating " + context);
  std::vector<const char*> ptrs;
  ptrs.reserve(values.size());
  for (const std::string& v : values) ptrs.push_back(v.c_str());
  if (n > 0) {
    check(H5Dwrite(ds.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()),
          "writing " + context);
  }
  describe(ds.get(), "text", description);
  return ds;
}

void set_attr(hid_t obj, const char* name, const std::string& value) {
  Handle type = string_type();
  const char* ptr = value.c_str();
  write_scalar_attr(obj, name, type.get(), type.get(), &ptr);
}

void set_attr(hid_t obj, const char* name, const std::vector<std::string>& values) {
  Handle type = string_type();
  const hsize_t n = values.size();
  Handle space = owned(H5Screate_simple(1, &n, nullptr), H5Sclose, "attribute dataspace");
  std::vector<const char*> ptrs;
  for (const std::string& v : values) ptrs.push_back(v.c_str());
  const char* none = "";
  write_attr(obj, name, type.get(), type.get(), space.get(), n > 0 ? ptrs.data() : &none);
}

void set_attr(hid_t obj, const char* name, std::int32_t value) {
  write_scalar_attr(obj, name, H5T_NATIVE_INT32, H5T_STD_I32LE, &value);
}

void set_attr(hid_t obj, const char* name, std::int64_t value) {
  write_scalar_attr(obj, name, H5T_NATIVE_INT64, H5T_STD_I64LE, &value);
}

void set_attr(hid_t obj, const char* name, std::uint64_t value) {
  write_scalar_attr(obj, name, H5T_NATIVE_UINT64, H5T_STD_U64LE, &value);
}

void set_attr(hid_t obj, const char* name, double value) {
  write_scalar_attr(obj, name, H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE, &value);
}

void describe(hid_t obj, const std::string& unit, const std::string& description) {
  set_attr(obj, "unit", unit);
  set_attr(obj, "description", description);
}

}  // namespace fleetsim::io::h5
