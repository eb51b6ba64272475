/// The progress bar: drawn on a terminal (stderr), never in CI or on a pipe; JSON lines on
/// request. A terminal is provided by script(1).

#include <catch2/catch.hpp>

#include "tests/unit/experiment/cli_support.hpp"

using namespace fleetsim::testing;

namespace {

/// Runs the command line under script(1), so that stderr is a terminal.
Output on_terminal(const std::string& args, const std::string& env) {
  const std::string cmd = "env " + env + " script -qec \"" + kBin + " " + args + " >/dev/null\" /dev/null";
  Output o;
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  while (std::fgets(buf, sizeof buf, p)) o.text += buf;
  const int status = pclose(p);
  o.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return o;
}

const std::string kRuns = kSrc + "/scenarios/examples/default.yaml --replications 4 --threads 2";

}  // namespace

TEST_CASE("progress: a bar with an ETA on a terminal, nothing when CI is set", "[experiment][cli][progress]") {
  if (std::system("command -v script >/dev/null 2>&1") != 0) {
    WARN("script(1) is not installed: no terminal to test the bar on");
    return;
  }
  const Output bar = on_terminal("run " + kRuns, "-u CI");
  INFO(bar.text);
  CHECK(bar.code == 0);
  CHECK_THAT(bar.text, Catch::Contains("default ["));
  CHECK_THAT(bar.text, Catch::Contains("runs "));
  CHECK_THAT(bar.text, Catch::Contains("eta "));
  const Output ci = on_terminal("run " + kRuns, "CI=true");
  INFO(ci.text);
  CHECK(ci.code == 0);
  CHECK(ci.text.find("eta ") == std::string::npos);
  const Output never = on_terminal("run " + kRuns + " --progress never", "-u CI");
  CHECK(never.text.find("eta ") == std::string::npos);
}

TEST_CASE("progress: jsonl lines parse as JSON", "[experiment][cli][progress]") {
  const Output o = run_fleetsim("run " + kRuns + " --quiet --progress jsonl 2>&1 >/dev/null | /usr/bin/python3 -c "
                            "\"import sys, json; ls = [json.loads(l) for l in sys.stdin]; "
                            "print(len(ls) > 0, all(0 <= l['fraction'] <= 1 and 'eta_s' in l for l in ls))\"");
  CHECK(o.text == "True True\n");
}
