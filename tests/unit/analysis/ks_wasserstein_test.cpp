#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "analysis/stats/kolmogorov.hpp"
#include "analysis/stats/ks_test.hpp"
#include "analysis/stats/wasserstein.hpp"

using namespace fleetsim::analysis;

TEST_CASE("KS statistic of small samples", "[analysis][ks]") {
  const std::vector<double> a{1, 2, 3, 4};
  const std::vector<double> b{3, 4, 5, 6};
  CHECK(ks_statistic(a, b) == 0.5);
  CHECK(ks_statistic(a, a) == 0.0);
  CHECK(ks_statistic(std::vector<double>{0}, std::vector<double>{1}) == 1.0);
  // Ties across samples are consumed together, as scipy's searchsorted(side='right').
  CHECK(ks_statistic(std::vector<double>{1, 1, 2}, std::vector<double>{1, 2, 2}) ==
        Approx(1.0 / 3.0));
  CHECK(ks_statistic(b, a) == ks_statistic(a, b));
  CHECK_THROWS_AS(ks_statistic(std::vector<double>{}, a), std::invalid_argument);
  CHECK_THROWS_AS(ks_statistic(std::vector<double>{NAN}, a), std::invalid_argument);
  const KsResult r = ks_2samp(a, b);
  CHECK(r.statistic == 0.5);
  CHECK(r.p_value == Approx(0.5).epsilon(1e-15));  // n = round(4*4/8) = 2: P(D_2 > 1/2) = 1/2
  CHECK(std::isnan(ks_2samp(std::vector<double>{0}, std::vector<double>{1}).p_value));
}

TEST_CASE("the KS distribution: limits and monotonicity", "[analysis][ks]") {
  CHECK(kolmogorov_sf(10, 0.0) == 1.0);
  CHECK(kolmogorov_sf(10, 0.04) == 1.0);  // below 1/(2n)
  CHECK(kolmogorov_sf(10, 1.0) == 0.0);
  // Ruben-Gambino end: P(D_n >= x) = 2 (1 - x)^n for x >= 1 - 1/n.
  CHECK(kolmogorov_sf(10, 0.95) == Approx(2 * std::pow(0.05, 10)).epsilon(1e-14));
  // n = 1: D_1 is uniform on [1/2, 1], so P(D_1 > x) = 2 (1 - x).
  CHECK(kolmogorov_sf(1, 0.7) == Approx(0.6).epsilon(1e-14));
  for (const std::int64_t n : {5, 60, 141, 1000, 200000}) {
    double prev = 1.0;
    for (double x = 0.001; x < 1.0; x += 0.001) {
      const double p = kolmogorov_sf(n, x);
      REQUIRE(p <= prev + 1e-12);
      REQUIRE(p >= 0.0);
      prev = p;
    }
  }
  // The one-sided Smirnov tail for large n approaches exp(-2 n d^2).
  CHECK(smirnov_sf(100000, 0.005) == Approx(std::exp(-2 * 100000 * 0.005 * 0.005)).epsilon(0.02));
}

TEST_CASE("Wasserstein-1 distance", "[analysis][wasserstein]") {
  CHECK(wasserstein_distance(std::vector<double>{0, 1, 3}, std::vector<double>{5, 6, 8}) == 5.0);
  CHECK(wasserstein_distance(std::vector<double>{0, 1}, std::vector<double>{0, 1}) == 0.0);
  // scipy's documented example: wasserstein_distance([0, 1, 3], [5, 6, 8]) = 5 and
  // wasserstein_distance([3.4, 3.9, 7.5, 7.8], [4.5, 1.4]) = 2.7
  CHECK(wasserstein_distance(std::vector<double>{3.4, 3.9, 7.5, 7.8},
                             std::vector<double>{4.5, 1.4}) == Approx(2.7).epsilon(1e-14));
  CHECK_THROWS_AS(wasserstein_distance(std::vector<double>{}, std::vector<double>{1}),
                  std::invalid_argument);
  CHECK_THROWS_AS(wasserstein_distance(std::vector<double>{INFINITY}, std::vector<double>{1}),
                  std::invalid_argument);
}
