/// Batch work on c identical hosts, Poisson arrivals and exponential durations, one job
/// per host: an M/M/c queue. The simulated probability of waiting and mean wait must
/// contain the Erlang C values in their 95% confidence intervals over replications.

#include <vector>

#include <catch2/catch.hpp>

#include "analysis/stats/descriptive.hpp"
#include "analysis/stats/queueing.hpp"
#include "analysis/stats/student_t.hpp"
#include "tests/support/run_model.hpp"
#include "tests/support/scenario_builder.hpp"

using namespace fleetsim;

namespace {

struct Case {
  std::int64_t servers;
  double rho;
};

}  // namespace

TEST_CASE("batch on identical hosts reproduces Erlang C", "[validation][model][erlang]") {
  const Case c = GENERATE(Case{8, 0.8}, Case{2, 0.6});
  const double mean_service_s = 3600;
  const double mu = 1 / mean_service_s;
  const double lambda = c.rho * static_cast<double>(c.servers) * mu;
  const analysis::MmcResult exact = analysis::erlang_c(lambda, mu, c.servers);

  auto s = testing::fleet(1, 1, c.servers, 0);
  s.duration = hours(3000);
  s.warmup = hours(100);
  s.sample_interval = hours(24);
  s.workloads.push_back(testing::batch("jobs", lambda, testing::exponential(mean_service_s),
                                       testing::resources(64, 256)));  // a whole host
  const int replications = 30;
  std::vector<double> p_wait, mean_wait;
  for (int r = 0; r < replications; ++r) {
    s.seed = 1000 + static_cast<std::uint64_t>(r);
    const auto out = testing::run(s);
    p_wait.push_back(out.results.metrics.at("workload.jobs.wait_prob"));
    mean_wait.push_back(out.results.metrics.at("workload.jobs.wait_mean_s"));
  }
  const double pw = analysis::mean(p_wait), mw = analysis::mean(mean_wait);
  const double pw_h = analysis::t_confidence_half_width(p_wait), mw_h = analysis::t_confidence_half_width(mean_wait);
  INFO("c=" << c.servers << " rho=" << c.rho << "  P(wait): sim " << pw << " +- " << pw_h << " exact "
            << exact.wait_probability << "   E[W]: sim " << mw << " +- " << mw_h << " exact " << exact.mean_wait_s);
  CHECK(std::abs(pw - exact.wait_probability) <= pw_h);
  CHECK(std::abs(mw - exact.mean_wait_s) <= mw_h);
  // The intervals are tight enough to mean something: within 10% of the value.
  CHECK(pw_h < 0.10 * exact.wait_probability);
  CHECK(mw_h < 0.10 * exact.mean_wait_s);
}
