#pragma once
/// Splitting a whole number in proportion to weights (largest remainder method).

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

namespace fleetsim::model {

/// Splits n into parts proportional to weights: each part is the floor of its exact share,
/// and what is left goes one by one to the largest remainders (ties to the lower index).
/// All zero when n or the total weight is not positive.
inline std::vector<std::int64_t> split_proportional(std::int64_t n, const std::vector<double>& weights) {
  std::vector<std::int64_t> out(weights.size(), 0);
  double total = 0;
  for (double w : weights) total += w;
  if (total <= 0 || n <= 0) return out;
  std::vector<std::pair<double, std::size_t>> rest;
  std::int64_t given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const double exact = static_cast<double>(n) * weights[i] / total;
    out[i] = static_cast<std::int64_t>(std::floor(exact));
    given += out[i];
    rest.emplace_back(-(exact - std::floor(exact)), i);
  }
  std::sort(rest.begin(), rest.end());
  for (std::size_t k = 0; given < n; ++k, ++given) ++out[rest[k % rest.size()].second];
  return out;
}

}  // namespace fleetsim::model
