#pragma once
/// What a CI page shows about assertion verdicts: a JUnit suite (one test case per
/// assertion, the measured values in the message) and a short Markdown summary for a
/// job's step summary (GitHub's $GITHUB_STEP_SUMMARY, GitLab/Azure markdown reports).

#include <string>
#include <utility>
#include <vector>

#include "sim/experiment/verdicts.hpp"
#include "sim/io/junit.hpp"

namespace fleetsim::experiment {

/// Facts shown with the verdicts, in order: {"seed", "42"}, {"simulated", "14d"}, ...
using Facts = std::vector<std::pair<std::string, std::string>>;

/// One JUnit suite named `suite` (e.g. the scenario name), its cases' classname
/// "fleetsim.<suite>"; facts become properties; wall_s is the suite's time.
io::JunitSuite junit_suite(const std::string& suite, const std::vector<Verdict>& verdicts,
                           const Facts& facts, double wall_s);

/// A Markdown section: a heading with the outcome, the facts on one line, and a table of
/// assertions (verdict, assertion, expected, actual). `title` is e.g. "scenario default".
std::string markdown_report(const std::string& title, const std::vector<Verdict>& verdicts,
                            const Facts& facts);

/// Text for a Markdown table cell: '|' escaped, newlines as spaces.
std::string markdown_cell(const std::string& text);

}  // namespace fleetsim::experiment
