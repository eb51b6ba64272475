/// Assertion verdicts of single and replicated runs, and the CI report built from them.

#include <cmath>

#include <catch2/catch.hpp>

#include "sim/experiment/ci_report.hpp"
#include "sim/experiment/verdicts.hpp"

using namespace fleetsim;
using namespace fleetsim::experiment;

namespace {

scenario::Assertion assertion(std::string metric, std::string op, double value, std::string aggregate = "mean") {
  scenario::Assertion a;
  a.metric = std::move(metric);
  a.op = std::move(op);
  a.value = value;
  a.value_text = short_number(value);
  a.aggregate = std::move(aggregate);
  return a;
}

}  // namespace

TEST_CASE("holds: every operator, and NaN never holds", "[experiment][verdicts]") {
  CHECK(holds(1, "<", 2));
  CHECK_FALSE(holds(2, "<", 2));
  CHECK(holds(2, "<=", 2));
  CHECK(holds(3, ">", 2));
  CHECK(holds(2, ">=", 2));
  CHECK(holds(2, "==", 2));
  CHECK(holds(1, "!=", 2));
  CHECK_FALSE(holds(NAN, "!=", 2));
  CHECK_FALSE(holds(1, "~", 2));
}

TEST_CASE("single-run verdicts compare the value; a missing metric fails", "[experiment][verdicts]") {
  const Metrics m{{"a", 0.5}};
  const auto v = evaluate({assertion("a", "<=", 0.6, "ci_high"), assertion("a", ">", 0.6), assertion("b", ">", 0)}, m);
  REQUIRE(v.size() == 3);
  CHECK(v[0].pass);
  CHECK(v[0].actual == 0.5);  // the aggregate is irrelevant for one run
  CHECK_FALSE(v[1].pass);
  CHECK_FALSE(v[2].found);
  CHECK_FALSE(v[2].pass);
  CHECK(verdict_detail(v[0]) == "actual 0.5");
  CHECK_FALSE(all_pass(v));
}

TEST_CASE("replicated verdicts compare the assertion's aggregate", "[experiment][verdicts]") {
  // mean 3, half-width 1.963 (95%), so ci_high = 4.963 and ci_low = 1.037.
  const auto stats = summarize_runs({{{"w", 1}}, {{"w", 2}}, {{"w", 3}}, {{"w", 4}}, {{"w", 5}}});
  const auto v = evaluate({assertion("w", "<=", 4, "mean"), assertion("w", "<=", 4, "ci_high"),
                           assertion("w", ">=", 1, "ci_low"), assertion("w", "<=", 4.9, "p95"),
                           assertion("w", "<", 5, "max")},
                          stats);
  CHECK(v[0].pass);
  CHECK_FALSE(v[1].pass);  // the mean meets 4 but not with 95% confidence
  CHECK(v[1].actual == Approx(4.963).epsilon(1e-3));
  CHECK(v[2].pass);
  CHECK(v[3].pass);
  CHECK_FALSE(v[4].pass);
  CHECK(v[1].replications == 5);
  CHECK(verdict_title(v[1]) == "w[ci_high] <= 4");
  CHECK(verdict_title(v[0]) == "w <= 4");
  CHECK(verdict_detail(v[1]) == "ci_high 4.96324 over 5 replications (mean 3, sd 1.58114, 95% CI [1.03676, 4.96324])");
}

TEST_CASE("CI report: a JUnit case per assertion and a Markdown table", "[experiment][verdicts][junit]") {
  const Metrics m{{"a", 0.5}};
  const auto v = evaluate({assertion("a", "<=", 0.6), assertion("a", ">", 0.6), assertion("nope", ">", 0)}, m);
  const io::JunitSuite s = junit_suite("demo", v, {{"seed", "1"}}, 1.5);
  REQUIRE(s.cases.size() == 3);
  CHECK(s.cases[0].outcome == io::JunitCase::Outcome::Pass);
  CHECK(s.cases[1].outcome == io::JunitCase::Outcome::Failure);
  CHECK(s.cases[1].message == "actual 0.5; expected > 0.6");
  CHECK(s.cases[2].outcome == io::JunitCase::Outcome::Error);
  CHECK(s.cases[0].classname == "fleetsim.demo");
  const std::string md = markdown_report("scenario demo", v, {{"seed", "1"}});
  CHECK_THAT(md, Catch::Contains("❌ 2 of 3 assertions failed"));
  CHECK_THAT(md, Catch::Contains("| ✅ | `a` | <= 0.6 | actual 0.5 |"));
  CHECK(markdown_cell("a|b\nc") == "a\\|b c");
}
