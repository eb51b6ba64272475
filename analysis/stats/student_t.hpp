#pragma once
/// Student's t distribution and the confidence interval of a mean over n replications.

#include <span>

namespace fleetsim::analysis {

/// P(T > t) for T ~ Student t with df > 0 degrees of freedom (df need not be an integer);
/// about 1e-13 relative, degrading to ~1e-11 for df in the millions.
double student_t_sf(double t, double df);

/// P(T <= t).
double student_t_cdf(double t, double df);

/// The p-quantile (0 < p < 1) of Student t with df > 0, as scipy.stats.t.ppf: inverted
/// from the incomplete beta function by safeguarded Newton steps (closed forms for df = 1
/// and 2; for df > 1e4 the Cornish-Fisher expansion, whose truncation error is below 1e-17
/// there). Relative accuracy about 1e-13 or better (scipy's t.ppf itself is off by ~1e-11
/// for some df). Throws std::invalid_argument for p outside (0, 1) or df <= 0.
double student_t_quantile(double p, double df);

/// Half-width of the two-sided confidence interval of the mean of n >= 2 replications
/// with sample standard deviation s: t_{1-(1-level)/2, n-1} * s / sqrt(n). Same unit as s.
double t_confidence_half_width(double stddev, std::size_t n, double level = 0.95);

/// The same from the replications themselves (sample_stddev inside); needs n >= 2.
double t_confidence_half_width(std::span<const double> x, double level = 0.95);

}  // namespace fleetsim::analysis
