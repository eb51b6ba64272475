#pragma once
/// Per-point results of a sweep, one JSON file per point under <dir>/points/, written
/// atomically as soon as the point is done. A point's file is named by its key, a hash of
/// what determines its numbers (fleetsim version, base scenario text, overrides,
/// replications), so re-running a sweep skips the points whose results are complete
/// (resume), a point keeps its result when other axis values are added, shards running
/// apart fill one directory, and changing the scenario invalidates every point.
/// Files the scenario reads (empirical CSVs) are not part of the key.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/experiment/metric_stats.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleetsim::experiment {

/// What one point gave: a run per replication, or the reason it could not run.
struct PointResult {
  std::string key;
  std::size_t index = 0;               ///< position in the sweep when it ran (informational)
  std::vector<std::string> values;     ///< axis values as written
  std::vector<std::string> overrides;
  bool ok = false;
  int exit_code = 0;                   ///< for errors: 2 bad input (e.g. override value), 3 internal
  std::vector<std::string> errors;     ///< located messages, one per problem
  std::vector<scenario::Assertion> assertions;  ///< the point's assertions (metric, op, value, aggregate)
  std::vector<std::uint64_t> seeds;    ///< per replication
  std::vector<Metrics> runs;           ///< per replication (empty for errors)
  double wall_s = 0;                   ///< summed run time (informational, never in the table)
};

/// The key of a point: 32 hex digits.
std::string point_key(const std::string& version, const std::string& base_text,
                      const std::vector<std::string>& overrides, std::int64_t replications);

class PointStore {
 public:
  /// Results live in <dir>/points/ (created on the first save).
  explicit PointStore(std::string dir);
  /// The stored result under `key` when its file exists, parses and is complete; a file
  /// that is unreadable or from another key counts as missing.
  std::optional<PointResult> load(const std::string& key) const;
  /// Writes the result atomically; throws io::OutputError.
  void save(const PointResult& result) const;
  std::string path_of(const std::string& key) const;
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
};

/// The JSON text of a result, and back (throws std::runtime_error on a malformed file).
std::string point_json(const PointResult& result);
PointResult parse_point_json(const std::string& text, const std::string& source);

}  // namespace fleetsim::experiment
