/// Every class of scenario mistake is reported with its exact file:line:column, the
/// field's path and a hint, and all of them at once.

#include <catch2/catch.hpp>

#include "sim/scenario/loader.hpp"

using namespace fleetsim::scenario;

namespace {

/// A valid scenario whose host types (line 7) and region (line 9) can be replaced, with
/// `rest` appended from line 10 on.
std::string doc(
    const std::string& rest, const std::string& host_types = "      std: {cpu: 64, memory: 256Gi}",
    const std::string& region =
        "      - {name: r, zones: 1, racks_per_zone: 2, hosts_per_rack: 4, host_type: std}") {
  return "apiVersion: fleetsim/v1\n"
         "kind: Scenario\n"
         "metadata: {name: t}\n"
         "spec:\n"
         "  topology:\n"
         "    host_types:\n" +
         host_types + "\n    regions:\n" + region + "\n" + rest;
}

std::vector<Diagnostic> errors_of(const std::string& text,
                                  const std::vector<std::string>& overrides = {}) {
  const LoadResult r = load_scenario_text(text, "t.yaml", overrides);
  CHECK_FALSE(r.ok());
  CHECK_FALSE(r.scenario);
  return r.errors;
}

/// The one error that starts with `where` ("t.yaml:11:17: spec.x"); checks its message and hint.
void expect_error(const std::vector<Diagnostic>& errors, const std::string& where,
                  const std::string& message, const std::string& hint = "") {
  std::string all;
  for (const Diagnostic& e : errors) all += e.format() + "\n";
  INFO("errors:\n" << all);
  const Diagnostic* found = nullptr;
  for (const Diagnostic& e : errors) {
    if (e.format().rfind(where + ": ", 0) == 0) found = &e;
  }
  REQUIRE(found != nullptr);
  CHECK_THAT(found->message, Catch::Contains(message));
  if (!hint.empty()) CHECK_THAT(found->hint, Catch::Contains(hint));
}

}  // namespace

TEST_CASE("the base document of these tests is valid", "[scenario][errors]") {
  const LoadResult r = load_scenario_text(doc(""), "t.yaml");
  INFO(format_errors(r.errors));
  CHECK(r.ok());
}

TEST_CASE("unknown keys: did you mean, or the valid keys", "[scenario][errors]") {
  auto e = errors_of(doc("  sed: 42\n  colour: blue\n"));
  expect_error(e, "t.yaml:10:3: spec.sed", "unknown key 'sed'", "did you mean 'seed'?");
  expect_error(e, "t.yaml:11:3: spec.colour", "unknown key 'colour'",
               "valid keys here: seed, duration, warmup");
  CHECK(e.size() == 2);

  e =
      errors_of(doc("  workloads:\n    - {name: w, kind: service, replcias: 3, replicas: 3, "
                    "resources: {cpu: 1, memory: 1Gi}}\n"));
  expect_error(e, "t.yaml:11:32: spec.workloads[0].replcias", "unknown key 'replcias'",
               "did you mean 'replicas'?");

  e = errors_of(doc("", "      std: {cpu: 64, memroy: 256Gi}"));
  expect_error(e, "t.yaml:7:22: spec.topology.host_types.std.memroy", "unknown resource 'memroy'",
               "did you mean 'memory'?");
  CHECK(e.size() == 1);  // not also "missing memory": the typo is the one mistake
}

TEST_CASE("duplicate keys point at the second and name the first's line", "[scenario][errors]") {
  const auto e = errors_of(doc("  seed: 1\n  duration: 2d\n  seed: 2\n"));
  expect_error(e, "t.yaml:12:3: spec.seed", "duplicate key 'seed' (first given at line 10)");
  CHECK(e.size() == 1);
}

TEST_CASE("wrong types say what was expected and what was found", "[scenario][errors]") {
  auto e = errors_of(doc("  duration: [1, 2]\n  seed: many\n  policies: {preemption: yes}\n"));
  expect_error(e, "t.yaml:10:13: spec.duration", "expected a duration like 30m, got a sequence");
  expect_error(e, "t.yaml:11:9: spec.seed", "expected an integer, got 'many'");
  expect_error(e, "t.yaml:12:26: spec.policies.preemption", "expected true or false, got 'yes'");

  e = errors_of(doc("  workloads: {name: w}\n"));
  expect_error(e, "t.yaml:10:14: spec.workloads", "expected a list of workload, got a mapping");
  e = errors_of(
      doc("  workloads:\n    - {name: w, kind: service, replicas: 2, resources: [1, 2]}\n"));
  expect_error(e, "t.yaml:11:56: spec.workloads[0].resources",
               "expected a mapping (resources), got a sequence");
  e = errors_of(doc("  duration: 5 minutes\n"));
  expect_error(e, "t.yaml:10:13: spec.duration", "unknown duration unit 'minutes'");
  e = errors_of(doc("  duration:\n"));
  expect_error(e, "t.yaml:10:3: spec.duration", "expected a duration like 30m, got nothing");
}

TEST_CASE("impossible clock values", "[scenario][errors]") {
  const auto e = errors_of(
      doc("  duration: 1d\n  warmup: 1d\n  sample_interval: 0s\n  control_latency: 0ms\n"));
  expect_error(e, "t.yaml:11:11: spec.warmup", "warmup (1d) must be shorter than duration (1d)");
  expect_error(e, "t.yaml:12:20: spec.sample_interval", "must be longer than 0");
  expect_error(e, "t.yaml:13:20: spec.control_latency", "must be longer than 0");
  CHECK(e.size() == 3);
}

TEST_CASE("a report interval longer than an hour, or negative", "[scenario][errors]") {
  auto e = errors_of(doc("  duration: 2d\n  operations: {report_interval: 2h}\n"));
  expect_error(e, "t.yaml:11:33: spec.operations.report_interval", "report_interval must be at most 1h, got 2h",
               "at this interval");
  CHECK(e.size() == 1);
  e = errors_of(doc("  duration: 2d\n  operations: {report_interval: -5s}\n"));
  expect_error(e, "t.yaml:11:33: spec.operations.report_interval", "");
  CHECK(e.size() == 1);
  const LoadResult ok = load_scenario_text(doc("  duration: 2d\n  operations: {report_interval: 10s}\n"), "t.yaml");
  REQUIRE(ok.ok());
  CHECK(ok.scenario->operations.report_interval == 10'000'000);
}

TEST_CASE("zero hosts, zones or racks", "[scenario][errors]") {
  const auto e = errors_of(
      doc("", "      std: {cpu: 64, memory: 256Gi}",
          "      - {name: r, zones: 0, racks_per_zone: 0, hosts_per_rack: 0, host_type: std}"));
  expect_error(e, "t.yaml:9:26: spec.topology.regions[0].zones",
               "must be between 1 and 1000, got 0");
  expect_error(e, "t.yaml:9:45: spec.topology.regions[0].racks_per_zone", "got 0");
  expect_error(e, "t.yaml:9:64: spec.topology.regions[0].hosts_per_rack", "got 0");
}

TEST_CASE("regions: racks_per_zone + host_type or racks, not both; host types must exist",
          "[scenario][errors]") {
  auto e = errors_of(doc("", "      std: {cpu: 64, memory: 256Gi}",
                         "      - {name: r, racks: [{count: 2, host_type: std}], racks_per_zone: "
                         "2, hosts_per_rack: 4}"));
  expect_error(e, "t.yaml:9:56: spec.topology.regions[0].racks_per_zone",
               "'racks_per_zone' cannot be combined with 'racks'");
  e = errors_of(
      doc("", "      std: {cpu: 64, memory: 256Gi}", "      - {name: r, hosts_per_rack: 4}"));
  expect_error(e, "t.yaml:9:9: spec.topology.regions[0]",
               "missing 'racks' or 'racks_per_zone' + 'host_type'");
  e = errors_of(doc("", "      std: {cpu: 64, memory: 256Gi}",
                    "      - {name: r, racks_per_zone: 2, hosts_per_rack: 4}"));
  expect_error(e, "t.yaml:9:9: spec.topology.regions[0]", "missing 'host_type'");
  e = errors_of(doc("", "      std: {cpu: 64, memory: 256Gi}\n      big: {cpu: 128, memory: 1Ti}",
                    "      - {name: r, racks: [{count: 2, host_type: bgi}, {count: 1, host_type: "
                    "gpu}], hosts_per_rack: 4}"));
  expect_error(e, "t.yaml:10:49: spec.topology.regions[0].racks[0].host_type",
               "unknown host type 'bgi'", "did you mean 'big'?");
  expect_error(e, "t.yaml:10:77: spec.topology.regions[0].racks[1].host_type",
               "unknown host type 'gpu'", "declared host types: std, big");
}

TEST_CASE("duplicate names of workloads, host types, regions and upgrades", "[scenario][errors]") {
  const auto e =
      errors_of(doc(R"(  workloads:
    - {name: web, kind: service, replicas: 2, resources: {cpu: 1, memory: 1Gi}}
    - {name: web, kind: service, replicas: 2, resources: {cpu: 1, memory: 1Gi}}
  operations:
    upgrades:
      - {name: k, version: "1"}
      - {name: k, version: "2"}
)",
                    "      std: {cpu: 64, memory: 256Gi}\n      std: {cpu: 32, memory: 128Gi}"));
  expect_error(e, "t.yaml:8:7: spec.topology.host_types.std",
               "duplicate key 'std' (first given at line 7)");
  expect_error(e, "t.yaml:13:14: spec.workloads[1].name",
               "duplicate name 'web' (first used at line 12)");
  expect_error(e, "t.yaml:17:16: spec.operations.upgrades[1].name",
               "duplicate name 'k' (first used at line 16)");
}

TEST_CASE("workloads: kinds, replicas, spread, budgets, fit", "[scenario][errors]") {
  auto e = errors_of(doc(R"(  workloads:
    - name: web
      kind: service
      replicas: 0
      resources: {cpu: 100, memory: 16Gi}
      spread: zones
      disruption_budget: {max_unavailable: 5%, min_available: 3}
      arrival: {rate: 1/h}
    - name: job
      kind: batch
      arrival: {rate: 0/h}
      duration: {dist: lognormal, median: 45m, sigma: 0}
      resources: {cpu: 1, memory: 1Gi}
    - name: odd
      kind: cron
)"));
  expect_error(e, "t.yaml:13:17: spec.workloads[0].replicas",
               "must be between 1 and 1000000000, got 0");
  expect_error(e, "t.yaml:14:18: spec.workloads[0].resources",
               "needs cpu 100, memory 16Gi, more than any host type offers",
               "the largest host type is 'std' with cpu 64, memory 256Gi");
  expect_error(e, "t.yaml:15:15: spec.workloads[0].spread", "unknown spread level 'zones'",
               "did you mean 'zone'?");
  expect_error(e, "t.yaml:16:48: spec.workloads[0].disruption_budget.min_available",
               "'min_available' cannot be combined with 'max_unavailable'");
  expect_error(e, "t.yaml:17:7: spec.workloads[0].arrival",
               "'arrival' does not apply when kind is service", "it is for kind: batch");
  expect_error(e, "t.yaml:20:23: spec.workloads[1].arrival.rate",
               "rate must be more than 0, got 0/h");
  expect_error(e, "t.yaml:21:55: spec.workloads[1].duration.sigma", "must be in (0, 100], got 0");
  expect_error(e, "t.yaml:24:13: spec.workloads[2].kind", "unknown workload kind 'cron'",
               "one of: service, batch, vm, trace");

  e = errors_of(doc(R"(  workloads:
    - {name: neg, kind: batch, arrival: {rate: -5/h}, duration: 1h, resources: {cpu: 1, memory: 1Gi}}
    - {name: svc, kind: service, resources: {cpu: 1, memory: 1Gi}}
    - {name: few, kind: service, replicas: 2, resources: {cpu: 1, memory: 1Gi}, disruption_budget: {min_available: 3}}
)"));
  expect_error(e, "t.yaml:11:48: spec.workloads[0].arrival.rate", "rate '-5/h' is negative");
  expect_error(e, "t.yaml:12:7: spec.workloads[1]", "missing required key 'replicas'");
  expect_error(e, "t.yaml:13:116: spec.workloads[2].disruption_budget.min_available",
               "is more than the 2 instances");
}

TEST_CASE("extra resource dimensions must be declared, at most two", "[scenario][errors]") {
  auto e = errors_of(doc("", "      gpu-box: {cpu: 64, memory: 256Gi, gpu: 8}"));
  expect_error(e, "t.yaml:7:41: spec.topology.host_types.gpu-box.gpu", "unknown resource 'gpu'",
               "spec.topology.dimensions");
  e = errors_of(doc("", "      std: {cpu: 64, memory: 256Gi}\n    dimensions: [gpu, disk, fpga]"));
  expect_error(e, "t.yaml:8:17: spec.topology.dimensions", "at most 2 entries, got 3");

  const std::string ok = R"(apiVersion: fleetsim/v1
kind: Scenario
metadata: {name: gpus}
spec:
  topology:
    dimensions: [gpu]
    host_types: {gpu-box: {cpu: 64, memory: 256Gi, gpu: 8}, std: {cpu: 64, memory: 256Gi}}
    regions: [{name: r, racks: [{count: 1, host_type: gpu-box}, {count: 3, host_type: std}], hosts_per_rack: 4}]
  workloads:
    - {name: train, kind: service, replicas: 2, resources: {cpu: 8, memory: 64Gi, gpu: 2}}
)";
  const LoadResult r = load_scenario_text(ok, "gpus.yaml");
  INFO(format_errors(r.errors));
  REQUIRE(r.ok());
  CHECK(r.scenario->topology.host_types[0].capacity.v[2] == 8000);
  CHECK(r.scenario->topology.host_types[1].capacity.v[2] == 0);
  CHECK(r.scenario->workloads[0].resources.v[2] == 2000);
  CHECK(r.scenario->topology.regions[0].racks.size() == 2);
}

TEST_CASE("distributions: unknown families, bad parameters", "[scenario][errors]") {
  const auto e = errors_of(doc(R"(  failures:
    - target: host
      time_to_failure: {dist: normal, mean: 3h}
      repair: {dist: uniform, min: 2h, max: 1h}
    - target: rack
      time_to_failure: {dist: weibull, shape: 0, scale: 1y}
      repair: {dist: gamma, shape: 2}
    - target: zone
      time_to_failure: {dist: exponential, mean: 0s}
      repair: {dist: fixed, value: 1h, mean: 2h}
)"));
  expect_error(e, "t.yaml:12:31: spec.failures[0].time_to_failure.dist",
               "unknown distribution 'normal'",
               "one of: exponential, weibull, lognormal, gamma, uniform, fixed, empirical");
  expect_error(e, "t.yaml:13:45: spec.failures[0].repair.max",
               "uniform max (3600 s) is less than min (7200 s)");
  expect_error(e, "t.yaml:15:47: spec.failures[1].time_to_failure.shape",
               "must be in (0, 1000000], got 0");
  expect_error(e, "t.yaml:16:15: spec.failures[1].repair", "missing 'scale' or 'mean'");
  expect_error(e, "t.yaml:18:50: spec.failures[2].time_to_failure.mean", "must be longer than 0");
  expect_error(e, "t.yaml:19:40: spec.failures[2].repair.mean",
               "'mean' does not apply when dist is fixed");
}

TEST_CASE("failures: pairs, targets and host types", "[scenario][errors]") {
  const auto e = errors_of(doc(R"(  failures:
    - {target: host, time_to_failure: 1y}
    - {target: rack, host_type: std, time_to_failure: 1y, repair: 1h}
    - {target: host, host_type: bgi, time_to_failure: 1y, repair: 1h}
    - {target: power_feed, time_to_failure: 1y, repair: 1h}
    - {target: hosts, time_to_failure: 1y, repair: 1h}
)"));
  expect_error(e, "t.yaml:11:7: spec.failures[0]", "missing 'repair'");
  expect_error(e, "t.yaml:12:22: spec.failures[1].host_type",
               "'host_type' does not apply when target is rack");
  expect_error(e, "t.yaml:13:33: spec.failures[2].host_type", "unknown host type 'bgi'");
  expect_error(e, "t.yaml:14:16: spec.failures[3].target", "no region models power feeds");
  expect_error(e, "t.yaml:15:16: spec.failures[4].target", "unknown failure target 'hosts'",
               "did you mean 'host'?");
}

TEST_CASE("operations: probabilities, quantities, enums, upgrade start", "[scenario][errors]") {
  const auto e = errors_of(doc(R"(  duration: 10d
  operations:
    remediation:
      policy: {name: ladder, params: {steps: [reboot, {a: b}], depth: {x: 1}}}
      max_concurrent: 0
      actions:
        - {name: reboot, duration: 5m, success: 1.5}
    oncall:
      - {team: ops, work_hours: 17-9, utc_offset: 20}
    upgrades:
      - {name: k, version: "6.1", start: 12d, max_unavailable: 2.5, drain_timeout_action: explode}
)"));
  expect_error(e, "t.yaml:13:55: spec.operations.remediation.policy.params.steps",
               "a parameter list holds plain values");
  expect_error(e, "t.yaml:13:71: spec.operations.remediation.policy.params.depth",
               "a policy parameter is a value or a list");
  expect_error(e, "t.yaml:14:23: spec.operations.remediation.max_concurrent",
               "must be more than 0, got 0");
  expect_error(e, "t.yaml:16:49: spec.operations.remediation.actions[0].success",
               "probability '1.5' is outside [0, 1]");
  expect_error(e, "t.yaml:18:33: spec.operations.oncall[0].work_hours", "0 <= start < end <= 24");
  expect_error(e, "t.yaml:18:51: spec.operations.oncall[0].utc_offset",
               "must be between -12 and 14, got 20");
  expect_error(e, "t.yaml:20:42: spec.operations.upgrades[0].start",
               "starts at 12d, after the run ends (10d)");
  expect_error(e, "t.yaml:20:64: spec.operations.upgrades[0].max_unavailable",
               "a count must be a whole number");
  expect_error(e, "t.yaml:20:91: spec.operations.upgrades[0].drain_timeout_action",
               "unknown drain timeout action 'explode'", "one of: wait, force, skip");
}

TEST_CASE("assertions: ops, values with units, aggregates", "[scenario][errors]") {
  const auto e = errors_of(doc(R"(  assertions:
    - {metric: a, op: "=", value: 1}
    - {metric: b, op: "<=", value: 14 days}
    - {metric: c d, op: "<", value: 1, aggregate: p99}
    - {metric: e, op: ">"}
)"));
  expect_error(e, "t.yaml:11:23: spec.assertions[0].op", "unknown comparison '='",
               "one of: <, <=, >, >=, ==, !=");
  expect_error(e, "t.yaml:12:36: spec.assertions[1].value",
               "expected a number, a percentage (99.9%) or a duration (14d)");
  expect_error(e, "t.yaml:13:16: spec.assertions[2].metric", "metric names have no spaces");
  expect_error(e, "t.yaml:13:51: spec.assertions[2].aggregate", "unknown aggregate 'p99'",
               "did you mean 'p95'?");
  expect_error(e, "t.yaml:14:7: spec.assertions[3]", "missing required key 'value'");

  const LoadResult r = load_scenario_text(doc(R"(  assertions:
    - {metric: a, op: ">=", value: 99.95%}
    - {metric: b, op: "<=", value: 14d}
    - {metric: c, op: "<", value: 250ms}
    - {metric: d, op: "==", value: -3}
)"),
                                          "t.yaml");
  INFO(format_errors(r.errors));
  REQUIRE(r.ok());
  CHECK(r.scenario->assertions[0].value == Approx(0.9995));
  CHECK(r.scenario->assertions[1].value == 1209600.0);
  CHECK(r.scenario->assertions[2].value == 0.25);
  CHECK(r.scenario->assertions[3].value == -3.0);
}

TEST_CASE("document level: apiVersion, kind, missing sections", "[scenario][errors]") {
  const auto e = errors_of("apiVersion: fleetsim/v2\nkind: Scenaro\nmetadata: {}\n");
  expect_error(e, "t.yaml:1:13: apiVersion", "unknown apiVersion 'fleetsim/v2'",
               "did you mean 'fleetsim/v1'?");
  expect_error(e, "t.yaml:2:7: kind", "unknown document kind 'Scenaro'",
               "did you mean 'Scenario'?");
  expect_error(e, "t.yaml:3:11: metadata", "missing required key 'name'");
  expect_error(e, "t.yaml:1:1", "missing required key 'spec'");
}

TEST_CASE("YAML syntax errors, tabs, several documents and empty files are located",
          "[scenario][errors]") {
  auto e = errors_of("apiVersion: fleetsim/v1\nkind: Scenario\nmetadata: {name: x\nspec: {}\n");
  REQUIRE(e.size() == 1);
  CHECK_THAT(e[0].format(), Catch::StartsWith("t.yaml:"));
  CHECK_THAT(e[0].message, Catch::Contains("YAML syntax error"));
  CHECK(e[0].where.line > 0);

  e = errors_of("apiVersion: fleetsim/v1\nspec:\n\tseed: 1\n");
  expect_error(e, "t.yaml:3:1", "tab character in indentation");

  e = errors_of(doc("") + "---\nkind: Scenario\n");
  expect_error(e, "t.yaml:10:1", "a scenario file holds one YAML document");

  e = errors_of("# nothing here\n");
  expect_error(e, "t.yaml", "the file is empty");

  const LoadResult missing = load_scenario_file("/nonexistent/dir/x.yaml");
  REQUIRE(missing.errors.size() == 1);
  CHECK_THAT(missing.errors[0].format(),
             Catch::StartsWith("/nonexistent/dir/x.yaml: cannot read the file"));
}

TEST_CASE("anchors and aliases repeat a node; merge keys are refused", "[scenario][errors]") {
  const LoadResult r = load_scenario_text(doc(R"(  workloads:
    - &svc {name: a, kind: service, replicas: 2, resources: &small {cpu: 1, memory: 1Gi}}
    - {name: b, kind: service, replicas: 3, resources: *small}
)"),
                                          "t.yaml");
  INFO(format_errors(r.errors));
  REQUIRE(r.ok());
  CHECK(r.scenario->workloads[1].resources == r.scenario->workloads[0].resources);

  const auto e = errors_of(doc(R"(  workloads:
    - &svc {name: a, kind: service, replicas: 2, resources: {cpu: 1, memory: 1Gi}}
    - {<<: *svc, name: b}
)"));
  expect_error(e, "t.yaml:12:8: spec.workloads[1].<<", "YAML merge keys ('<<') are not supported");
}

TEST_CASE("many problems are reported at once, in file order", "[scenario][errors]") {
  const auto e = errors_of(doc(R"(  sed: 1
  duration: 0s
  workloads:
    - {name: w, kind: service, replicas: 0, resources: {cpu: 1, memory: 1Gi}}
  assertions:
    - {metric: m, op: "=>", value: 1}
)"));
  CHECK(e.size() == 4);
  for (std::size_t i = 1; i < e.size(); ++i) CHECK(e[i - 1].where.line <= e[i].where.line);
  CHECK(e[0].where.line == 10);
  CHECK(e[3].where.line == 15);
}
