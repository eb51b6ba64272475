#include "analysis/stats/student_t.hpp"

#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <string>

#include "analysis/stats/descriptive.hpp"
#include "analysis/stats/special_functions.hpp"

namespace fleetsim::analysis {

namespace {

void check_df(double df) {
  if (!(df > 0) || std::isinf(df)) {
    throw std::invalid_argument("Student t: degrees of freedom must be positive and finite, got " +
                                std::to_string(df));
  }
}

// P(T > t) for t >= 0: I_x(df/2, 1/2) / 2 with x = df / (df + t^2).
double upper_tail(double t, double df) {
  const double t2 = t * t;
  const double x = df / (df + t2);
  const double y = t2 / (df + t2);
  return 0.5 * incomplete_beta(0.5 * df, 0.5, x, y);
}

double pdf(double t, double df) {
  const double log_norm =
      std::lgamma(0.5 * (df + 1)) - std::lgamma(0.5 * df) - 0.5 * std::log(df * std::numbers::pi);
  return std::exp(log_norm - 0.5 * (df + 1) * std::log1p(t * t / df));
}

// Cornish-Fisher expansion of the t quantile around the normal quantile z
// (Abramowitz & Stegun 26.7.5); the error is O(df^-5).
double cornish_fisher(double z, double df) {
  const double z2 = z * z;
  const double g1 = (z2 + 1) * z / 4;
  const double g2 = ((5 * z2 + 16) * z2 + 3) * z / 96;
  const double g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384;
  const double g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160;
  return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
}

// Positive t with P(T > t) = q, 0 < q < 1/2.
double upper_quantile(double q, double df) {
  if (df == 1.0) return 1.0 / std::tan(std::numbers::pi * q);  // Cauchy; no cancellation near 1/2
  if (df == 2.0) {
    const double p = 1.0 - q;
    return (2 * p - 1) / std::sqrt(2 * p * q);
  }
  double t = cornish_fisher(-normal_quantile(q), df);
  if (df > 1e4) return t;  // expansion error below 1e-17 relative there (p up to 1 - 1e-7)
  // Safeguarded Newton on the decreasing, convex upper tail: keep a bracket [lo, hi].
  double lo = 0.0;
  double hi = std::numeric_limits<double>::infinity();
  if (!(t > 0) || !std::isfinite(t)) t = 1.0;
  for (int i = 0; i < 200; ++i) {
    const double f = upper_tail(t, df) - q;
    if (f == 0) return t;
    if (f > 0)
      lo = t;
    else
      hi = t;
    const double step = f / pdf(t, df);
    double next = t + step;
    if (!(next > lo && next < hi) || !std::isfinite(next)) {
      next = std::isfinite(hi) ? 0.5 * (lo + hi) : 2 * t + 1;
    }
    if (std::fabs(next - t) <= 4 * std::numeric_limits<double>::epsilon() * t) return next;
    t = next;
  }
  return t;
}

}  // namespace

double student_t_sf(double t, double df) {
  check_df(df);
  if (std::isnan(t)) return t;
  return t >= 0 ? upper_tail(t, df) : 1.0 - upper_tail(-t, df);
}

double student_t_cdf(double t, double df) {
  check_df(df);
  if (std::isnan(t)) return t;
  return t >= 0 ? 1.0 - upper_tail(t, df) : upper_tail(-t, df);
}

double student_t_quantile(double p, double df) {
  check_df(df);
  if (!(p > 0.0 && p < 1.0)) {
    throw std::invalid_argument("Student t quantile: p must be in (0, 1), got " +
                                std::to_string(p));
  }
  if (p == 0.5) return 0.0;
  return p > 0.5 ? upper_quantile(1.0 - p, df) : -upper_quantile(p, df);
}

double t_confidence_half_width(double stddev, std::size_t n, double level) {
  if (n < 2) throw std::invalid_argument("a confidence interval needs at least 2 replications");
  if (!(level > 0.0 && level < 1.0)) {
    throw std::invalid_argument("confidence level must be in (0, 1), got " + std::to_string(level));
  }
  const double t = student_t_quantile(1.0 - (1.0 - level) / 2.0, static_cast<double>(n - 1));
  return t * stddev / std::sqrt(static_cast<double>(n));
}

double t_confidence_half_width(std::span<const double> x, double level) {
  if (x.size() < 2)
    throw std::invalid_argument("a confidence interval needs at least 2 replications");
  return t_confidence_half_width(sample_stddev(x), x.size(), level);
}

}  // namespace fleetsim::analysis
