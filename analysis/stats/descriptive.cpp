#include "analysis/stats/descriptive.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace fleetsim::analysis {

namespace {

void require_non_empty(std::span<const double> x, const char* what) {
  if (x.empty()) throw std::invalid_argument(std::string(what) + ": empty sample");
}

void require_level(double q) {
  if (!(q >= 0.0 && q <= 1.0)) {
    throw std::invalid_argument("quantile level must be in [0, 1], got " + std::to_string(q));
  }
}

}  // namespace

double compensated_sum(std::span<const double> x) {
  double sum = 0.0;
  double c = 0.0;
  for (const double v : x) {
    const double t = sum + v;
    if (std::fabs(sum) >= std::fabs(v))
      c += (sum - t) + v;
    else
      c += (v - t) + sum;
    sum = t;
  }
  return sum + c;
}

double mean(std::span<const double> x) {
  require_non_empty(x, "mean");
  return compensated_sum(x) / static_cast<double>(x.size());
}

double sample_variance(std::span<const double> x) {
  if (x.size() < 2) throw std::invalid_argument("sample variance needs at least 2 values");
  const double m = mean(x);
  double sum = 0.0;
  double c = 0.0;
  for (const double v : x) {
    const double d = (v - m) * (v - m);
    const double t = sum + d;
    c += (sum - t) + d;  // sum >= 0 and d >= 0: |sum| >= |d| is not needed for the bound
    sum = t;
  }
  return (sum + c) / static_cast<double>(x.size() - 1);
}

double sample_stddev(std::span<const double> x) {
  return std::sqrt(sample_variance(x));
}

namespace {

/// Linear-interpolation quantile (numpy's default) of n sorted values read through at(i).
template <class At>
double interpolated_quantile(std::size_t n, double q, At&& at) {
  const double h = static_cast<double>(n - 1) * q;
  const double below = std::floor(h);
  auto lo = static_cast<std::size_t>(below);
  if (lo > n - 1) lo = n - 1;
  const std::size_t hi = std::min(lo + 1, n - 1);
  const double t = h - below;
  const double a = at(lo);
  const double b = at(hi);
  // numpy's _lerp: a + (b - a) t, or b - (b - a)(1 - t) when t >= 0.5 (exact at t = 1).
  const double diff = b - a;
  return t >= 0.5 ? b - diff * (1.0 - t) : a + diff * t;
}

}  // namespace

double quantile_sorted(std::span<const double> sorted, double q) {
  require_non_empty(sorted, "quantile");
  require_level(q);
  return interpolated_quantile(sorted.size(), q, [&](std::size_t i) { return sorted[i]; });
}

double quantile_sorted_after_zeros(std::uint64_t zeros, std::span<const double> sorted, double q) {
  if (zeros == 0) return quantile_sorted(sorted, q);
  require_level(q);
  return interpolated_quantile(static_cast<std::size_t>(zeros) + sorted.size(), q,
                               [&](std::size_t i) { return i < zeros ? 0.0 : sorted[i - zeros]; });
}

double quantile(std::span<const double> x, double q) {
  std::vector<double> copy(x.begin(), x.end());
  std::sort(copy.begin(), copy.end());
  return quantile_sorted(copy, q);
}

std::vector<double> quantiles(std::span<const double> x, std::span<const double> qs) {
  std::vector<double> copy(x.begin(), x.end());
  std::sort(copy.begin(), copy.end());
  std::vector<double> out;
  out.reserve(qs.size());
  for (const double q : qs) out.push_back(quantile_sorted(copy, q));
  return out;
}

}  // namespace fleetsim::analysis
