#include "analysis/stats/forecast_error.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "analysis/stats/descriptive.hpp"

namespace fleetsim::analysis {

namespace {

void require_aligned(std::span<const double> a, std::span<const double> f) {
  if (a.size() != f.size())
    throw std::invalid_argument("error measure: series of different lengths");
  if (a.empty()) throw std::invalid_argument("error measure: empty series");
}

}  // namespace

std::optional<double> quantile_relative_error(std::span<const double> actual,
                                              std::span<const double> simulated, double q) {
  const double real = quantile(actual, q);
  const double sim = quantile(simulated, q);
  if (real == 0.0) return std::nullopt;
  return (sim - real) / std::fabs(real);
}

QuantileErrors quantile_relative_errors(std::span<const double> actual,
                                        std::span<const double> simulated) {
  static constexpr double kLevels[] = {0.5, 0.9, 0.99};
  const std::vector<double> real = quantiles(actual, kLevels);
  const std::vector<double> sim = quantiles(simulated, kLevels);
  auto rel = [&](std::size_t i) -> std::optional<double> {
    if (real[i] == 0.0) return std::nullopt;
    return (sim[i] - real[i]) / std::fabs(real[i]);
  };
  return QuantileErrors{rel(0), rel(1), rel(2)};
}

std::optional<double> wape(std::span<const double> actual, std::span<const double> forecast) {
  require_aligned(actual, forecast);
  std::vector<double> err(actual.size()), mag(actual.size());
  for (std::size_t i = 0; i < actual.size(); ++i) {
    err[i] = std::fabs(actual[i] - forecast[i]);
    mag[i] = std::fabs(actual[i]);
  }
  const double denom = compensated_sum(mag);
  if (denom == 0.0) return std::nullopt;
  return compensated_sum(err) / denom;
}

double rmse(std::span<const double> actual, std::span<const double> forecast) {
  require_aligned(actual, forecast);
  std::vector<double> sq(actual.size());
  for (std::size_t i = 0; i < actual.size(); ++i) {
    const double d = actual[i] - forecast[i];
    sq[i] = d * d;
  }
  return std::sqrt(compensated_sum(sq) / static_cast<double>(sq.size()));
}

std::optional<double> nrmse(std::span<const double> actual, std::span<const double> forecast) {
  const double r = rmse(actual, forecast);
  const auto [lo, hi] = std::minmax_element(actual.begin(), actual.end());
  const double range = *hi - *lo;
  if (!(range > 0.0)) return std::nullopt;
  return r / range;
}

}  // namespace fleetsim::analysis
