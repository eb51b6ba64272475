#pragma once
/// The numbers `fleetsim compare` reports between a simulated and a real source, and the
/// thresholds they are judged by.
///
/// distribution: two samples; ks_d (two-sample Kolmogorov-Smirnov D), ks_p (its asymptotic
///   p-value, reported, not judged), w1 (Wasserstein-1, in the samples' unit), p50_rel,
///   p90_rel, p99_rel ((q_sim - q_real) / |q_real| of type-7 quantiles; judged by their
///   absolute value), plus n and means for context.
/// series: two time series put on common timestamps (analysis/stats/series_align.hpp);
///   wape (sum|real - sim| / sum|real|) and nrmse (rmse / range of the real series).
/// A statistic that is undefined (a real quantile of 0, a constant real series, no
/// overlap in time) has no value; a threshold on it fails.

#include <optional>
#include <string>
#include <vector>

#include "analysis/compare/sources.hpp"
#include "analysis/stats/series_align.hpp"

namespace fleetsim::analysis {

enum class CompareKind { Distribution, Series };

struct CompareStat {
  std::string name;
  std::optional<double> value;
  bool judged = true;  ///< false for context (n, means, ks_p)
};

/// A threshold: |value| <= max (relative errors by their absolute value).
struct Threshold {
  std::string stat;
  double max = 0;
  std::string text;  ///< as written, for reports
};

struct CheckResult {
  Threshold threshold;
  std::optional<double> value;
  bool pass = false;
};

struct ComparisonResult {
  std::string name;
  CompareKind kind = CompareKind::Distribution;
  std::string sim, real;  ///< the sources as written
  std::string unit;       ///< of the values (the simulated side's when known)
  std::vector<CompareStat> stats;
  std::vector<CheckResult> checks;
  bool pass() const;
  std::optional<double> stat(const std::string& name) const;
};

/// The statistics a kind reports and may judge.
const std::vector<std::string>& judged_stats(CompareKind kind);

/// Compares two samples (series are compared by their values).
ComparisonResult compare_distributions(const CompareData& sim, const CompareData& real);

/// Compares two series on a common grid; throws std::invalid_argument when either is a sample.
ComparisonResult compare_series(const CompareData& sim, const CompareData& real, const AlignOptions& align);

/// Judges every threshold (unknown statistics throw std::invalid_argument).
void apply_thresholds(ComparisonResult& r, const std::vector<Threshold>& thresholds);

const char* kind_name(CompareKind k);

}  // namespace fleetsim::analysis
