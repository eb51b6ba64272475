#include "analysis/stats/ks_test.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "analysis/stats/kolmogorov.hpp"

namespace fleetsim::analysis {

namespace {

std::vector<double> sorted_copy(std::span<const double> x, const char* which) {
  if (x.empty()) throw std::invalid_argument(std::string("KS test: sample ") + which + " is empty");
  std::vector<double> v(x.begin(), x.end());
  for (const double d : v) {
    if (std::isnan(d))
      throw std::invalid_argument(std::string("KS test: sample ") + which + " has NaN");
  }
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

double ks_statistic(std::span<const double> a_in, std::span<const double> b_in) {
  const std::vector<double> a = sorted_copy(a_in, "a");
  const std::vector<double> b = sorted_copy(b_in, "b");
  const double na = static_cast<double>(a.size());
  const double nb = static_cast<double>(b.size());
  std::size_t i = 0;
  std::size_t j = 0;
  double d = 0.0;
  // Walk the merged distinct values; after all copies of a value are consumed from both
  // samples, i / na and j / nb are the two empirical CDFs at that value (as scipy's
  // searchsorted(side='right') computes them).
  while (i < a.size() || j < b.size()) {
    const double x = (j == b.size() || (i < a.size() && a[i] <= b[j])) ? a[i] : b[j];
    while (i < a.size() && a[i] == x) ++i;
    while (j < b.size() && b[j] == x) ++j;
    d = std::max(d, std::fabs(static_cast<double>(i) / na - static_cast<double>(j) / nb));
  }
  return d;
}

KsResult ks_2samp(std::span<const double> a, std::span<const double> b) {
  KsResult r;
  r.statistic = ks_statistic(a, b);
  const double m = static_cast<double>(std::max(a.size(), b.size()));
  const double n = static_cast<double>(std::min(a.size(), b.size()));
  const double en = std::nearbyint(m * n / (m + n));  // round half to even, as numpy.round
  r.p_value = en < 1 ? std::numeric_limits<double>::quiet_NaN()
                     : kolmogorov_sf(static_cast<std::int64_t>(en), r.statistic);
  return r;
}

}  // namespace fleetsim::analysis
