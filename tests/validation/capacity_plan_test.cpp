/// The capacity search against a closed form: batch jobs that each take a whole host,
/// Poisson arrivals and exponential durations make an M/M/c queue, so the smallest host
/// count whose mean wait meets a target is known from Erlang C. `fleetsim plan` must
/// find exactly that count with the target required at 95% confidence (ci_high).

#include <cstdio>
#include <string>

#include <catch2/catch.hpp>

#include "analysis/stats/queueing.hpp"
#include "tests/unit/experiment/cli_support.hpp"

using namespace fleetsim;
using namespace fleetsim::testing;

TEST_CASE("fleetsim plan finds the smallest c for an M/M/c wait target", "[validation][plan][erlang]") {
  // lambda = 6 jobs/h, one hour each: a = 6 erlangs; target E[Wq] <= 390 s (6.5 min).
  const double lambda = 6.0 / 3600, mu = 1.0 / 3600, target_s = 390;
  const std::int64_t min_c = 7;  // the smallest stable c: lambda < c mu
  std::int64_t expected = 0;
  for (std::int64_t c = min_c; c <= 24 && expected == 0; ++c) {
    if (analysis::erlang_c(lambda, mu, c).mean_wait_s <= target_s) expected = c;
  }
  REQUIRE(expected == 9);
  // The case is decisive: the waits on either side of the answer are 1.5x away from the
  // target, far more than the confidence interval of 10 replications of 1000 h.
  const double below = analysis::erlang_c(lambda, mu, expected - 1).mean_wait_s;
  const double at = analysis::erlang_c(lambda, mu, expected).mean_wait_s;
  REQUIRE(below >= 1.5 * target_s);
  REQUIRE(at <= target_s / 1.5);

  TempDir dir;
  write_file(dir / "mmc.yaml", R"(apiVersion: fleetsim/v1
kind: Scenario
metadata: {name: mmc}
spec:
  seed: 11
  duration: 1000h
  warmup: 50h
  sample_interval: 24h
  topology:
    host_types:
      std: {cpu: 64, memory: 256Gi}
    regions:
      - {name: r, zones: 1, racks_per_zone: 1, hosts_per_rack: 8, host_type: std}
  workloads:
    - name: jobs
      kind: batch
      arrival: {process: poisson, rate: 6/h}
      duration: {dist: exponential, mean: 1h}
      resources: {cpu: 64, memory: 256Gi}
  assertions:
    - {metric: workload.jobs.wait_mean_s, op: "<=", value: 390s, aggregate: ci_high}
)");
  write_file(dir / "plan.yaml", R"(apiVersion: fleetsim/v1
kind: Plan
metadata: {name: mmc-hosts}
spec:
  scenario: mmc.yaml
  replications: 10
  parameter: {path: "spec.topology.regions[0].hosts_per_rack", min: 7, max: 24}
)");
  const Output o = run_fleetsim("plan " + (dir / "plan.yaml") + " --progress never --threads 2");
  INFO(o.text);
  REQUIRE(o.code == 0);
  CHECK_THAT(o.text, Catch::Contains("answer: spec.topology.regions[0].hosts_per_rack = 9"));
  const std::string json = read_file(dir / "plan.results/plan.json");
  CHECK_THAT(json, Catch::Contains("\"answer\": 9,"));
  // Bisection over [7, 24]: 7 and 24, then 15, 11, 9, 8.
  CHECK_THAT(json, Catch::Contains("\"evaluations\": 6,"));
  // At the answer the simulated mean wait's 95% CI contains the Erlang C value.
  const std::string check =
      "/usr/bin/python3 -c \"import json, sys; p = json.load(open(sys.argv[1])); "
      "a = [x for x in p['probes'] if x['value'] == 9][0]['assertions'][0]; "
      "print(a['ci_low'] <= " + std::to_string(at) + " <= a['ci_high'], a['ci_high'] < 390)\" " +
      (dir / "plan.results/plan.json");
  FILE* p = popen(check.c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[256] = {0};
  const std::string line = std::fgets(buf, sizeof buf, p) ? buf : "";
  pclose(p);
  INFO(json);
  CHECK(line == "True True\n");
  const std::string curve = read_file(dir / "plan.results/curve.csv");
  CHECK_THAT(curve, Catch::Contains("\n8,fail,"));
  CHECK_THAT(curve, Catch::Contains("\n9,pass,"));
}
