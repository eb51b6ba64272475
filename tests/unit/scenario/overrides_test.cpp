/// `--set path=value`: overrides by key, index and name, validated like written values.

#include <catch2/catch.hpp>

#include "sim/scenario/loader.hpp"
#include "sim/scenario/overrides.hpp"

using namespace fleetsim;
using namespace fleetsim::scenario;

namespace {

const std::string kReference = FLEETSIM_SOURCE_DIR "/scenarios/examples/reference.yaml";

LoadResult load(const std::vector<std::string>& overrides) {
  return load_scenario_file(kReference, overrides);
}

std::string only_error(const LoadResult& r) {
  REQUIRE(r.errors.size() == 1);
  return r.errors[0].format();
}

}  // namespace

TEST_CASE("override paths parse into keys, indexes and selectors", "[scenario][overrides]") {
  const OverrideParse o = parse_override("spec.workloads[name=web].replicas=100");
  REQUIRE(o.error.empty());
  CHECK(o.path == "spec.workloads[name=web].replicas");
  CHECK(o.value == "100");
  REQUIRE(o.steps.size() == 4);
  CHECK(o.steps[1].key == "workloads");
  CHECK(o.steps[2].kind == PathStep::Kind::Select);
  CHECK(o.steps[2].key == "name");
  CHECK(o.steps[2].value == "web");
  CHECK(o.steps[3].key == "replicas");

  const OverrideParse i = parse_override("spec.topology.regions[0].hosts_per_rack=20");
  REQUIRE(i.error.empty());
  CHECK(i.steps[3].kind == PathStep::Kind::Index);
  CHECK(i.steps[3].index == 0);

  CHECK(parse_override("spec.seed=a=b").value == "a=b");
  CHECK(parse_override("spec.seed").error == "expected path=value, e.g. spec.seed=7");
  CHECK_THAT(parse_override("spec..seed=1").error, Catch::Contains("expected a key"));
  CHECK_THAT(parse_override("spec.workloads[x=1").error, Catch::Contains("'[' without ']'"));
  CHECK_THAT(parse_override("spec.workloads[-1].name=x").error, Catch::Contains("is not an index"));
  CHECK_THAT(parse_override("spec.=1").error, Catch::Contains("ends with '.'"));
  CHECK_THAT(parse_override("=1").error, Catch::Contains("it is empty"));
}

TEST_CASE("overrides set fields by key, by index and by name", "[scenario][overrides]") {
  const LoadResult r = load({"spec.seed=7", "spec.topology.regions[0].hosts_per_rack=20",
                             "spec.workloads[name=web].replicas=100",
                             "spec.failures[1].repair={dist: fixed, value: 5m}",
                             "spec.operations.upgrades[name=kernel-6-1].max_unavailable=3",
                             "metadata.description=\"changed: with a colon\""});
  INFO(format_errors(r.errors));
  REQUIRE(r.ok());
  const Scenario& s = *r.scenario;
  CHECK(s.seed == 7);
  CHECK(s.topology.regions[0].hosts_per_rack == 20);
  CHECK(s.workloads[0].replicas == 100);
  CHECK(s.failures[1].repair->a == 300.0);
  CHECK_FALSE(s.operations.upgrades[0].max_unavailable.percent);
  CHECK(s.operations.upgrades[0].max_unavailable.value == 3.0);
  CHECK(s.description == "changed: with a colon");
  CHECK(s.overrides.size() == 6);
  CHECK(s.workloads[0].where.line == 23);  // untouched parts keep their file locations
}

TEST_CASE("overrides may add keys that the file leaves out, and later ones win",
          "[scenario][overrides]") {
  const LoadResult r = load({"spec.policies.preemption=true", "spec.seed=1", "spec.seed=2",
                             "spec.operations.reaction_delay=1m", "spec.outputs.summary=out.json"});
  INFO(format_errors(r.errors));
  REQUIRE(r.ok());
  CHECK(r.scenario->policies.preemption);
  CHECK(r.scenario->seed == 2);
  CHECK(r.scenario->operations.reaction_delay == minutes(1));
  CHECK(r.scenario->outputs.summary == "out.json");
}

TEST_CASE("a bad override value is reported at <--set> with the override",
          "[scenario][overrides]") {
  CHECK(only_error(load({"spec.seed=abc"})) ==
        "<--set>: spec.seed: expected an integer, got 'abc' (from --set spec.seed=abc)");
  CHECK(only_error(load({"spec.workloads[name=web].replicas=0"})) ==
        "<--set>: spec.workloads[0].replicas: must be between 1 and 1000000000, got 0 "
        "(from --set spec.workloads[name=web].replicas=0)");
  CHECK(only_error(load({"spec.sed=1"})) ==
        "<--set>: spec.sed: unknown key 'sed' (did you mean 'seed'?; from --set spec.sed=1)");
  const LoadResult shorter = load({"spec.duration=1h"});
  REQUIRE(shorter.errors.size() == 2);
  CHECK(shorter.errors[0].format() == kReference +
                                          ":9:11: spec.warmup: warmup (1d) must be shorter than "
                                          "duration (1h) (metrics ignore [0, warmup))");
  CHECK(shorter.errors[1].format() == kReference +
                                          ":54:16: spec.operations.upgrades[0].start: upgrade "
                                          "'kernel-6-1' starts at 2d, after the run ends (1h)");
  CHECK_THAT(only_error(load({"spec.seed={a: [}"})),
             Catch::StartsWith("<--set>: spec.seed: the value '{a: [}' is not valid YAML"));
}

TEST_CASE("a bad override path names the override and leaves the file alone",
          "[scenario][overrides]") {
  CHECK(only_error(load({"spec.workloads[name=wbe].replicas=1"})) ==
        "<--set>: spec.workloads[name=wbe].replicas: no entry of 'spec.workloads' has name=wbe "
        "(did you mean 'web'?; in --set spec.workloads[name=wbe].replicas=1)");
  CHECK(only_error(load({"spec.workloads[5].replicas=1"})) ==
        "<--set>: spec.workloads[5].replicas: index 5 is out of range: 'spec.workloads' has 2 "
        "entries "
        "(indexes start at 0; in --set spec.workloads[5].replicas=1)");
  CHECK(only_error(load({"spec.seed.value=1"})) ==
        "<--set>: spec.seed.value: 'spec.seed' is '42', not a mapping: it has no key 'value' (in "
        "--set spec.seed.value=1)");
  CHECK(only_error(load({"spec.topology[0]=1"})) ==
        "<--set>: spec.topology[0]: 'spec.topology' is a mapping, not a list: [0] does not apply "
        "(in --set spec.topology[0]=1)");
  CHECK(only_error(load({"spec.seed"})) ==
        "<--set>: expected path=value, e.g. spec.seed=7 (in --set spec.seed)");
}

TEST_CASE("file errors and override errors are reported together", "[scenario][overrides]") {
  const LoadResult r = load_scenario_text(
      "apiVersion: fleetsim/v1\nkind: Scenario\nmetadata: {name: x}\nspec:\n  sed: 1\n", "x.yaml",
      {"spec.seed=abc"});
  REQUIRE_FALSE(r.ok());
  REQUIRE(r.errors.size() == 3);
  CHECK(r.errors[0].format() == "x.yaml:5:3: spec.sed: unknown key 'sed' (did you mean 'seed'?)");
  CHECK_THAT(r.errors[1].format(),
             Catch::StartsWith("x.yaml:5:3: spec: missing required key 'topology'"));
  CHECK(r.errors[2].format() ==
        "<--set>: spec.seed: expected an integer, got 'abc' (from --set spec.seed=abc)");
}
