#include "sim/experiment/metric_stats.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "analysis/stats/descriptive.hpp"
#include "analysis/stats/student_t.hpp"

namespace fleetsim::experiment {

MetricStats summarize(std::span<const double> values, double level) {
  if (values.empty()) throw std::invalid_argument("summarize: no values");
  if (!(level > 0 && level < 1)) throw std::invalid_argument("summarize: level must be in (0, 1)");
  MetricStats s;
  s.n = values.size();
  s.level = level;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const double v : values) {
    if (std::isnan(v)) {
      // One undefined replication makes every statistic undefined (and sorting NaN is UB).
      s.mean = s.stddev = s.half_width = s.ci_low = s.ci_high = s.min = s.max = s.p95 = nan;
      return s;
    }
  }
  s.mean = analysis::mean(values);
  s.p95 = analysis::quantile(values, 0.95);
  s.min = s.max = values[0];
  for (const double v : values) {
    s.min = std::min(s.min, v);
    s.max = std::max(s.max, v);
  }
  if (s.n >= 2) {
    s.stddev = analysis::sample_stddev(values);
    s.half_width = analysis::t_confidence_half_width(s.stddev, s.n, level);
  } else {
    s.stddev = nan;
    s.half_width = 0;
  }
  s.ci_low = s.mean - s.half_width;
  s.ci_high = s.mean + s.half_width;
  return s;
}

std::map<std::string, MetricStats> summarize_runs(const std::vector<Metrics>& runs, double level) {
  std::map<std::string, std::vector<double>> columns;
  for (const Metrics& run : runs) {
    for (const auto& [name, value] : run) columns[name].push_back(value);
  }
  std::map<std::string, MetricStats> out;
  for (const auto& [name, values] : columns) out.emplace(name, summarize(values, level));
  return out;
}

double aggregate_value(const MetricStats& s, std::string_view aggregate) {
  if (aggregate == "mean") return s.mean;
  if (aggregate == "ci_low") return s.ci_low;
  if (aggregate == "ci_high") return s.ci_high;
  if (aggregate == "p95") return s.p95;
  if (aggregate == "max") return s.max;
  if (aggregate == "min") return s.min;
  throw std::invalid_argument("unknown aggregate '" + std::string(aggregate) + "'");
}

}  // namespace fleetsim::experiment
