#pragma once
/// Reads a fleetsim trace (docs/trace-format.md) back with the HDF5 C API: numeric
/// datasets (series, per-job tables), their units and column names, the event log and
/// the name tables. What `fleetsim compare` and the tests need; HDF5 is not included by
/// this header. Every problem (not a file, not a complete fleetsim trace, no such
/// dataset, wrong type) is an ImportError naming the file and the dataset.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/io/importers/import_error.hpp"
#include "sim/io/trace_data.hpp"

namespace fleetsim::io {

class TraceReader {
 public:
  /// Opens path read-only; throws ImportError unless it is a complete fleetsim trace.
  explicit TraceReader(std::string path);
  ~TraceReader();
  TraceReader(const TraceReader&) = delete;
  TraceReader& operator=(const TraceReader&) = delete;

  const std::string& path() const { return path_; }
  /// True when a dataset or group exists at `dataset` (e.g. "series/fleet/hosts_up").
  bool exists(const std::string& dataset) const;
  /// A 1-D numeric dataset, or one column (by name, from the group's `columns`) of a 2-D
  /// series dataset; integers are converted to double.
  std::vector<double> numbers(const std::string& dataset, const std::string& column = {}) const;
  /// The number of dimensions of a numeric dataset (1 or 2).
  int rank(const std::string& dataset) const;
  /// The dataset's `unit` attribute ("" when absent).
  std::string unit(const std::string& dataset) const;
  /// A 1-D string dataset ("series/zone/columns", "names/kind"); empty when absent.
  std::vector<std::string> strings(const std::string& dataset) const;
  /// Names of the objects in a group (sorted by name).
  std::vector<std::string> children(const std::string& group) const;
  /// /series/time, seconds.
  std::vector<double> series_time() const { return numbers("series/time"); }
  /// The whole event log, in file order.
  std::vector<TraceEvent> events() const;
  /// A numeric root attribute (complete, seed, duration_s...); NaN when absent.
  double number_attribute(const std::string& name) const;

 private:
  [[noreturn]] void fail(const std::string& message) const;
  std::string path_;
  std::int64_t file_ = -1;  // hid_t
};

}  // namespace fleetsim::io
