#pragma once
/// Error measures between a real ("actual") and a simulated ("forecast") quantity:
/// quantile relative errors between two samples, and WAPE and NRMSE between two aligned
/// series (see series_align.hpp to put two series on common timestamps).

#include <optional>
#include <span>

namespace fleetsim::analysis {

/// (q_sim - q_real) / |q_real| for the type-7 quantile q of each sample; nullopt when
/// q_real is 0. Positive: the simulation overestimates. Both samples non-empty.
std::optional<double> quantile_relative_error(std::span<const double> actual,
                                              std::span<const double> simulated, double q);

/// Relative errors of the median, p90 and p99.
struct QuantileErrors {
  std::optional<double> p50;
  std::optional<double> p90;
  std::optional<double> p99;
};
QuantileErrors quantile_relative_errors(std::span<const double> actual,
                                        std::span<const double> simulated);

/// Weighted absolute percentage error sum|a_i - f_i| / sum|a_i| (a fraction, not a
/// percentage); nullopt when sum|a_i| is 0. Series of equal, non-zero length.
std::optional<double> wape(std::span<const double> actual, std::span<const double> forecast);

/// Root mean square error sqrt(mean((a_i - f_i)^2)).
double rmse(std::span<const double> actual, std::span<const double> forecast);

/// Normalised RMSE: rmse / (max(actual) - min(actual)), i.e. normalised by the range of
/// the actual series (not by its mean), so it is scale-free and defined for series that
/// average zero; nullopt when the actual series is constant.
std::optional<double> nrmse(std::span<const double> actual, std::span<const double> forecast);

}  // namespace fleetsim::analysis
