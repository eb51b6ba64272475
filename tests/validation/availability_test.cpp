/// Steady-state availability closed forms, each inside the 95% confidence interval of
/// independent replications (seeds 1..R):
///  - one host with exponential times to failure and repair: A = MTTF / (MTTF + MTTR);
///  - n replicas pinned one per host (spread: host, each replica takes a whole host, so
///    a lost replica waits for its host): the service is available (>= k running) with
///    the binomial k-out-of-n probability of n independent hosts, each up with A.

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

namespace {

struct Ci {
  double mean, half;
};

template <class F>
Ci replicate(int n, F&& metric) {
  std::vector<double> x;
  for (int r = 0; r < n; ++r) x.push_back(metric(static_cast<std::uint64_t>(r + 1)));
  return {analysis::mean(x), analysis::t_confidence_half_width(x)};
}

}  // namespace

TEST_CASE("a single host is available MTTF / (MTTF + MTTR)", "[validation][failures]") {
  const double mttf_h = 10, mttr_h = 2;
  auto s = testing::fleet(1, 1, 1, 0);
  s.duration = hours(2000);
  s.warmup = hours(20);
  s.sample_interval = hours(100);
  s.failures.push_back(testing::failure("host", testing::exponential(mttf_h * 3600), testing::exponential(mttr_h * 3600)));
  const double exact = analysis::steady_state_availability(mttf_h, mttr_h);
  std::vector<double> mttr, mtbf;
  const Ci a = replicate(20, [&](std::uint64_t seed) {
    s.seed = seed;
    const auto m = testing::run(s).results.metrics;
    mttr.push_back(m.at("fleet.mttr_s"));
    mtbf.push_back(m.at("fleet.mtbf_s"));
    return m.at("fleet.host_availability");
  });
  INFO("availability: sim " << a.mean << " +- " << a.half << ", exact " << exact);
  CHECK(std::abs(a.mean - exact) <= a.half);
  CHECK(a.half < 0.01);  // tight enough to mean something
  // MTTR and MTBF as the model reports them (detection = failure without remediation),
  // each inside the 95% confidence interval of the same replications.
  const double mttr_mean = analysis::mean(mttr), mttr_half = analysis::t_confidence_half_width(mttr);
  const double mtbf_mean = analysis::mean(mtbf), mtbf_half = analysis::t_confidence_half_width(mtbf);
  INFO("mttr " << mttr_mean << " +- " << mttr_half << ", mtbf " << mtbf_mean << " +- " << mtbf_half);
  CHECK(std::abs(mttr_mean - mttr_h * 3600) <= mttr_half);
  CHECK(std::abs(mtbf_mean - mttf_h * 3600) <= mtbf_half);
  CHECK(mtbf_half < 0.05 * mttf_h * 3600);
}

TEST_CASE("n pinned replicas are available with the k-out-of-n probability", "[validation][failures]") {
  const std::int64_t n = 5, k = 3;
  const double mttf_h = 20, mttr_h = 5;
  auto s = testing::fleet(1, 1, n, 0);
  s.duration = hours(3000);
  s.warmup = hours(50);
  s.sample_interval = hours(100);
  s.operations.reaction_delay = 0;  // a replica comes back the instant its host does
  auto web = testing::service("web", n, testing::resources(64, 256), scenario::SpreadLevel::Host);
  web.disruption_budget.min_available = scenario::Quantity{static_cast<double>(k), false};
  s.workloads.push_back(web);
  s.failures.push_back(testing::failure("host", testing::exponential(mttf_h * 3600), testing::exponential(mttr_h * 3600)));
  const double p = analysis::steady_state_availability(mttf_h, mttr_h);
  const double exact = analysis::k_out_of_n_availability(k, n, p);
  const double full = std::pow(p, static_cast<double>(n));
  std::vector<double> full_runs;
  const Ci a = replicate(20, [&](std::uint64_t seed) {
    s.seed = seed;
    const auto m = testing::run(s).results.metrics;
    full_runs.push_back(m.at("service.web.full_availability"));
    return m.at("service.web.availability");
  });
  const double full_mean = analysis::mean(full_runs), full_half = analysis::t_confidence_half_width(full_runs);
  INFO(k << "-of-" << n << " availability: sim " << a.mean << " +- " << a.half << ", exact " << exact
          << "; all n: sim " << full_mean << " +- " << full_half << ", exact " << full);
  CHECK(std::abs(a.mean - exact) <= a.half);
  CHECK(std::abs(full_mean - full) <= full_half);
  CHECK(a.half < 0.01);
}
