#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "analysis/stats/forecast_error.hpp"
#include "analysis/stats/series_align.hpp"

using namespace fleetsim::analysis;

TEST_CASE("WAPE, RMSE and NRMSE of aligned series", "[analysis][forecast]") {
  const std::vector<double> a{1, 2, 3, 4};
  const std::vector<double> f{1, 3, 3, 2};
  CHECK(*wape(a, f) == Approx(3.0 / 10.0));
  CHECK(rmse(a, f) == Approx(std::sqrt(5.0 / 4.0)));
  CHECK(*nrmse(a, f) == Approx(std::sqrt(5.0 / 4.0) / 3.0));  // range of actual = 3
  CHECK_FALSE(wape(std::vector<double>{0, 0}, std::vector<double>{1, 1}));
  CHECK_FALSE(nrmse(std::vector<double>{5, 5}, std::vector<double>{1, 1}));
  CHECK_THROWS_AS(wape(a, std::vector<double>{1}), std::invalid_argument);
}

TEST_CASE("quantile relative errors", "[analysis][forecast]") {
  std::vector<double> real, sim;
  for (int i = 0; i <= 100; ++i) {
    real.push_back(i);
    sim.push_back(1.1 * i);
  }
  const QuantileErrors e = quantile_relative_errors(real, sim);
  CHECK(*e.p50 == Approx(0.1));
  CHECK(*e.p90 == Approx(0.1));
  CHECK(*e.p99 == Approx(0.1));
  CHECK_FALSE(quantile_relative_error(std::vector<double>{0, 0, 0}, sim, 0.5));
}

TEST_CASE("series alignment by last value carried forward", "[analysis][align]") {
  const std::vector<double> ta{0, 10, 20, 30}, va{1, 2, 3, 4};
  const std::vector<double> tb{5, 15, 40}, vb{10, 20, 30};
  AlignOptions o;
  o.step = 10;
  const AlignedSeries s = align_series({ta, va}, {tb, vb}, o);
  // Overlap [5, 30]: grid 5, 15, 25.
  CHECK(s.times == std::vector<double>{5, 15, 25});
  CHECK(s.a == std::vector<double>{1, 2, 3});
  CHECK(s.b == std::vector<double>{10, 20, 20});
  const AlignedSeries u = align_series({ta, va}, {tb, vb});  // step 0: union of sample times
  CHECK(u.times == std::vector<double>{5, 10, 15, 20, 30});
  CHECK(u.a == std::vector<double>{1, 2, 2, 3, 4});
  CHECK(u.b == std::vector<double>{10, 10, 20, 20, 20});
  CHECK(
      align_series({ta, va}, {std::vector<double>{100.0}, std::vector<double>{1.0}}).times.empty());
}

TEST_CASE("series alignment by bucket means", "[analysis][align]") {
  const std::vector<double> ta{0, 1, 2, 3, 4, 5, 6}, va{1, 2, 3, 4, 5, 6, 7};
  const std::vector<double> tb{0.5, 4.5, 5.5}, vb{10, 20, 40};
  AlignOptions o;
  o.method = AlignMethod::kBucketMean;
  o.step = 2;
  const AlignedSeries s = align_series({ta, va}, {tb, vb}, o);
  // Overlap [0.5, 5.5]: buckets [0.5,2.5) [2.5,4.5) [4.5,5.5]; b has nothing in the second.
  CHECK(s.times == std::vector<double>{0.5, 4.5});
  CHECK(s.a == std::vector<double>{2.5, 6});  // (2+3)/2, (6)/1
  CHECK(s.b == std::vector<double>{10, 30});  // 10, (20+40)/2
  AlignOptions bad = o;
  bad.step = 0;
  CHECK_THROWS_AS(align_series({ta, va}, {tb, vb}, bad), std::invalid_argument);
  const std::vector<double> unsorted{2, 1};
  CHECK_THROWS_AS(align_series({unsorted, unsorted}, {tb, vb}), std::invalid_argument);
}
