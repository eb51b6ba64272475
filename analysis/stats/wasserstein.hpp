#pragma once
/// Wasserstein-1 (earth mover's) distance between two one-dimensional samples.

#include <span>

namespace fleetsim::analysis {

/// Integral of |F_a(x) - F_b(x)| dx over the two empirical CDFs, as
/// scipy.stats.wasserstein_distance(a, b) (equal weights). Same unit as the samples.
/// Both samples non-empty and finite (std::invalid_argument otherwise).
double wasserstein_distance(std::span<const double> a, std::span<const double> b);

}  // namespace fleetsim::analysis
