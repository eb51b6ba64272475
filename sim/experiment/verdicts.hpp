#pragma once
/// Assertion verdicts of a single run or of replications. For replications the
/// assertion's `aggregate` (mean by default, or ci_low, ci_high, p95, max, min) is the
/// statistic compared; a single run compares its value whatever the aggregate says.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/experiment/metric_stats.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleetsim::experiment {

/// One assertion and how it fared.
struct Verdict {
  scenario::Assertion assertion;
  bool found = false;   ///< the run produced the metric
  double actual = 0;    ///< the compared value (NaN when not found or undefined)
  bool pass = false;
  std::size_t replications = 1;     ///< runs behind `actual`
  std::optional<MetricStats> stats; ///< set for replicated runs
};

/// True when `actual op expected` holds (op one of < <= > >= == !=); false for NaN.
bool holds(double actual, const std::string& op, double expected);

/// Verdicts of one run's metrics.
std::vector<Verdict> evaluate(const std::vector<scenario::Assertion>& assertions,
                              const Metrics& metrics);

/// Verdicts of replicated runs: each assertion compares its aggregate of the metric.
std::vector<Verdict> evaluate(const std::vector<scenario::Assertion>& assertions,
                              const std::map<std::string, MetricStats>& stats);

/// "metric op value", e.g. "service.web.availability >= 0.999" (with "[ci_high]" after
/// the metric when a replicated verdict uses an aggregate other than the mean).
std::string verdict_title(const Verdict& v);

/// What was measured, in one line: "actual 0.9987" or, replicated, "ci_high 0.9991 over
/// 10 replications (mean 0.9987, sd 0.0004, 95% CI [0.9983, 0.9991])"; for a missing
/// metric "the run produced no metric named ...".
std::string verdict_detail(const Verdict& v);

/// True when every verdict passes (also for none).
bool all_pass(const std::vector<Verdict>& verdicts);

/// A number for messages: up to 6 significant digits ("0.9987", "1.2e+06", "nan").
std::string short_number(double v);

}  // namespace fleetsim::experiment
