#pragma once
/// Progress of many runs (replications, sweeps, plans) on one Progress bar: the fraction
/// of simulated time done summed over runs, and "runs k/n" (plus points for sweeps).
/// Workers report concurrently; the totals are atomics, the bar is drawn by whichever
/// worker finds it free.

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "sim/cli/progress.hpp"
#include "sim/experiment/plan_runner.hpp"
#include "sim/experiment/sweep_runner.hpp"

namespace fleetsim::cli {

/// Sums the progress of `tasks` runs, in millionths.
class RunTally {
 public:
  RunTally(Progress& progress, std::string unit);
  /// A new batch of `tasks` runs (earlier batches count as done).
  void reset(std::size_t tasks, std::size_t total_runs);
  void progress(std::size_t i, double fraction);
  void done(std::size_t i);
  Progress& bar() { return progress_; }
  /// Runs finished so far (all batches).
  std::size_t finished() const { return finished_.load(); }

 private:
  void draw();
  Progress& progress_;
  std::string unit_;
  std::unique_ptr<std::atomic<std::int64_t>[]> slots_;
  std::size_t tasks_ = 0;
  std::size_t total_runs_ = 0;
  std::size_t before_ = 0;  // runs of earlier batches
  std::atomic<std::int64_t> sum_{0};
  std::atomic<std::size_t> finished_{0};
};

/// For `fleetsim run --replications`.
class RunsProgress final : public experiment::TaskObserver {
 public:
  RunsProgress(Progress& p, std::size_t runs) : tally_(p, "runs") { tally_.reset(runs, runs); }
  void progress(std::size_t i, double f) override { tally_.progress(i, f); }
  void done(std::size_t i, const experiment::TaskResult&) override { tally_.done(i); }

 private:
  RunTally tally_;
};

/// For `fleetsim sweep`: also "points k/n" and, in jsonl mode, one event per point.
class SweepProgress final : public experiment::SweepObserver {
 public:
  SweepProgress(Progress& p, const experiment::ExperimentSpec& sweep);
  void start(std::size_t points, std::size_t skipped, std::size_t tasks) override;
  void round_start(std::size_t tasks) override { tally_.reset(tasks, total_); }
  void progress(std::size_t i, double f) override { tally_.progress(i, f); }
  void done(std::size_t i, const experiment::TaskResult&) override { tally_.done(i); }
  void point_done(const experiment::SweepPoint& point, const experiment::PointResult& r) override;

 private:
  RunTally tally_;
  const experiment::ExperimentSpec& sweep_;
  std::size_t total_ = 0;  // runs of this invocation
  std::size_t points_ = 0, points_done_ = 0;
};

/// For `fleetsim plan`: one event per probe.
class PlanProgress final : public experiment::PlanObserver {
 public:
  PlanProgress(Progress& p, const experiment::ExperimentSpec& plan);
  void batch_start(const std::vector<std::int64_t>& values, std::size_t tasks) override;
  void progress(std::size_t i, double f) override { tally_.progress(i, f); }
  void done(std::size_t i, const experiment::TaskResult&) override { tally_.done(i); }
  void probe_done(const experiment::Probe& p) override;

 private:
  RunTally tally_;
  const experiment::ExperimentSpec& plan_;
  std::size_t expected_ = 0;  // an upper bound on runs: (2 + log2 range) probes
};

}  // namespace fleetsim::cli
