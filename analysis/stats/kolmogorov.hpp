#pragma once
/// Distribution of the Kolmogorov-Smirnov statistic D_n for a sample of size n (the
/// distribution scipy calls `kstwo`), and the one-sided Smirnov distribution.
///
/// kolmogorov_sf follows the method selection of Simard & L'Ecuyer, "Computing the
/// two-sided Kolmogorov-Smirnov distribution", J. Stat. Software 39(11), 2011, as scipy
/// implements it: Ruben-Gambino closed forms at the ends, the Durbin matrix (Marsaglia,
/// Tsang & Wang 2003) and the Pomeranz recursion for small n x^2, the Pelz-Good expansion
/// for large n, and twice the exact one-sided probability in the upper tail.

#include <cstdint>

namespace fleetsim::analysis {

/// P(D_n > d): the survival function of the two-sided KS statistic, n >= 1, any d.
double kolmogorov_sf(std::int64_t n, double d);

/// P(D_n^+ >= d): the one-sided Smirnov probability, n >= 1, 0 <= d <= 1. Exact
/// (Birnbaum & Tingey's sum in extended precision) for n <= 10^6; above that, as scipy,
/// the approximation exp(-(6 n d + 1)^2 / (18 n)). 0 where exp(-2 n d^2) underflows.
double smirnov_sf(std::int64_t n, double d);

}  // namespace fleetsim::analysis
