#pragma once
/// Two-sample Kolmogorov-Smirnov test.

#include <span>

namespace fleetsim::analysis {

struct KsResult {
  double statistic = 0;  ///< D = sup_x |F_a(x) - F_b(x)| of the two empirical CDFs, in [0, 1]
  /// Two-sided p-value by the asymptotic method, exactly as scipy.stats.ks_2samp(...,
  /// method='asymp'): P(D_m > D) of the one-sample KS distribution (kolmogorov_sf) with
  /// m = round-half-even(n_a n_b / (n_a + n_b)). NaN when m rounds to 0 (both samples of size 1).
  double p_value = 0;
};

/// The KS statistic D only; both samples non-empty and free of NaN (std::invalid_argument).
double ks_statistic(std::span<const double> a, std::span<const double> b);

/// D and its asymptotic p-value.
KsResult ks_2samp(std::span<const double> a, std::span<const double> b);

}  // namespace fleetsim::analysis
