/// `fleetsim run` as a CI gate: exit codes 0/1/2, JUnit XML (well formed, one case per
/// assertion, actual values in the messages), the Markdown summary, and the replicated
/// form (aggregates, identical numbers for any thread count).

#include <algorithm>
#include <catch2/catch.hpp>

#include "tests/unit/experiment/cli_support.hpp"

using namespace fleetsim::testing;

namespace {

const std::string kSmall = kFixtures + "/small.yaml";

/// Python's xml.etree reading a JUnit file: "tests failures errors cases" then each case's name.
std::string junit_outline(const std::string& path) {
  const std::string cmd =
      "/usr/bin/python3 -c \"import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); "
      "print(r.get('tests'), r.get('failures'), r.get('errors'), len(r.findall('.//testcase'))); "
      "[print(c.get('name'), '|', ''.join(f.get('message') for f in c.findall('failure'))) "
      "for c in r.iter('testcase')]\" '" + path + "' 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::string out;
  char buf[4096];
  while (std::fgets(buf, sizeof buf, p)) out += buf;
  pclose(p);
  return out;
}

/// The "metrics" object of a summary JSON as text (everything but wall time and threads).
std::string metrics_part(const std::string& json) {
  const auto a = json.find("\"metrics\"");
  REQUIRE(a != std::string::npos);
  return json.substr(a);
}

}  // namespace

TEST_CASE("run: exit 0 when assertions pass, JUnit and Markdown say so", "[experiment][cli][gate]") {
  TempDir dir;
  const Output o = run_fleetsim("run " + kSmall + " --progress never --junit " + (dir / "r.xml") + " --markdown " +
                            (dir / "r.md"));
  INFO(o.text);
  CHECK(o.code == 0);
  const std::string outline = junit_outline(dir / "r.xml");
  INFO(outline);
  CHECK_THAT(outline, Catch::StartsWith("2 0 0 2\n"));
  CHECK_THAT(outline, Catch::Contains("service.web.availability >= 0.99 |"));
  CHECK_THAT(outline, Catch::Contains("workload.etl.wait_mean_s <= 1h |"));
  const std::string md = read_file(dir / "r.md");
  CHECK_THAT(md, Catch::Contains("### fleetsim: scenario small — ✅ all 2 assertions passed"));
  CHECK_THAT(md, Catch::Contains("seed **5**"));
}

TEST_CASE("run: exit 1 when an assertion fails, with the actual value in the JUnit message", "[experiment][cli][gate]") {
  TempDir dir;
  const Output o = run_fleetsim("run " + kSmall + " --progress never --set spec.assertions[1].value=1s --junit " +
                            (dir / "r.xml") + " --markdown " + (dir / "r.md"));
  INFO(o.text);
  CHECK(o.code == 1);
  CHECK_THAT(o.text, Catch::Contains("FAIL   workload.etl.wait_mean_s"));
  const std::string outline = junit_outline(dir / "r.xml");
  INFO(outline);
  CHECK_THAT(outline, Catch::StartsWith("2 1 0 2\n"));
  CHECK_THAT(outline, Catch::Contains("workload.etl.wait_mean_s <= 1s | actual "));
  CHECK_THAT(outline, Catch::Contains("; expected <= 1s"));
  CHECK_THAT(read_file(dir / "r.md"), Catch::Contains("❌ 1 of 2 assertions failed"));
}

TEST_CASE("run: exit 2 for bad input, with file:line:column, and no report written", "[experiment][cli][gate]") {
  TempDir dir;
  const std::string small = read_file(kSmall);
  write_file(dir / "bad.yaml", small + "  typo: 1\n");
  const auto typo_line = std::count(small.begin(), small.end(), '\n') + 1;
  const Output o = run_fleetsim("run " + (dir / "bad.yaml") + " --junit " + (dir / "r.xml"));
  INFO(o.text);
  CHECK(o.code == 2);
  CHECK_THAT(o.text, Catch::Contains(dir / "bad.yaml:" + std::to_string(typo_line) + ":3: spec.typo: unknown key 'typo'"));
  CHECK_FALSE(std::filesystem::exists(dir / "r.xml"));
  CHECK(run_fleetsim("run " + kSmall + " --replications 0").code == 2);
  CHECK(run_fleetsim("run " + kSmall + " --replications 3 --trace x.h5").code == 2);
}

TEST_CASE("run --replications: CIs, aggregates, and the same numbers on 1, 2 and 4 threads",
          "[experiment][cli][replications][determinism]") {
  TempDir dir;
  std::string first;
  for (const char* threads : {"1", "2", "4"}) {
    const std::string summary = dir / (std::string("s") + threads + ".json");
    const Output o = run_fleetsim("run " + kSmall + " --progress never --replications 6 --threads " + threads +
                              " --summary " + summary + " --junit " + (dir / "r.xml"));
    INFO(o.text);
    CHECK(o.code == 0);
    const std::string json = read_file(summary);
    if (first.empty()) {
      first = json;
      CHECK_THAT(json, Catch::Contains("\"replications\": 6"));
      CHECK_THAT(json, Catch::Contains("\"seeds\": [\n    5,"));  // replication 0 keeps the seed
      CHECK_THAT(json, Catch::Contains("\"ci_high\""));
      CHECK_THAT(o.text, Catch::Contains("ci_high"));
    } else {
      CHECK(metrics_part(json) == metrics_part(first));
    }
  }
  // ci_high of the mean wait is above its mean: a target between the two passes on the
  // mean and fails on ci_high.
  const Output strict = run_fleetsim("run " + kSmall + " --progress never --replications 6 --threads 2 --quiet "
                                 "--set 'spec.assertions[1]={metric: workload.etl.wait_mean_s, op: \"<=\", "
                                 "value: 0s, aggregate: ci_high}'");
  CHECK(strict.code == 1);
}

TEST_CASE("run --replications 1 equals a plain run with the same seed", "[experiment][cli][replications]") {
  TempDir dir;
  REQUIRE(run_fleetsim("run " + kSmall + " --progress never --quiet --summary " + (dir / "one.json")).code == 0);
  REQUIRE(run_fleetsim("run " + kSmall + " --progress never --quiet --replications 1 --summary " + (dir / "rep.json")).code ==
          0);
  const std::string plain = read_file(dir / "one.json");
  const std::string rep = read_file(dir / "rep.json");
  // The plain run's etl wait mean appears as the replicated mean.
  const auto at = plain.find("\"workload.etl.wait_mean_s\": ");
  REQUIRE(at != std::string::npos);
  const std::string value = plain.substr(at + 28, plain.find_first_of(",\n", at + 28) - at - 28);
  CHECK_THAT(rep, Catch::Contains("\"workload.etl.wait_mean_s\": {\n      \"n\": 1,\n      \"mean\": " + value));
}
