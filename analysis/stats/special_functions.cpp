#include "analysis/stats/special_functions.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <string>

namespace fleetsim::analysis {

namespace {

// Continued fraction for I_x(a, b) (modified Lentz), valid where x < (a + 1) / (a + b + 2).
double beta_continued_fraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300;
  constexpr double kEps = 1e-16;
  const double qab = a + b;
  const double qap = a + 1.0;
  const double qam = a - 1.0;
  double c = 1.0;
  double d = 1.0 - qab * x / qap;
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= 100000; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double del = d * c;
    h *= del;
    if (std::fabs(del - 1.0) < kEps) return h;
  }
  return h;  // not reached for the shapes the library uses; the value is still close
}

// lgamma(x) - [(x - 1/2) log x - x + log(2 pi) / 2] for x >= 15 (Stirling's series; the
// first omitted term is below 3e-18 there).
double stirling_correction(double x) {
  const double r = 1.0 / x;
  const double r2 = r * r;
  return r *
         (1.0 / 12 + r2 * (-1.0 / 360 +
                           r2 * (1.0 / 1260 +
                                 r2 * (-1.0 / 1680 + r2 * (1.0 / 1188 + r2 * (-691.0 / 360360))))));
}

// log(x^a y^b / B(a, b)) without the cancellation of large lgamma values: for a shape of
// 15 or more Stirling's series is differenced analytically, and log x, log y come from
// log1p of the smaller of x, y.
double log_power_terms(double a, double b, double x, double y) {
  constexpr double kLarge = 15.0;
  const double lx = x < 0.5 ? std::log(x) : std::log1p(-y);
  const double ly = y < 0.5 ? std::log(y) : std::log1p(-x);
  if (a >= kLarge && b >= kLarge) {
    const double s = a + b;
    const double d = x * b - y * a;  // x (a + b) - a
    return a * std::log1p(d / a) + b * std::log1p(-d / b) + 0.5 * std::log(a * b / s) -
           0.5 * std::log(2 * std::numbers::pi) -
           (stirling_correction(a) + stirling_correction(b) - stirling_correction(s));
  }
  if (a >= kLarge || b >= kLarge) {
    const double big = std::max(a, b);
    const double small = std::min(a, b);
    // lgamma(big) - lgamma(big + small)
    const double diff = -(big - 0.5) * std::log1p(small / big) - small * std::log(big + small) +
                        small + stirling_correction(big) - stirling_correction(big + small);
    return a * lx + b * ly - (std::lgamma(small) + diff);
  }
  return a * lx + b * ly - (std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b));
}

// x^a y^b / (a B(a, b)), the prefactor of the continued fraction.
double prefactor(double a, double b, double x, double y) {
  return std::exp(log_power_terms(a, b, x, y)) / a;
}

void check(double a, double b, double x, double y) {
  if (!(a > 0) || !(b > 0) || !(x >= 0 && x <= 1) || !(y >= 0 && y <= 1) || std::isinf(a) ||
      std::isinf(b)) {
    throw std::invalid_argument(
        "incomplete beta: need a, b > 0 and 0 <= x <= 1 (a=" + std::to_string(a) +
        ", b=" + std::to_string(b) + ", x=" + std::to_string(x) + ")");
  }
}

// Returns I_x(a,b) when !complement, 1 - I_x(a,b) otherwise.
double ibeta(double a, double b, double x, double y, bool complement) {
  check(a, b, x, y);
  if (x == 0.0) return complement ? 1.0 : 0.0;
  if (y == 0.0) return complement ? 0.0 : 1.0;
  if (x < (a + 1.0) / (a + b + 2.0)) {
    const double v = prefactor(a, b, x, y) * beta_continued_fraction(a, b, x);
    return complement ? 1.0 - v : v;
  }
  const double v = prefactor(b, a, y, x) * beta_continued_fraction(b, a, y);
  return complement ? v : 1.0 - v;
}

}  // namespace

double incomplete_beta(double a, double b, double x, double y) {
  return ibeta(a, b, x, y, false);
}

double incomplete_beta_complement(double a, double b, double x, double y) {
  return ibeta(a, b, x, y, true);
}

double normal_quantile(double p) {
  if (!(p > 0.0 && p < 1.0)) {
    if (p == 0.0) return -std::numeric_limits<double>::infinity();
    if (p == 1.0) return std::numeric_limits<double>::infinity();
    throw std::invalid_argument("normal quantile: p must be in [0, 1]");
  }
  if (p > 0.5) return -normal_quantile(1.0 - p);  // 1 - p is exact for p >= 0.5
  // Acklam's rational approximation (relative error < 1.2e-9) ...
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                                 -2.759285104469687e+02, 1.383577518672690e+02,
                                 -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                                 -1.556989798598866e+02, 6.680131188771972e+01,
                                 -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                                 -2.400758277161838e+00, -2.549732539343734e+00,
                                 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
                                 2.445134137142996e+00, 3.754408661907416e+00};
  constexpr double kLow = 0.02425;
  double x;
  if (p < kLow) {
    const double q = std::sqrt(-2 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - kLow) {
    const double q = p - 0.5;
    const double r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const double q = std::sqrt(-2 * std::log1p(-p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  // ... refined by Halley steps on Phi(x) = erfc(-x / sqrt 2) / 2.
  for (int i = 0; i < 2; ++i) {
    const double e = 0.5 * std::erfc(-x / std::sqrt(2.0)) - p;
    const double u = e * std::sqrt(2 * std::numbers::pi) * std::exp(x * x / 2);
    x = x - u / (1 + x * u / 2);
  }
  return x;
}

}  // namespace fleetsim::analysis
