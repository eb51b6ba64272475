/// From the command line: a malformed failure trace stops `fleetsim run` before time 0
/// with the file:line of the bad record and exit code 2; so do remediation settings that
/// cannot work, each at its scenario line and column.

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>

namespace {

struct Result {
  int code;
  std::string err;
};

Result run_cli(const std::string& yaml, const std::string& name, const std::string& verb = "run") {
  const auto dir = std::filesystem::temp_directory_path() / ("fleetsim_failcli_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto file = dir / name;
  std::ofstream(file) << yaml;
  const auto err = dir / (name + ".err");
  const std::string cmd = std::string(FLEETSIM_BINARY_DIR) + "/fleetsim " + verb + " '" + file.string() +
                          "' --quiet" + (verb == "run" ? " --progress never" : "") + " 2>'" + err.string() + "' >/dev/null";
  const int status = std::system(cmd.c_str());
  std::ifstream in(err);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return {WEXITSTATUS(status), text};
}

std::string scenario(const std::string& failures, const std::string& operations = "") {
  return "apiVersion: fleetsim/v1\nkind: Scenario\nmetadata: {name: t}\nspec:\n  duration: 1d\n"
         "  topology:\n    host_types: {std: {cpu: 8, memory: 32Gi}}\n"
         "    regions: [{name: east, zones: 4, racks_per_zone: 2, hosts_per_rack: 5, host_type: std}]\n" +
         failures + operations;
}

}  // namespace

TEST_CASE("a malformed failure trace gives its file:line and exit code 2", "[scenarios][failures][cli]") {
  const std::string fixtures = std::string(FLEETSIM_SOURCE_DIR) + "/tests/fixtures/importers/";
  for (const auto& [format, file] : {std::pair{"fta", "fta_bad_state.tab"}, std::pair{"lanl", "lanl_bad_date.csv"}}) {
    const Result r = run_cli(scenario(std::string("  failures:\n    - target: host\n      trace: {format: ") + format +
                                      ", file: '" + fixtures + file + "', time_offset: first}\n"),
                             std::string("bad_") + format + ".yaml");
    INFO(r.err);
    CHECK(r.code == 2);
    CHECK(r.err.find(fixtures + file + ":") == 0);  // file:line:... first
    CHECK(r.err.find("spec.failures[0].trace.file") != std::string::npos);
    // `fleetsim validate` makes the same checks as `run` before time 0.
    const Result v = run_cli(scenario(std::string("  failures:\n    - target: host\n      trace: {format: ") + format +
                                      ", file: '" + fixtures + file + "', time_offset: first}\n"),
                             std::string("bad_") + format + ".yaml", "validate");
    CHECK(v.code == 2);
    CHECK(v.err.rfind(r.err.substr(0, r.err.find('\n')), 0) == 0);
  }
}

TEST_CASE("remediation that cannot work is refused before time 0", "[scenarios][failures][cli]") {
  const std::string failures =
      "  failures:\n    - {target: host, time_to_failure: {dist: exponential, mean: 30d}, repair: 2h}\n";
  {
    const Result r = run_cli(
        scenario(failures, "  operations:\n    remediation:\n      policy: ladder\n      max_concurrent: 3\n"),
        "few_slots.yaml");
    INFO(r.err);
    CHECK(r.code == 2);
    CHECK(r.err.find("few_slots.yaml:14:23: spec.operations.remediation.max_concurrent: max_concurrent allows 3 "
                     "host(s) but the fleet has 4 zones") != std::string::npos);
  }
  {
    const Result r = run_cli(scenario(failures, "  operations:\n    remediation: {policy: ladder}\n"), "no_team.yaml");
    INFO(r.err);
    CHECK(r.code == 2);
    CHECK(r.err.find("action 'replace' needs a person but spec.operations.oncall has no team") != std::string::npos);
  }
  {
    const Result r = run_cli(scenario(failures, "  operations:\n    remediation: {policy: ladder, team: ops}\n"
                                                "    oncall: [{team: opps}]\n"),
                             "typo_team.yaml");
    INFO(r.err);
    CHECK(r.code == 2);
    CHECK(r.err.find("no on-call team 'ops'") != std::string::npos);
    const Result v = run_cli(scenario(failures, "  operations:\n    remediation: {policy: ladder, team: ops}\n"
                                                "    oncall: [{team: opps}]\n"),
                             "typo_team.yaml", "validate");
    CHECK(v.code == 2);
    CHECK(v.err.find("no on-call team 'ops'") != std::string::npos);
  }
  {
    const Result r = run_cli(scenario("  failures:\n    - target: host\n      trace: {format: fta, file: "
                                      "'/dev/null', reregistration_downtime: 5m}\n"),
                             "trace_fields.yaml");
    INFO(r.err);
    CHECK(r.code == 2);
    CHECK(r.err.find("time_offset") != std::string::npos);  // required
    CHECK(r.err.find("'reregistration_downtime' only applies to format alibaba") != std::string::npos);
  }
}
