#include "analysis/stats/wasserstein.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace fleetsim::analysis {

namespace {

std::vector<double> sorted_finite(std::span<const double> x, const char* which) {
  if (x.empty())
    throw std::invalid_argument(std::string("Wasserstein: sample ") + which + " is empty");
  std::vector<double> v(x.begin(), x.end());
  for (const double d : v) {
    if (!std::isfinite(d)) {
      throw std::invalid_argument(std::string("Wasserstein: sample ") + which +
                                  " has a non-finite value");
    }
  }
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

double wasserstein_distance(std::span<const double> a_in, std::span<const double> b_in) {
  const std::vector<double> a = sorted_finite(a_in, "a");
  const std::vector<double> b = sorted_finite(b_in, "b");
  const double na = static_cast<double>(a.size());
  const double nb = static_cast<double>(b.size());
  std::size_t i = 0;
  std::size_t j = 0;
  double sum = 0.0;
  double comp = 0.0;  // Neumaier compensation
  double prev = std::min(a.front(), b.front());
  // Between consecutive merged values the CDFs are constant: add |F_a - F_b| * width.
  while (i < a.size() || j < b.size()) {
    const double x = (j == b.size() || (i < a.size() && a[i] <= b[j])) ? a[i] : b[j];
    const double term =
        std::fabs(static_cast<double>(i) / na - static_cast<double>(j) / nb) * (x - prev);
    const double t = sum + term;
    comp += std::fabs(sum) >= std::fabs(term) ? (sum - t) + term : (term - t) + sum;
    sum = t;
    prev = x;
    while (i < a.size() && a[i] == x) ++i;
    while (j < b.size() && b[j] == x) ++j;
  }
  return sum + comp;
}

}  // namespace fleetsim::analysis
