/// `fleetsim validate` and `fleetsim describe` as a user runs them.

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <cstdio>

#include "sim/scenario/describe.hpp"

namespace {

const std::string kBin = FLEETSIM_BINARY_DIR "/fleetsim";
const std::string kSrc = FLEETSIM_SOURCE_DIR;

struct Output {
  int code = -1;
  std::string text;  // stdout and stderr
};

Output run(const std::string& args, bool with_stderr = true) {
  Output o;
  FILE* p = popen((kBin + " " + args + (with_stderr ? " 2>&1" : " 2>/dev/null")).c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  while (std::fgets(buf, sizeof buf, p)) o.text += buf;
  const int status = pclose(p);
  o.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return o;
}

}  // namespace

TEST_CASE("validate: a valid scenario is ok with a summary, exit 0", "[scenario][cli]") {
  const Output o = run("validate " + kSrc + "/scenarios/examples/reference.yaml");
  INFO(o.text);
  CHECK(o.code == 0);
  CHECK(o.text ==
        kSrc +
            "/scenarios/examples/reference.yaml: ok (2400 hosts in 3 zones, 2 workloads, 2 failure "
            "processes, remediation, 1 on-call team, 1 upgrade, 2 assertions, 30d simulated)\n");
}

TEST_CASE("validate: every problem with file:line:col, exit 2", "[scenario][cli]") {
  const std::string file = kSrc + "/tests/scenarios/fixtures/typos.yaml";
  const Output o = run("validate " + file);
  INFO(o.text);
  CHECK(o.code == 2);
  CHECK_THAT(o.text,
             Catch::Contains(
                 file + ":9:11: spec.warmup: warmup (30d) must be shorter than duration (30d)"));
  CHECK_THAT(
      o.text,
      Catch::Contains(file +
                      ":18:20: spec.topology.regions[0].host_type: unknown host type 'standard'"));
  CHECK_THAT(o.text, !Catch::Contains("missing required key 'replicas'"));
  CHECK_THAT(
      o.text,
      Catch::Contains(
          file +
          ":22:7: spec.workloads[0].replcias: unknown key 'replcias' (did you mean 'replicas'?)"));
  CHECK_THAT(
      o.text,
      Catch::Contains(
          file +
          ":24:15: spec.workloads[0].spread: unknown spread level 'zones' (did you mean 'zone'?)"));
  CHECK_THAT(o.text,
             Catch::Contains(
                 file + ":27:41: spec.workloads[1].arrival.rate: rate '120' has no time unit"));
  CHECK_THAT(
      o.text,
      Catch::Contains(
          file + ":29:18: spec.workloads[1].resources: needs cpu 96, memory 64Gi, more than any "
                 "host type offers (the largest host type is 'std' with cpu 64, memory 256Gi)"));
  CHECK_THAT(o.text, Catch::EndsWith(file + ": 6 errors\n"));

  const std::string dup = kSrc + "/tests/scenarios/fixtures/duplicate_keys.yaml";
  const Output d = run("validate " + dup);
  CHECK(d.code == 2);
  CHECK_THAT(
      d.text,
      Catch::Contains(
          dup +
          ":10:7: spec.topology.host_types.std: duplicate key 'std' (first given at line 9)"));
  CHECK_THAT(d.text, Catch::Contains(
                         dup + ":12:3: spec.seed: duplicate key 'seed' (first given at line 6)"));

  const Output s = run("validate " + kSrc + "/tests/scenarios/fixtures/syntax_error.yaml");
  CHECK(s.code == 2);
  CHECK_THAT(s.text, Catch::Contains("syntax_error.yaml:5:5: YAML syntax error"));
}

TEST_CASE("validate: several files, overrides, usage", "[scenario][cli]") {
  const std::string ref = kSrc + "/scenarios/examples/reference.yaml";
  Output o = run("validate " + ref + " " + kSrc + "/tests/scenarios/fixtures/typos.yaml");
  CHECK(o.code == 2);
  CHECK_THAT(o.text, Catch::Contains(ref + ": ok ("));

  o = run("validate " + ref + " --set spec.seed=7 --set 'spec.workloads[name=web].replicas=100'");
  CHECK(o.code == 0);
  o = run("validate " + ref + " --set spec.workloads[name=web].replicas=0");
  CHECK(o.code == 2);
  CHECK_THAT(o.text,
             Catch::Contains(
                 "<--set>: spec.workloads[0].replicas: must be between 1 and 1000000000, got 0 "
                 "(from --set spec.workloads[name=web].replicas=0)"));
  o = run("validate " + ref + " --set nonsense");
  CHECK(o.code == 2);
  CHECK_THAT(o.text, Catch::Contains("<--set>: expected path=value"));

  o = run("validate");
  CHECK(o.code == 2);
  CHECK_THAT(o.text, Catch::Contains("validate: no scenario file given"));
  o = run("validate --help");
  CHECK(o.code == 0);
  CHECK_THAT(o.text, Catch::Contains("--set PATH=VALUE"));
  o = run("validate /nonexistent.yaml");
  CHECK(o.code == 2);
  CHECK_THAT(o.text, Catch::Contains("/nonexistent.yaml: cannot read the file"));
}

TEST_CASE("describe prints the fields, or the JSON Schema", "[scenario][cli]") {
  Output o = run("describe", false);
  CHECK(o.code == 0);
  CHECK_THAT(o.text, Catch::StartsWith(fleetsim::scenario::describe_scenario_fields()));
  for (const char* family : {"placement (spec.policies.placement)", "rollout (spec.operations",
                             "queue (spec.policies.queue)", "remediation (spec.operations"}) {
    CHECK_THAT(o.text, Catch::Contains(family));
  }
  o = run("describe --json-schema", false);
  CHECK(o.code == 0);
  CHECK(o.text == fleetsim::scenario::scenario_json_schema());
  o = run("describe spec.operations.upgrades", false);
  CHECK(o.code == 0);
  CHECK_THAT(o.text, Catch::Contains("spec.operations.upgrades[].drain_timeout_action"));
  o = run("describe a b");
  CHECK(o.code == 2);
}
