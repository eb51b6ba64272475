/// Service rollouts: rolling, canary and blue-green end to end, and the canary's chance of
/// catching a bad release against its binomial closed form.

#include <cmath>

#include <catch2/catch.hpp>

#include "tests/support/run_model.hpp"
#include "tests/support/scenario_builder.hpp"

using namespace fleetsim;

namespace {

scenario::Scenario service_fleet(const std::string& strategy, bool bad) {
  auto s = testing::fleet(3, 2, 5);  // 30 hosts
  s.seed = 3;
  s.duration = days(2);
  auto web = testing::service("web", 60, testing::resources(4, 16), scenario::SpreadLevel::Zone);
  web.disruption_budget.max_unavailable = scenario::Quantity{10, true};
  s.workloads.push_back(web);
  scenario::Rollout r;
  r.name = "web-2";
  r.service = "web";
  r.version = "2";
  r.start = hours(1);
  r.strategy.name = strategy;
  r.requests_per_s = 200;
  if (bad) {
    scenario::BadVersion b;
    b.declared = true;
    b.error_rate = 0.05;
    r.bad_release = b;
  }
  s.operations.rollouts.push_back(r);
  return s;
}

/// P(X <= k) for X ~ Binomial(n, p).
double binomial_cdf(std::int64_t k, std::int64_t n, double p) {
  double sum = 0;
  for (std::int64_t i = 0; i <= k; ++i) {
    const double log_pmf = std::lgamma(n + 1.0) - std::lgamma(i + 1.0) - std::lgamma(n - i + 1.0) + i * std::log(p) +
                           (n - i) * std::log1p(-p);
    sum += std::exp(log_pmf);
  }
  return sum;
}

}  // namespace

TEST_CASE("rolling, canary and blue-green move every replica to a good release", "[model][rollouts]") {
  for (const std::string strategy : {"rolling", "canary", "blue-green"}) {
    const auto m = testing::run(service_fleet(strategy, false), 2).results.metrics;
    INFO(strategy);
    CHECK(m.at("rollout.web-2.completed") == 1);
    CHECK(m.at("rollout.web-2.rolled_back") == 0);
    CHECK(m.at("rollout.web-2.replicas_on_new") == 60);
    CHECK(m.at("rollout.web-2.duration_s") > 0);
    CHECK(m.at("service.web.availability") == Approx(1.0));
    if (strategy != "canary") CHECK(m.at("service.web.full_availability") == Approx(1.0));  // surge first: no gap
  }
}

TEST_CASE("a canary catches a bad release at its first step and rolls back", "[model][rollouts]") {
  const auto m = testing::run(service_fleet("canary", true), 2).results.metrics;
  CHECK(m.at("rollout.web-2.bad_release") == 1);
  CHECK(m.at("rollout.web-2.caught") == 1);
  CHECK(m.at("rollout.web-2.rolled_back") == 1);
  CHECK(m.at("rollout.web-2.traffic_exposed") == Approx(0.05));
  CHECK(m.at("rollout.web-2.replicas_on_new") == 0);
  // Rolling judges only at the end, with all traffic on the bad release.
  const auto rolling = testing::run(service_fleet("rolling", true), 2).results.metrics;
  CHECK(rolling.at("rollout.web-2.caught") == 1);
  CHECK(rolling.at("rollout.web-2.traffic_exposed") == Approx(1.0));
  // Blue-green keeps the old set until the gate passes: rolling back costs no replica.
  const auto bg = testing::run(service_fleet("blue-green", true), 2).results.metrics;
  CHECK(bg.at("rollout.web-2.rolled_back") == 1);
  CHECK(bg.at("service.web.full_availability") == Approx(1.0));
}

TEST_CASE("the chance a canary catches a bad release matches the binomial closed form", "[model][rollouts][closed-form]") {
  // Steps 10% then 100%, 30 min bakes at 1 request/s: 180 then 1800 requests. The release
  // fails 1.5% of requests; the gate fails a step above 2%: it passes step 1 with <= 3
  // errors and step 2 with <= 36.
  const double p = 0.015;
  const double expected = 1.0 - binomial_cdf(3, 180, p) * binomial_cdf(36, 1800, p);
  const int R = 300;
  int caught = 0;
  for (int i = 0; i < R; ++i) {
    auto s = testing::fleet(1, 1, 4);
    s.seed = 1000 + static_cast<std::uint64_t>(i);
    s.duration = hours(6);
    s.workloads.push_back(testing::service("api", 10, testing::resources(2, 4), scenario::SpreadLevel::None));
    scenario::Rollout r;
    r.name = "api-2";
    r.service = "api";
    r.version = "2";
    r.strategy.name = "canary";
    r.strategy.params["steps"] = {"", {"10%", "100%"}, true, {}};
    r.strategy.params["bake"] = {"30m", {}, false, {}};
    r.requests_per_s = 1;
    r.max_error_rate = 0.02;
    r.min_requests = 0;
    scenario::BadVersion b;
    b.declared = true;
    b.error_rate = p;
    r.bad_release = b;
    s.operations.rollouts.push_back(r);
    caught += static_cast<int>(testing::run(s).results.metrics.at("rollout.api-2.caught"));
  }
  const double sigma = std::sqrt(expected * (1 - expected) / R);
  INFO("expected " << expected << ", simulated " << static_cast<double>(caught) / R);
  CHECK(std::abs(static_cast<double>(caught) / R - expected) < 4 * sigma);
}
