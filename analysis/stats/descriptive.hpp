#pragma once
/// Descriptive statistics of a sample: mean, sample standard deviation, quantiles.
///
/// Inputs are spans of doubles; an empty sample (or n < 2 for the standard deviation) and a
/// quantile level outside [0, 1] throw std::invalid_argument. NaN inputs are the caller's
/// problem (they propagate, and make quantiles meaningless).

#include <cstdint>
#include <span>
#include <vector>

namespace fleetsim::analysis {

/// Arithmetic mean, with compensated (Neumaier) summation.
double mean(std::span<const double> x);

/// Sample variance with the n - 1 denominator (two-pass, compensated); needs n >= 2.
double sample_variance(std::span<const double> x);

/// Sample standard deviation sqrt(sample_variance); needs n >= 2 (numpy std(ddof=1)).
double sample_stddev(std::span<const double> x);

/// Quantile of an already sorted sample, type 7 of Hyndman & Fan (R's default, numpy's
/// "linear"): with h = (n - 1) q and i = floor(h), the value x[i] + (h - i)(x[i+1] - x[i]),
/// evaluated the way numpy does so that results agree to the last bit in most cases.
double quantile_sorted(std::span<const double> sorted, double q);
/// The same quantile of `zeros` zeros followed by `sorted` (values >= 0, ascending), without
/// building that sequence: waiting times are mostly zero, and a year of a large fleet has
/// tens of millions of them.
double quantile_sorted_after_zeros(std::uint64_t zeros, std::span<const double> sorted, double q);

/// Type-7 quantile of an unsorted sample (copies and sorts it).
double quantile(std::span<const double> x, double q);

/// Several type-7 quantiles of one sample, sorting it once.
std::vector<double> quantiles(std::span<const double> x, std::span<const double> qs);

/// Neumaier-compensated sum, used by the statistics above.
double compensated_sum(std::span<const double> x);

}  // namespace fleetsim::analysis
