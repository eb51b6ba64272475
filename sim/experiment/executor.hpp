#pragma once
/// Runs many (variant, replication) tasks: in parallel on oneTBB in this process, and
/// spread over the ranks of a Cluster. A task's seed is replication_seed(variant seed,
/// replication), so its result does not depend on which thread or rank ran it; results
/// come back indexed by task.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/experiment/cluster.hpp"
#include "sim/experiment/metric_stats.hpp"
#include "sim/experiment/variant.hpp"

namespace fleetsim::experiment {

/// One run: replication `replication` of variants[variant].
struct Task {
  std::size_t variant = 0;
  std::uint64_t replication = 0;
};

/// What one run gave.
struct TaskResult {
  bool ok = false;
  std::string error;   ///< when !ok: what went wrong (a broken model invariant, ...)
  std::uint64_t seed = 0;
  Metrics metrics;
  double wall_s = 0;   ///< seconds the run took (never part of a results table)
};

/// Receives progress from worker threads; implementations must be thread-safe.
class TaskObserver {
 public:
  virtual ~TaskObserver() = default;
  /// Fraction of task `i`'s simulated time done, in [0, 1], now and then.
  virtual void progress(std::size_t i, double fraction) = 0;
  /// Task `i` finished (on this rank).
  virtual void done(std::size_t i, const TaskResult& result) = 0;
};

using Variants = std::vector<std::shared_ptr<const Variant>>;

/// Runs every task in this process, at most `threads` at once (each run single-threaded,
/// or with threads / tasks engine threads when there are fewer tasks than threads).
/// result[i] belongs to tasks[i]. An exception from a run becomes an error result.
std::vector<TaskResult> run_local(const Variants& variants, const std::vector<Task>& tasks,
                                  unsigned threads, TaskObserver* observer = nullptr);

/// Runs task i on rank i % size (each rank with `threads` threads), gathers the results on
/// rank 0 and broadcasts them, so every rank returns the same complete vector. Observer
/// calls concern this rank's tasks only (with global task indexes).
std::vector<TaskResult> run_distributed(Cluster& cluster, const Variants& variants,
                                        const std::vector<Task>& tasks, unsigned threads,
                                        TaskObserver* observer = nullptr);

/// Wire format of results (exact: doubles travel as their bits).
std::string encode_results(const std::vector<std::pair<std::size_t, TaskResult>>& results);
std::vector<std::pair<std::size_t, TaskResult>> decode_results(const std::string& bytes);

}  // namespace fleetsim::experiment
