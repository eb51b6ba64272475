#include <catch2/catch.hpp>

#include <stdexcept>
#include <vector>

#include "analysis/stats/descriptive.hpp"
#include "analysis/stats/student_t.hpp"

using namespace fleetsim::analysis;

TEST_CASE("mean and sample standard deviation", "[analysis][descriptive]") {
  const std::vector<double> x{2, 4, 4, 4, 5, 5, 7, 9};
  CHECK(mean(x) == 5.0);
  CHECK(sample_variance(x) == Approx(32.0 / 7.0).epsilon(1e-15));
  CHECK(sample_stddev(x) == Approx(std::sqrt(32.0 / 7.0)).epsilon(1e-15));
  // Compensated sums keep a large offset from swallowing small values.
  std::vector<double> big(1000, 1e16);
  big.push_back(1.0);
  big.push_back(-1e16 * 1000);
  CHECK(compensated_sum(big) == 1.0);
  CHECK_THROWS_AS(mean(std::vector<double>{}), std::invalid_argument);
  CHECK_THROWS_AS(sample_stddev(std::vector<double>{1.0}), std::invalid_argument);
}

TEST_CASE("type-7 quantiles interpolate linearly between order statistics",
          "[analysis][descriptive]") {
  const std::vector<double> x{4, 1, 3, 2};
  CHECK(quantile(x, 0.0) == 1.0);
  CHECK(quantile(x, 1.0) == 4.0);
  CHECK(quantile(x, 0.5) == 2.5);
  CHECK(quantile(x, 0.9) == Approx(3.7).epsilon(1e-15));  // h = 2.7
  CHECK(quantile(x, 0.25) == 1.75);
  CHECK(quantile(std::vector<double>{7}, 0.3) == 7.0);
  const std::vector<double> qs{0.1, 0.5, 0.99};
  const auto v = quantiles(std::vector<double>{10, 20, 30, 40, 50}, qs);
  CHECK(v[0] == Approx(14.0));
  CHECK(v[1] == 30.0);
  CHECK(v[2] == Approx(49.6));
  CHECK_THROWS_AS(quantile(x, 1.5), std::invalid_argument);
  CHECK_THROWS_AS(quantile(std::vector<double>{}, 0.5), std::invalid_argument);
}

TEST_CASE("Student t quantiles match high-precision values", "[analysis][student_t]") {
  // t_{0.975, df}, the 95% two-sided critical values, computed with 50-digit arithmetic
  // (mpmath: root of betainc). scipy's t.ppf is about 1e-11 off for some df (df = 10);
  // the scipy cross-check test compares with it at 1e-9.
  CHECK(student_t_quantile(0.975, 1) == Approx(12.706204736174704646).epsilon(1e-14));
  CHECK(student_t_quantile(0.975, 2) == Approx(4.3026527297494638523).epsilon(1e-14));
  CHECK(student_t_quantile(0.975, 4) == Approx(2.7764451051977943578).epsilon(1e-14));
  CHECK(student_t_quantile(0.975, 10) == Approx(2.2281388519862747484).epsilon(1e-14));
  CHECK(student_t_quantile(0.975, 30) == Approx(2.04227245630123831).epsilon(1e-14));
  CHECK(student_t_quantile(0.975, 1000) == Approx(1.962339080826408485).epsilon(1e-14));
  CHECK(student_t_quantile(0.975, 1e4) == Approx(1.9602012398906262578).epsilon(1e-13));
  CHECK(student_t_quantile(0.975, 1e6) == Approx(1.9599663568141070353).epsilon(1e-14));
  CHECK(student_t_quantile(0.975, 1e9) == Approx(1.9599639869123254686).epsilon(1e-14));
  CHECK(student_t_quantile(0.025, 10) == Approx(-student_t_quantile(0.975, 10)).epsilon(1e-13));
  CHECK(student_t_quantile(0.5, 3) == 0.0);
  for (const double df : {1.0, 2.0, 3.0, 5.5, 17.0, 120.0, 5000.0}) {
    for (const double p : {1e-6, 0.01, 0.3, 0.8, 0.95, 0.999999}) {
      const double t = student_t_quantile(p, df);
      CHECK(student_t_cdf(t, df) == Approx(p).epsilon(1e-12));
      CHECK(student_t_sf(t, df) == Approx(1.0 - p).epsilon(1e-12));
    }
  }
  CHECK_THROWS_AS(student_t_quantile(1.0, 3), std::invalid_argument);
  CHECK_THROWS_AS(student_t_quantile(0.5, 0), std::invalid_argument);
}

TEST_CASE("t confidence half-width of n replications", "[analysis][student_t]") {
  const std::vector<double> reps{10.0, 12.0, 11.0, 13.0, 9.0};
  const double s = sample_stddev(reps);
  CHECK(t_confidence_half_width(reps) ==
        Approx(2.7764451051977943578 * s / std::sqrt(5.0)).epsilon(1e-12));
  CHECK(t_confidence_half_width(1.0, 2) ==
        Approx(12.706204736174704646 / std::sqrt(2.0)).epsilon(1e-14));
  CHECK(t_confidence_half_width(2.0, 100, 0.99) ==
        Approx(student_t_quantile(0.995, 99) * 2.0 / 10.0).epsilon(1e-15));
  CHECK_THROWS_AS(t_confidence_half_width(std::vector<double>{1.0}), std::invalid_argument);
}
