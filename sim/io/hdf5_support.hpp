#pragma once
/// Internal to sim/io: the small layer over the HDF5 C API that the trace writer uses.
/// It owns identifiers (Handle), turns HDF5 failures into OutputError carrying the HDF5
/// error chain instead of printing stacks to stderr (LibraryScope), and creates objects
/// the deterministic way: no object timestamps, fixed filters, UTF-8 variable-length
/// strings. Nothing outside sim/io includes this header.

#include <hdf5.h>

#include <cstdint>
#include <string>
#include <vector>

namespace fleetsim::io::h5 {

/// Owns one HDF5 identifier and closes it with the matching H5*close function.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  /// Takes ownership of id (must be valid) to be closed with close.
  Handle(hid_t id, Closer close) : id_(id), close_(close) {}
  Handle(Handle&& o) noexcept : id_(o.id_), close_(o.close_) { o.id_ = H5I_INVALID_HID; }
  Handle& operator=(Handle&& o) noexcept;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { reset(); }

  hid_t get() const { return id_; }
  explicit operator bool() const { return id_ >= 0; }
  /// Closes the identifier now, ignoring errors (used on cleanup paths).
  void reset() noexcept;
  /// Closes the identifier now; throws OutputError with context when HDF5 reports an error.
  void close(const std::string& context);

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer close_ = nullptr;
};

/// For the duration of one public writer call: holds the process-wide HDF5 mutex (HDF5
/// builds are not always thread-safe) and switches off HDF5's automatic error printing,
/// restoring the previous handler afterwards.
class LibraryScope {
 public:
  LibraryScope();
  ~LibraryScope();
  LibraryScope(const LibraryScope&) = delete;
  LibraryScope& operator=(const LibraryScope&) = delete;

 private:
  H5E_auto2_t saved_func_ = nullptr;
  void* saved_data_ = nullptr;
};

/// The current HDF5 error stack of this thread as one line, innermost frame (the cause)
/// first: "HDF5: H5FD__sec2_write: file write failed: ... error message = 'No space left
/// on device' ...; H5FD_write: ...; H5Dwrite: can't write data". Clears the stack.
std::string take_error_text();

/// Throws OutputError(context + ": " + HDF5 error chain) when id is negative; else returns id.
hid_t check(hid_t id, const std::string& context);
/// Same for herr_t / htri_t results.
int check(int status, const std::string& context);

/// Wraps a freshly created identifier after check(): owned(H5Gcreate2(...), H5Gclose, "...").
Handle owned(hid_t id, Handle::Closer close, const std::string& context);

/// Points the POSIX file descriptor under an open file (sec2 driver) at an anonymous
/// in-memory file, so
/// that closing it after an I/O error (disk full, file too large) or when abandoning it
/// succeeds without further I/O. HDF5 1.10 cannot close a file whose final flush failed,
/// and crashes at exit on such a file; this keeps teardown safe. Never throws.
void discard_file_writes(hid_t file) noexcept;

/// A variable-length, UTF-8, NUL-terminated string type (what h5py reads as str).
Handle string_type();

/// Group creation with object time tracking off (so files are byte-reproducible).
Handle create_group(hid_t parent, const std::string& name);

/// Dataset creation properties: time tracking off; chunked with shuffle + gzip level 4
/// when chunk is non-empty (its size is the rank), contiguous otherwise.
Handle dataset_properties(const std::vector<hsize_t>& chunk);

/// Writes a 1-D string dataset (contiguous) with unit "text" and the given description.
Handle write_strings(hid_t parent, const std::string& name, const std::vector<std::string>& values,
                     const std::string& description);

/// Sets (creates or overwrites) an attribute on an object.
void set_attr(hid_t obj, const char* name, const std::string& value);
void set_attr(hid_t obj, const char* name, const std::vector<std::string>& values);
void set_attr(hid_t obj, const char* name, std::int32_t value);
void set_attr(hid_t obj, const char* name, std::int64_t value);
void set_attr(hid_t obj, const char* name, std::uint64_t value);
void set_attr(hid_t obj, const char* name, double value);

/// The two attributes every dataset carries: unit and description.
void describe(hid_t obj, const std::string& unit, const std::string& description);

}  // namespace fleetsim::io::h5
