/// Statistics over replications and the seed derivation.

#include <cmath>
#include <set>
#include <vector>

#include <catch2/catch.hpp>

#include "sim/experiment/metric_stats.hpp"
#include "sim/experiment/seeds.hpp"

using namespace fleetsim::experiment;

TEST_CASE("summarize: mean, sd, t interval and p95 of a known sample", "[experiment][stats]") {
  const std::vector<double> x{1, 2, 3, 4, 5};
  const MetricStats s = summarize(x, 0.95);
  CHECK(s.n == 5);
  CHECK(s.mean == Approx(3.0));
  CHECK(s.stddev == Approx(std::sqrt(2.5)));
  // t_{0.975, 4} = 2.776445105 (tables); half-width = t * sd / sqrt(5).
  CHECK(s.half_width == Approx(2.776445105 * std::sqrt(2.5) / std::sqrt(5.0)).epsilon(1e-9));
  CHECK(s.ci_low == Approx(3.0 - s.half_width));
  CHECK(s.ci_high == Approx(3.0 + s.half_width));
  CHECK(s.p95 == Approx(4.8));  // type 7: 4 + 0.8 * (5 - 4)
  CHECK(s.min == 1);
  CHECK(s.max == 5);
  const MetricStats s90 = summarize(x, 0.90);
  CHECK(s90.half_width == Approx(2.131846786 * std::sqrt(2.5) / std::sqrt(5.0)).epsilon(1e-9));
}

TEST_CASE("summarize: one replication, NaN, constant samples", "[experiment][stats]") {
  const MetricStats one = summarize(std::vector<double>{7.5});
  CHECK(one.mean == 7.5);
  CHECK(std::isnan(one.stddev));
  CHECK(one.ci_low == 7.5);
  CHECK(one.ci_high == 7.5);
  const MetricStats with_nan = summarize(std::vector<double>{1, NAN, 3});
  CHECK(std::isnan(with_nan.mean));
  CHECK(std::isnan(with_nan.ci_high));
  CHECK(std::isnan(with_nan.p95));
  const MetricStats flat = summarize(std::vector<double>{2, 2, 2});
  CHECK(flat.stddev == 0);
  CHECK(flat.ci_low == 2);
  CHECK(flat.ci_high == 2);
  CHECK_THROWS(summarize(std::vector<double>{}));
  CHECK_THROWS(summarize(std::vector<double>{1, 2}, 1.0));
}

TEST_CASE("summarize_runs: per metric, over the runs that have it", "[experiment][stats]") {
  const std::vector<Metrics> runs{{{"a", 1}, {"b", 10}}, {{"a", 3}}, {{"a", 5}, {"b", 20}}};
  const auto t = summarize_runs(runs);
  REQUIRE(t.size() == 2);
  CHECK(t.at("a").n == 3);
  CHECK(t.at("a").mean == Approx(3));
  CHECK(t.at("b").n == 2);
  CHECK(t.at("b").mean == Approx(15));
}

TEST_CASE("aggregate_value picks the named statistic", "[experiment][stats]") {
  const MetricStats s = summarize(std::vector<double>{1, 2, 3, 4, 5});
  CHECK(aggregate_value(s, "mean") == s.mean);
  CHECK(aggregate_value(s, "ci_low") == s.ci_low);
  CHECK(aggregate_value(s, "ci_high") == s.ci_high);
  CHECK(aggregate_value(s, "p95") == s.p95);
  CHECK(aggregate_value(s, "max") == 5);
  CHECK(aggregate_value(s, "min") == 1);
  CHECK_THROWS_AS(aggregate_value(s, "median"), std::invalid_argument);
}

TEST_CASE("replication seeds: 0 is the base, the rest distinct and fixed", "[experiment][seeds]") {
  CHECK(replication_seed(42, 0) == 42);
  std::set<std::uint64_t> seen;
  for (std::uint64_t i = 0; i < 10000; ++i) seen.insert(replication_seed(42, i));
  CHECK(seen.size() == 10000);
  // A pinned value: changing the derivation changes every replicated result.
  CHECK(replication_seed(42, 1) == fleetsim::core::mix64(42 ^ fleetsim::core::mix64(0x5EED0001ull)));
  CHECK(replication_seed(42, 1) != replication_seed(43, 1));
  static_assert(replication_seed(7, 0) == 7);
}
