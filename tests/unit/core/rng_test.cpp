#include <cmath>
#include <set>
#include <vector>

#include <boost/random/exponential_distribution.hpp>

#include <catch2/catch.hpp>

#include "sim/core/rng.hpp"

using namespace fleetsim::core;

TEST_CASE("a stream is a function of (seed, purpose, entity)", "[core][rng]") {
  Rng a(42, purpose_id("failures"), 1234);
  Rng b(42, purpose_id("failures"), 1234);
  for (int i = 0; i < 1000; ++i) REQUIRE(a() == b());
  // Drawing from another stream in between changes nothing.
  Rng c(42, purpose_id("failures"), 1234);
  Rng other(42, purpose_id("failures"), 1235);
  std::vector<std::uint64_t> first;
  Rng d(42, purpose_id("failures"), 1234);
  for (int i = 0; i < 100; ++i) {
    first.push_back(d());
    other();
  }
  for (int i = 0; i < 100; ++i) REQUIRE(c() == first[static_cast<std::size_t>(i)]);
}

TEST_CASE("known values pin the generator across platforms", "[core][rng]") {
  // Pinned outputs: a change here changes every published result, so it must be deliberate.
  CHECK(mix64(0) == 0xe220a8397b1dcdafull);
  CHECK(purpose_id("") == 0xcbf29ce484222325ull);
  Rng r(1, 2, 3);
  const std::uint64_t x0 = r();
  const std::uint64_t x1 = r();
  Rng again(1, 2, 3);
  CHECK(again() == x0);
  CHECK(again() == x1);
  CHECK(x0 != x1);
}

TEST_CASE("different keys give different, uncorrelated streams", "[core][rng]") {
  std::set<std::uint64_t> firsts;
  for (std::uint64_t e = 0; e < 10000; ++e) firsts.insert(Rng(1, purpose_id("x"), e)());
  CHECK(firsts.size() == 10000);
  CHECK(Rng(1, purpose_id("x"), 5)() != Rng(2, purpose_id("x"), 5)());
  CHECK(Rng(1, purpose_id("x"), 5)() != Rng(1, purpose_id("y"), 5)());

  // Neighbouring entities: correlation of uniform draws near zero (|r| < 4/sqrt(n)).
  const int n = 20000;
  Rng u(9, purpose_id("corr"), 100);
  Rng v(9, purpose_id("corr"), 101);
  double su = 0, sv = 0, suu = 0, svv = 0, suv = 0;
  for (int i = 0; i < n; ++i) {
    const double x = u.uniform01();
    const double y = v.uniform01();
    su += x; sv += y; suu += x * x; svv += y * y; suv += x * y;
  }
  const double cov = suv / n - (su / n) * (sv / n);
  const double r = cov / std::sqrt((suu / n - su * su / n / n) * (svv / n - sv * sv / n / n));
  CHECK(std::abs(r) < 4.0 / std::sqrt(n));
}

TEST_CASE("uniform draws and Boost distributions have the right moments", "[core][rng]") {
  Rng r(3, purpose_id("moments"), 0);
  const int n = 200000;
  double s = 0;
  for (int i = 0; i < n; ++i) {
    const double x = r.uniform01();
    REQUIRE(x >= 0.0);
    REQUIRE(x < 1.0);
    s += x;
  }
  // mean 1/2, sd of the mean sqrt(1/12/n): 5 sigma band
  CHECK(std::abs(s / n - 0.5) < 5 * std::sqrt(1.0 / 12 / n));
  boost::random::exponential_distribution<double> exp(0.5);
  double e = 0;
  for (int i = 0; i < n; ++i) e += exp(r);
  CHECK(std::abs(e / n - 2.0) < 5 * 2.0 / std::sqrt(n));
}
