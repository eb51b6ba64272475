#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

#include "analysis/stats/queueing.hpp"

using namespace fleetsim::analysis;

namespace {

// Erlang C from its textbook formula in log space (independent of the recurrence).
double erlang_c_log_space(double a, int c) {
  // log of a^k / k! for k < c, and of the waiting term a^c/c! * c/(c-a)
  double max_log = -1e300;
  std::vector<double> logs;
  for (int k = 0; k < c; ++k) {
    logs.push_back(k * std::log(a) - std::lgamma(k + 1.0));
    max_log = std::max(max_log, logs.back());
  }
  const double wait_log = c * std::log(a) - std::lgamma(c + 1.0) + std::log(c / (c - a));
  max_log = std::max(max_log, wait_log);
  double sum = 0;
  for (const double l : logs) sum += std::exp(l - max_log);
  const double w = std::exp(wait_log - max_log);
  return w / (sum + w);
}

}  // namespace

TEST_CASE("Erlang C closed forms", "[analysis][queueing]") {
  // a = 2 erlangs on 3 servers: C = 4/9, E[Wq] = C / (c mu - lambda).
  const MmcResult r = erlang_c(2.0, 1.0, 3);
  CHECK(r.wait_probability == Approx(4.0 / 9.0).epsilon(1e-14));
  CHECK(r.mean_wait_s == Approx(4.0 / 9.0).epsilon(1e-14));
  CHECK(r.mean_response_s == Approx(1.0 + 4.0 / 9.0).epsilon(1e-14));
  CHECK(r.utilisation == Approx(2.0 / 3.0));
  CHECK(r.mean_queue_length == Approx(8.0 / 9.0));
  // M/M/1: C = rho, E[Wq] = rho / (mu - lambda).
  const MmcResult one = erlang_c(0.8, 1.0, 1);
  CHECK(one.wait_probability == Approx(0.8).epsilon(1e-14));
  CHECK(one.mean_wait_s == Approx(4.0).epsilon(1e-13));
  CHECK(mmc_wait_exceeds(0.8, 1.0, 1, 2.0) == Approx(0.8 * std::exp(-0.4)).epsilon(1e-14));
  CHECK(erlang_b(2.0, 3) == Approx((8.0 / 6.0) / (1 + 2 + 2 + 8.0 / 6.0)).epsilon(1e-14));
  CHECK_THROWS_AS(erlang_c(3.0, 1.0, 3), std::invalid_argument);  // rho = 1
  CHECK_THROWS_AS(erlang_c(1.0, 0.0, 3), std::invalid_argument);
}

TEST_CASE("Erlang C is stable for a thousand servers", "[analysis][queueing]") {
  for (const int c : {10, 100, 500, 1000, 2000}) {
    for (const double rho : {0.5, 0.9, 0.99}) {
      const double lambda = rho * c * 0.25;
      const MmcResult r = erlang_c(lambda, 0.25, c);
      const double expected = erlang_c_log_space(lambda / 0.25, c);
      CHECK(std::isfinite(r.wait_probability));
      CHECK(r.wait_probability == Approx(expected).epsilon(1e-9));
      CHECK(r.mean_wait_s == Approx(expected / (c * 0.25 - lambda)).epsilon(1e-9));
    }
  }
}

TEST_CASE("availability closed forms", "[analysis][queueing]") {
  CHECK(steady_state_availability(999.0, 1.0) == 0.999);
  const double p = 0.999;
  // 2-out-of-3: 3 p^2 (1 - p) + p^3.
  CHECK(k_out_of_n_availability(2, 3, p) == Approx(3 * p * p * (1 - p) + p * p * p).epsilon(1e-14));
  CHECK(k_out_of_n_unavailability(2, 3, p) ==
        Approx(3 * (1 - p) * (1 - p) * p + std::pow(1 - p, 3)).epsilon(1e-12));
  CHECK(k_out_of_n_availability(1, 1, p) == Approx(p).epsilon(1e-15));
  CHECK(k_out_of_n_availability(3, 3, p) == Approx(p * p * p).epsilon(1e-14));
  CHECK(k_out_of_n_availability(0, 3, p) == 1.0);
  CHECK(k_out_of_n_availability(4, 3, p) == 0.0);
  // A larger case against the direct binomial sum.
  const int n = 40, k = 30;
  const double q = 0.8;
  double direct = 0;
  for (int i = k; i <= n; ++i) {
    direct += std::exp(std::lgamma(n + 1.0) - std::lgamma(i + 1.0) - std::lgamma(n - i + 1.0) +
                       i * std::log(q) + (n - i) * std::log(1 - q));
  }
  CHECK(k_out_of_n_availability(k, n, q) == Approx(direct).epsilon(1e-12));
  CHECK(k_out_of_n_availability(k, n, q) + k_out_of_n_unavailability(k, n, q) ==
        Approx(1.0).epsilon(1e-15));
  CHECK_THROWS_AS(k_out_of_n_availability(1, 3, 1.5), std::invalid_argument);
}
