#pragma once
/// Statistics of metrics over replications: for every metric, the mean, the sample
/// standard deviation, a two-sided Student-t confidence interval of the mean, the
/// extremes and the 95th percentile. Also the aggregate an assertion compares.

#include <cstddef>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace fleetsim::experiment {

/// A run's metrics by dotted name (what model::ModelResults::metrics holds).
using Metrics = std::map<std::string, double>;

/// One metric over n replications. With n = 1, stddev is NaN and the interval is the
/// value itself; when any replication gave NaN, every statistic is NaN.
struct MetricStats {
  std::size_t n = 0;     ///< replications that produced the metric
  double mean = 0;
  double stddev = 0;     ///< sample standard deviation (n - 1 denominator)
  double half_width = 0; ///< t_{1-(1-level)/2, n-1} * stddev / sqrt(n)
  double ci_low = 0;     ///< mean - half_width
  double ci_high = 0;    ///< mean + half_width
  double min = 0;
  double max = 0;
  double p95 = 0;        ///< type-7 95th percentile over the replications
  double level = 0.95;   ///< confidence level of [ci_low, ci_high]
};

/// Statistics of one metric's values (n >= 1); level in (0, 1).
MetricStats summarize(std::span<const double> values, double level = 0.95);

/// Per metric over runs (runs[i] = replication i). A metric missing from some runs is
/// summarised over the runs that have it (n says how many).
std::map<std::string, MetricStats> summarize_runs(const std::vector<Metrics>& runs,
                                                  double level = 0.95);

/// The aggregates an assertion may name, in documentation order.
inline constexpr std::string_view kAggregates[] = {"mean", "ci_low", "ci_high", "p95", "max", "min"};

/// The statistic named by an assertion's aggregate (mean, ci_low, ci_high, p95, max, min);
/// throws std::invalid_argument for another name.
double aggregate_value(const MetricStats& s, std::string_view aggregate);

}  // namespace fleetsim::experiment
