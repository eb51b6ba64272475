#pragma once
/// The results table of a sweep (one row per point) and what CI pages show about it.
///
/// Columns, in order: point; one per axis path (the value as written); status (ok |
/// error); replications; assertions (pass | fail: all of the point's assertions);
/// "pass: <assertion>" per distinct assertion (pass | fail, with the assertion's aggregate
/// over the replications); per metric <m>.mean, <m>.sd, <m>.ci_low, <m>.ci_high (the
/// confidence level is the sweep's); error (the point's problems, for error rows). No
/// wall-clock time is in the table, so the same sweep gives a byte-identical table on any
/// number of threads, ranks or shards.

#include <string>
#include <vector>

#include "sim/experiment/experiment_spec.hpp"
#include "sim/experiment/sweep_runner.hpp"
#include "sim/experiment/verdicts.hpp"
#include "sim/io/junit.hpp"
#include "sim/io/results_table.hpp"

namespace fleetsim::experiment {

/// The verdicts of one stored point at the given confidence level (none for error points).
std::vector<Verdict> point_verdicts(const PointResult& r, double confidence);

/// The table of a complete sweep (every point has a result).
io::ResultsTable sweep_table(const ExperimentSpec& sweep, const SweepOutcome& outcome);

/// One JUnit suite per point ("point 3: path=value, ..."): a case per assertion, or one
/// error case when the point could not run.
std::vector<io::JunitSuite> sweep_junit(const ExperimentSpec& sweep, const SweepOutcome& outcome);

/// A Markdown summary: counts, then one line per point that failed or errored.
std::string sweep_markdown(const ExperimentSpec& sweep, const SweepOutcome& outcome);

/// "path=value, path=value" for a point (or "base scenario" without axes).
std::string point_label(const ExperimentSpec& sweep, const SweepPoint& point);

}  // namespace fleetsim::experiment
