#pragma once
/// Runs a sweep: expands its points, skips those whose results are already stored
/// (resume), loads the others (a bad override value makes that point an error, not the
/// sweep), runs point x replication tasks in rounds over the cluster's ranks and threads,
/// and stores each point's result as soon as its round ends. Every rank runs this; only
/// rank 0 reads and writes the store.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "sim/experiment/cluster.hpp"
#include "sim/experiment/executor.hpp"
#include "sim/experiment/experiment_spec.hpp"
#include "sim/experiment/point_store.hpp"
#include "sim/experiment/sweep_points.hpp"
#include "sim/experiment/variant.hpp"

namespace fleetsim::experiment {

struct SweepOptions {
  Shard shard;
  unsigned threads = 1;     ///< per rank
  bool resume = true;       ///< false: re-run points even when their results are stored
  std::string version;      ///< fleetsim version, part of every point key
};

/// Progress of a sweep, on rank 0. Implementations must be thread-safe.
class SweepObserver : public TaskObserver {
 public:
  /// The run is about to start: `tasks` runs in total for this shard (skipped excluded).
  virtual void start(std::size_t points, std::size_t skipped, std::size_t tasks) = 0;
  /// A round of `tasks` runs starts (task indexes of progress() and done() restart at 0).
  virtual void round_start(std::size_t tasks) = 0;
  /// A point has its result (run, or an error) and it is stored.
  virtual void point_done(const SweepPoint& point, const PointResult& result) = 0;
};

/// Where every point stands after run_sweep.
struct SweepOutcome {
  std::vector<SweepPoint> points;
  std::vector<std::string> keys;                   ///< per point
  std::vector<std::optional<PointResult>> results; ///< per point (rank 0): run now or stored
  std::size_t ran = 0;      ///< points run by this invocation
  std::size_t skipped = 0;  ///< points of this shard already complete
  std::size_t errors = 0;   ///< points of this invocation that failed
  bool complete() const;    ///< every point has a result
};

/// Runs the sweep's share for this shard. Throws io::OutputError when results cannot be stored.
SweepOutcome run_sweep(const ExperimentSpec& sweep, const VariantSource& source,
                       const PointStore& store, Cluster& cluster, const SweepOptions& options,
                       SweepObserver* observer = nullptr);

/// Reads every point's stored result without running anything (for --merge).
SweepOutcome collect_sweep(const ExperimentSpec& sweep, const VariantSource& source,
                           const PointStore& store, const std::string& version);

/// A point that could not be loaded: its located diagnostics, exit code 2.
PointResult load_error_result(const SweepPoint& point, const std::string& key,
                              std::vector<scenario::Diagnostic> errors);

}  // namespace fleetsim::experiment
