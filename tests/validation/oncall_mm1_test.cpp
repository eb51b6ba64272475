/// One on-call person is an M/M/1 queue: failures of many hosts (a Poisson stream of
/// pages, rate lambda), each paged at once (`manual` remediation, no detection delay),
/// and a person busy for an exponential response time (rate mu) with no work after it.
/// The mean page wait and the 90th percentile of the wait must match the M/M/1 values
/// (E[Wq] = rho / (mu - lambda); P(Wq > t) = rho exp(-(mu - lambda) t)) within the 95%
/// confidence interval of independent replications. The hosts broken at any time (about
/// one of 2000) thin the page stream by 0.05%, far inside the interval.

#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "analysis/stats/descriptive.hpp"
#include "analysis/stats/queueing.hpp"
#include "analysis/stats/student_t.hpp"
#include "tests/support/failure_builder.hpp"
#include "tests/support/run_model.hpp"
#include "tests/support/scenario_builder.hpp"

using namespace fleetsim;

TEST_CASE("one on-call person is an M/M/1 queue", "[validation][oncall]") {
  const double hosts = 2000, lambda_h = 0.5, mu_h = 1.0;  // pages and services per hour
  auto s = testing::fleet(1, 50, 40, 0);
  s.duration = hours(5000);
  s.warmup = hours(50);
  s.sample_interval = hours(500);
  s.failures.push_back(
      testing::failure("host", testing::exponential(hosts / lambda_h * 3600), testing::fixed(0)));
  s.operations.remediation = testing::remediation("manual");
  auto t = testing::team("ops", 1);
  t.response = testing::exponential(3600 / mu_h);
  s.operations.oncall.push_back(t);

  const analysis::MmcResult exact = analysis::erlang_c(lambda_h / 3600, mu_h / 3600, 1);
  const double rho = lambda_h / mu_h;
  const double p90 = std::log(rho / 0.1) / ((mu_h - lambda_h) / 3600);  // P(Wq > t) = 0.1
  std::vector<double> mean_wait, p90_wait, pages;
  for (std::uint64_t seed = 1; seed <= 16; ++seed) {
    s.seed = seed;
    const auto m = testing::run(s).results.metrics;
    mean_wait.push_back(m.at("oncall.page_wait_mean_s"));
    p90_wait.push_back(m.at("oncall.page_wait_p90_s"));
    pages.push_back(m.at("oncall.pages"));
  }
  const double mw = analysis::mean(mean_wait), mw_h = analysis::t_confidence_half_width(mean_wait);
  const double pw = analysis::mean(p90_wait), pw_h = analysis::t_confidence_half_width(p90_wait);
  INFO("E[Wq]: sim " << mw << " +- " << mw_h << " exact " << exact.mean_wait_s << "; p90: sim " << pw << " +- "
                     << pw_h << " exact " << p90 << "; pages per run " << analysis::mean(pages));
  CHECK(analysis::mean(pages) == Approx(lambda_h * 4950).epsilon(0.03));
  CHECK(std::abs(mw - exact.mean_wait_s) <= mw_h);
  CHECK(std::abs(pw - p90) <= pw_h);
  CHECK(mw_h < 0.1 * exact.mean_wait_s);
}
