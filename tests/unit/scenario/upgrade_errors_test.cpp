/// Mistakes in upgrades and rollouts: every one reported with file:line:column and exit
/// code 2, field errors by the loader (fleetsim validate) and policy errors (unknown
/// strategy, bad params, a policy used for the wrong subject) before time 0 by fleetsim run.

#include <sys/wait.h>

#include <cstdio>
#include <string>

#include <catch2/catch.hpp>

namespace {

struct Output {
  int code = -1;
  std::string text;
};

Output fleetsim_cli(const std::string& args) {
  Output o;
  FILE* p = popen((std::string(FLEETSIM_BINARY_DIR) + "/fleetsim " + args + " 2>&1").c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  while (std::fgets(buf, sizeof buf, p)) o.text += buf;
  const int status = pclose(p);
  o.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return o;
}

const std::string kFixtures = std::string(FLEETSIM_SOURCE_DIR) + "/tests/scenarios/fixtures/";

}  // namespace

TEST_CASE("upgrade and rollout fields: every mistake with its location, exit 2", "[scenario][upgrades][errors]") {
  const std::string f = kFixtures + "upgrade_fields.yaml";
  const Output o = fleetsim_cli("validate " + f);
  INFO(o.text);
  CHECK(o.code == 2);
  CHECK_THAT(o.text, Catch::Contains(f + ":17:25: spec.operations.upgrades[0].hosts.zones[0]: unknown zone 'east-c'"));
  CHECK_THAT(o.text, Catch::Contains(f + ":18:32: spec.operations.upgrades[0].windows[0].days[1]: unknown day 'fryday'"));
  CHECK_THAT(o.text, Catch::Contains(f + ":19:31: spec.operations.upgrades[0].drain_timeout_action: unknown drain "
                                         "timeout action 'evict'"));
  CHECK_THAT(o.text, Catch::Contains(f + ":20:31: spec.operations.upgrades[0].health_gate.action: unknown gate action "
                                         "'pause'"));
  CHECK_THAT(o.text, Catch::Contains(f + ":23:18: spec.operations.rollouts[0].service: unknown service 'webb' (did "
                                         "you mean 'web'?)"));
  CHECK_THAT(o.text, Catch::Contains(f + ":25:21: spec.operations.rollouts[0].on_failure: unknown failure action "
                                         "'retry'"));
}

TEST_CASE("rollout policies: unknown names, bad params and the wrong subject stop the run, exit 2",
          "[scenario][upgrades][errors]") {
  const std::string f = kFixtures + "upgrade_errors.yaml";
  const Output o = fleetsim_cli("run " + f + " --progress never");
  INFO(o.text);
  CHECK(o.code == 2);
  CHECK_THAT(o.text, Catch::Contains(f + ":17:19: spec.operations.upgrades[0].strategy.name: unknown rollout policy "
                                         "'wavs' (did you mean 'waves'?)"));
  CHECK_THAT(o.text, Catch::Contains(f + ":20:49: spec.operations.upgrades[1].strategy.params.steps: steps must "
                                         "increase, but 10% follows 50%"));
  CHECK_THAT(o.text, Catch::Contains(f + ":23:19: spec.operations.upgrades[2].strategy.name: rollout policy 'canary' "
                                         "does not apply to host upgrades (use one of: rolling, waves)"));
  CHECK_THAT(o.text, Catch::Contains(f + ":28:55: spec.operations.rollouts[0].strategy.params.max_surge: max_surge "
                                         "and max_unavailable are both 0"));
  CHECK_THAT(o.text, Catch::Contains("nothing was run"));
}
