/// Sweep and plan files: located errors, values passed on as flow YAML, points, shards.

#include <algorithm>
#include <set>

#include <catch2/catch.hpp>

#include "sim/experiment/experiment_spec.hpp"
#include "sim/experiment/sweep_points.hpp"
#include "sim/scenario/overrides.hpp"

using namespace fleetsim;
using namespace fleetsim::experiment;

namespace {

const std::string kDir = FLEETSIM_SOURCE_DIR "/tests/scenarios/fixtures/experiment";

std::string errors_of(const ExperimentLoad& l) {
  std::string s;
  for (const auto& e : l.errors) s += e.format() + "\n";
  return s;
}

const char* kSweep = R"(apiVersion: fleetsim/v1
kind: Sweep
metadata: {name: demo}
spec:
  scenario: small.yaml
  set: [spec.duration=1d]
  replications: 3
  axes:
    - path: spec.policies.placement
      values: [best-fit, {name: spread}]
    - zip:
        - {path: "spec.topology.regions[0].racks_per_zone", values: [1, 2, 3]}
        - {path: "spec.workloads[name=etl].arrival.rate", values: [10/h, 20/h, "30/h"]}
)";

}  // namespace

TEST_CASE("sweep file: fields, axes and points in grid order", "[experiment][sweep]") {
  const ExperimentLoad l = load_experiment_text(kSweep, kDir + "/demo.yaml", "Sweep");
  INFO(errors_of(l));
  REQUIRE(l.spec);
  const ExperimentSpec& s = *l.spec;
  CHECK(s.name == "demo");
  CHECK(s.scenario == kDir + "/small.yaml");
  CHECK(s.replications == 3);
  CHECK(s.confidence == 0.95);
  CHECK(s.out_dir == kDir + "/demo.results");
  REQUIRE(s.axes.size() == 2);
  CHECK(s.axes[1].lists.size() == 2);
  CHECK(axis_columns(s) == std::vector<std::string>{"spec.policies.placement", "spec.topology.regions[0].racks_per_zone",
                                                    "spec.workloads[name=etl].arrival.rate"});
  const auto points = expand_points(s);
  REQUIRE(points.size() == 6);
  CHECK(points[0].overrides == std::vector<std::string>{"spec.duration=1d", "spec.policies.placement=best-fit",
                                                        "spec.topology.regions[0].racks_per_zone=1",
                                                        "spec.workloads[name=etl].arrival.rate=10/h"});
  CHECK(points[4].values == std::vector<std::string>{"{name: spread}", "2", "20/h"});
  CHECK(points[5].values == std::vector<std::string>{"{name: spread}", "3", "\"30/h\""});
  // The origin of a value is its place in the sweep file.
  CHECK(points[4].origins.at("spec.policies.placement={name: spread}").line == 10);
  CHECK(points[4].origins.at("spec.policies.placement={name: spread}").column == 26);
}

TEST_CASE("sweep file: every problem with file:line:column", "[experiment][sweep]") {
  const std::string bad = R"(apiVersion: fleetsim/v1
kind: Sweep
metadata: {name: demo}
spec:
  scenario: missing.yaml
  replicatons: 3
  confidence: 1.5
  set: [spec.duration]
  axes:
    - {path: topology.zones, values: [1]}
    - {path: spec.seed, values: []}
    - zip:
        - {path: spec.seed, values: [1, 2]}
        - {path: spec.duration, values: [1d]}
    - {path: spec.warmup}
)";
  const ExperimentLoad l = load_experiment_text(bad, "/tmp/bad.yaml", "Sweep");
  const std::string e = errors_of(l);
  INFO(e);
  CHECK_FALSE(l.spec);
  CHECK_THAT(e, Catch::Contains("/tmp/bad.yaml:5:13: spec.scenario: file 'missing.yaml' not found"));
  CHECK_THAT(e, Catch::Contains("/tmp/bad.yaml:6:3: spec.replicatons: unknown key 'replicatons' (did you mean 'replications'?)"));
  CHECK_THAT(e, Catch::Contains("/tmp/bad.yaml:7:15: spec.confidence:"));
  CHECK_THAT(e, Catch::Contains("/tmp/bad.yaml:8:9: spec.set[0]: expected path=value"));
  CHECK_THAT(e, Catch::Contains("/tmp/bad.yaml:10:14: spec.axes[0].path: the path 'topology.zones' does not start with 'spec.'"));
  CHECK_THAT(e, Catch::Contains("/tmp/bad.yaml:11:33: spec.axes[1].values: expected a non-empty list of values"));
  CHECK_THAT(e, Catch::Contains("/tmp/bad.yaml:15:7: spec.axes[3]:"));
  CHECK(l.errors.size() >= 7);
}

TEST_CASE("sweep file: zipped lists of different lengths, a path swept twice", "[experiment][sweep]") {
  const std::string bad = R"(apiVersion: fleetsim/v1
kind: Sweep
metadata: {name: demo}
spec:
  scenario: small.yaml
  axes:
    - {path: spec.seed, values: [1, 2]}
    - zip:
        - {path: spec.seed, values: [1, 2]}
        - {path: spec.duration, values: [1d]}
)";
  const ExperimentLoad l = load_experiment_text(bad, kDir + "/z.yaml", "Sweep");
  const std::string e = errors_of(l);
  INFO(e);
  CHECK_THAT(e, Catch::Contains("z.yaml:9:11: spec.axes[1]: the path 'spec.seed' is swept twice"));
  CHECK_THAT(e, Catch::Contains("z.yaml:10:11: spec.axes[1].zip: zipped lists differ in length: 1 values here, 2 in the first"));
}

TEST_CASE("plan file: parameter range and kind", "[experiment][plan]") {
  const std::string text = R"(apiVersion: fleetsim/v1
kind: Plan
metadata: {name: p}
spec:
  scenario: small.yaml
  replications: 4
  parameter: {path: "spec.topology.regions[0].hosts_per_rack", min: 9, max: 3}
  assertions:
    - {metric: workload.etl.wait_mean_s, op: "<=", value: 10m, aggregate: ci_high}
)";
  const ExperimentLoad l = load_experiment_text(text, kDir + "/p.yaml", "Plan");
  CHECK_THAT(errors_of(l), Catch::Contains("p.yaml:7:77: spec.parameter.max: max (3) is below min (9)"));
  std::string ok = text;
  ok.replace(ok.find("max: 3"), 6, "max: 30");
  const ExperimentLoad good = load_experiment_text(ok, kDir + "/p.yaml", "Plan");
  INFO(errors_of(good));
  REQUIRE(good.spec);
  CHECK(good.spec->parameter == "spec.topology.regions[0].hosts_per_rack");
  CHECK(good.spec->min == 9);
  CHECK(good.spec->max == 30);
  REQUIRE(good.spec->assertions);
  CHECK(good.spec->assertions->text == "[{metric: workload.etl.wait_mean_s, op: \"<=\", value: 10m, aggregate: ci_high}]");
  // A sweep is not a plan.
  const ExperimentLoad wrong = load_experiment_text(kSweep, kDir + "/demo.yaml", "Plan");
  CHECK_THAT(errors_of(wrong), Catch::Contains("demo.yaml:2:7: kind: unknown document kind 'Sweep'"));
}

TEST_CASE("flow_yaml writes values that parse back to the same tree", "[experiment][sweep]") {
  const std::string doc = R"(v:
  - plain
  - "quoted: yes"
  - {a: 1, b: [x, "y, z"], c: {d: 5m}}
  - -3
  - 'it''s'
  - "#hash"
  - a#b
)";
  const scenario::YamlParse p = scenario::parse_yaml(doc, "t.yaml");
  REQUIRE(p.root);
  const scenario::YamlNode& list = *p.root->find("v");
  for (const scenario::YamlNode& item : list.items) {
    const std::string flow = flow_yaml(item);
    const scenario::YamlParse back = scenario::parse_yaml(flow, "back");
    INFO(flow);
    REQUIRE(back.root);
    CHECK(flow_yaml(*back.root) == flow);
  }
  CHECK(flow_yaml(list.items[0]) == "plain");
  CHECK(flow_yaml(list.items[1]) == "\"quoted: yes\"");
  CHECK(flow_yaml(list.items[2]) == "{a: 1, b: [x, \"y, z\"], c: {d: 5m}}");
  CHECK(flow_yaml(list.items[3]) == "-3");
  REQUIRE(list.items.size() == 7);
  CHECK(flow_yaml(list.items[4]) == "\"it's\"");
  CHECK(flow_yaml(list.items[5]) == "\"#hash\"");
  CHECK(flow_yaml(list.items[6]) == "a#b");
}

TEST_CASE("shards: parse, and their union is every point exactly once", "[experiment][sweep]") {
  std::string error;
  CHECK_FALSE(parse_shard("0/3", error));
  CHECK_FALSE(parse_shard("4/3", error));
  CHECK_FALSE(parse_shard("1/0", error));
  CHECK_FALSE(parse_shard("x", error));
  CHECK(error == "--shard must be I/N with 1 <= I <= N (e.g. 2/4), got 'x'");
  const auto s = parse_shard("2/3", error);
  REQUIRE(s);
  CHECK(s->index == 2);
  CHECK(s->count == 3);
  for (std::size_t n : {1u, 2u, 3u, 7u}) {
    std::vector<int> covered(50, 0);
    for (std::size_t i = 1; i <= n; ++i) {
      const Shard shard{i, n};
      for (std::size_t p = 0; p < covered.size(); ++p) covered[p] += shard.contains(p);
    }
    CHECK(std::all_of(covered.begin(), covered.end(), [](int c) { return c == 1; }));
  }
}

TEST_CASE("metric selection: names and prefixes", "[experiment][sweep]") {
  CHECK(metric_selected("a.b", {}));
  CHECK(metric_selected("a.b", {"a.b"}));
  CHECK(metric_selected("a.b.c", {"a.*"}));
  CHECK_FALSE(metric_selected("ab.c", {"a.*"}));
  CHECK_FALSE(metric_selected("a.bc", {"a.b"}));
}
