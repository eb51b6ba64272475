#pragma once
/// The points of a sweep (every combination of its axes, the first axis varying slowest),
/// the overrides that make each one, and shards: `--shard i/n` takes the points whose
/// index is i-1 modulo n, a deterministic share that does not depend on what has run.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "sim/experiment/experiment_spec.hpp"

namespace fleetsim::experiment {

/// One point of a sweep.
struct SweepPoint {
  std::size_t index = 0;               ///< 0-based, in expansion order
  std::vector<std::string> values;     ///< one per axis column: the value as flow YAML
  std::vector<std::string> overrides;  ///< the sweep's `set`, then one "path=value" per axis list
  OverrideOrigins origins;             ///< each override -> where its value is in the sweep file
};

/// The axis columns of the results table: each list's path, in axis order.
std::vector<std::string> axis_columns(const ExperimentSpec& sweep);

/// Every point of the sweep, in order (one point when it has no axes).
std::vector<SweepPoint> expand_points(const ExperimentSpec& sweep);

/// The `set` overrides of an experiment and their origins.
std::vector<std::string> fixed_overrides(const ExperimentSpec& spec, OverrideOrigins& origins);

/// `--shard i/n`: this process runs points with index % n == i - 1 (1 <= i <= n).
struct Shard {
  std::size_t index = 1;  ///< 1-based
  std::size_t count = 1;
  bool contains(std::size_t point) const { return point % count == index - 1; }
  bool whole() const { return count == 1; }
};

/// Parses "i/n"; returns nullopt and sets `error` when it is not 1 <= i <= n.
std::optional<Shard> parse_shard(const std::string& text, std::string& error);

}  // namespace fleetsim::experiment
