#pragma once
/// `fleetsim plan`: the capacity search over a scenario. Each probe is the base scenario
/// with the plan's `set` overrides, its assertions (when given) and parameter=value,
/// run for `replications` seeds (the same seeds at every value: common random numbers
/// make the curve smooth and the search stable); it passes when every assertion holds,
/// each compared through its aggregate at the plan's confidence level. All ranks run the
/// same search (results are broadcast), so they agree on every step.

#include <string>
#include <vector>

#include "sim/experiment/capacity_search.hpp"
#include "sim/experiment/cluster.hpp"
#include "sim/experiment/executor.hpp"
#include "sim/experiment/experiment_spec.hpp"
#include "sim/experiment/variant.hpp"
#include "sim/io/results_table.hpp"

namespace fleetsim::experiment {

/// Progress of a plan (rank 0). Thread-safe like TaskObserver.
class PlanObserver : public TaskObserver {
 public:
  /// A batch of values starts: `tasks` runs.
  virtual void batch_start(const std::vector<std::int64_t>& values, std::size_t tasks) = 0;
  virtual void probe_done(const Probe& probe) = 0;
};

/// The overrides of the probe at `value` and their origins in the plan file.
std::vector<std::string> probe_overrides(const ExperimentSpec& plan, std::int64_t value,
                                         OverrideOrigins& origins);

/// Runs the search.
SearchOutcome run_plan(const ExperimentSpec& plan, const VariantSource& source, Cluster& cluster,
                       unsigned threads, PlanObserver* observer = nullptr);

/// The explored curve: one row per probe (value, outcome, each assertion's compared
/// value and verdict, mean and CI of the selected metrics; by default the assertions').
io::ResultsTable plan_table(const ExperimentSpec& plan, const SearchOutcome& outcome);

/// The plan's result as JSON: the answer (null when none), the range, and every probe.
std::string plan_json(const ExperimentSpec& plan, const SearchOutcome& outcome);

}  // namespace fleetsim::experiment
