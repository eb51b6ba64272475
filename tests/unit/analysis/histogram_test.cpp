#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "analysis/stats/histogram.hpp"

using fleetsim::analysis::Histogram;

namespace {

// A small deterministic generator (splitmix64) for test samples.
struct Gen {
  std::uint64_t s;
  double uniform() {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return static_cast<double>((z ^ (z >> 31)) >> 11) * 0x1.0p-53;
  }
  double lognormal(double mu, double sigma) {
    const double u1 = uniform() + 1e-300, u2 = uniform();
    return std::exp(mu + sigma * std::sqrt(-2 * std::log(u1)) * std::cos(2 * M_PI * u2));
  }
};

double exact_order_statistic(std::vector<double> x, double q) {
  std::sort(x.begin(), x.end());
  return x[static_cast<std::size_t>(std::floor(q * static_cast<double>(x.size() - 1)))];
}

}  // namespace

TEST_CASE("histogram quantiles are within the stated relative error", "[analysis][histogram]") {
  Gen g{42};
  Histogram h;  // relative accuracy 0.5%
  std::vector<double> x;
  for (int i = 0; i < 200000; ++i) {
    // Wait-time-like: many zeros, a heavy lognormal tail from milliseconds to days.
    const double v = g.uniform() < 0.2 ? 0.0 : g.lognormal(3.0, 2.5);
    x.push_back(v);
    h.record(v);
  }
  CHECK(h.count() == x.size());
  double sum = 0;
  for (const double v : x) sum += v;
  CHECK(h.mean() == Approx(sum / static_cast<double>(x.size())).epsilon(1e-12));
  CHECK(h.min() == 0.0);
  CHECK(h.max() == *std::max_element(x.begin(), x.end()));
  double worst = 0;
  for (const double q : {0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 0.9999, 1.0}) {
    const double exact = exact_order_statistic(x, q);
    const double est = h.quantile(q);
    if (exact == 0.0) {
      CHECK(est == 0.0);
    } else {
      worst = std::max(worst, std::fabs(est - exact) / exact);
    }
  }
  CHECK(worst <= 0.005 * (1 + 1e-9));
  CHECK(worst < 0.01);
  CHECK(h.quantile(1.0) == h.max());
  CHECK(h.bucket_bytes() < 64 * 1024);
}

TEST_CASE("histograms merge exactly and deterministically", "[analysis][histogram]") {
  Gen g{7};
  Histogram all(0.01), left(0.01), right(0.01), again(0.01);
  std::vector<double> values;
  for (int i = 0; i < 50000; ++i) values.push_back(g.lognormal(0.0, 3.0) - 0.5);  // some negatives
  for (std::size_t i = 0; i < values.size(); ++i) {
    all.record(values[i]);
    again.record(values[i]);
    (i % 3 == 0 ? left : right).record(values[i]);
  }
  Histogram merged = left;
  merged.merge(right);
  CHECK(merged.count() == all.count());
  CHECK(merged.min() == all.min());
  CHECK(merged.max() == all.max());
  for (double q = 0.0; q <= 1.0; q += 0.01) {
    REQUIRE(merged.quantile(q) == all.quantile(q));  // bucket counts are identical
    REQUIRE(again.quantile(q) == all.quantile(q));
  }
  const double exact = exact_order_statistic(values, 0.05);
  REQUIRE(exact < 0);
  CHECK(std::fabs(all.quantile(0.05) - exact) <= 0.01 * std::fabs(exact) * (1 + 1e-9));
  Histogram other(0.02);
  CHECK_THROWS_AS(all.merge(other), std::invalid_argument);
}

TEST_CASE("histogram edge cases", "[analysis][histogram]") {
  Histogram h;
  CHECK_THROWS_AS(h.quantile(0.5), std::invalid_argument);
  CHECK_THROWS_AS(h.mean(), std::invalid_argument);
  CHECK_THROWS_AS(h.record(NAN), std::invalid_argument);
  h.record(5.0);
  CHECK(h.quantile(0.0) == 5.0);  // clamped to the exact min and max
  CHECK(h.quantile(0.7) == 5.0);
  h.record(1e-12);  // below min_magnitude: counted as zero
  CHECK(h.quantile(0.0) == Approx(0.0).margin(1e-12));
  CHECK_THROWS_AS(Histogram(0.0), std::invalid_argument);
  CHECK_THROWS_AS(Histogram(0.6), std::invalid_argument);
}
