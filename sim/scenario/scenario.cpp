#include "sim/scenario/scenario.hpp"

#include <cmath>
#include <numeric>

namespace fleetsim::scenario {

std::int64_t Quantity::resolve(std::int64_t total) const {
  if (!percent) return static_cast<std::int64_t>(std::floor(value));
  if (value <= 0) return 0;
  const auto n = static_cast<std::int64_t>(std::floor(value / 100.0 * static_cast<double>(total) + 1e-9));
  return n < 1 ? 1 : n;
}

double Distribution::mean() const {
  switch (kind) {
    case Kind::Fixed: return a;
    case Kind::Exponential: return a;
    case Kind::Weibull: return b * std::tgamma(1.0 + 1.0 / a);
    case Kind::Lognormal: return a * std::exp(b * b / 2.0);
    case Kind::Gamma: return a * b;
    case Kind::Uniform: return (a + b) / 2.0;
    case Kind::Empirical:
      return samples.empty() ? 0.0
                             : std::accumulate(samples.begin(), samples.end(), 0.0) /
                                   static_cast<double>(samples.size());
  }
  return 0.0;
}

}  // namespace fleetsim::scenario
