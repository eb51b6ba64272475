#include "sim/experiment/ci_report.hpp"

namespace fleetsim::experiment {

io::JunitSuite junit_suite(const std::string& suite, const std::vector<Verdict>& verdicts,
                           const Facts& facts, double wall_s) {
  io::JunitSuite s;
  s.name = suite;
  s.time_s = wall_s;
  s.properties = facts;
  for (const Verdict& v : verdicts) {
    io::JunitCase c;
    c.name = verdict_title(v);
    c.classname = "fleetsim." + suite;
    const std::string detail = verdict_detail(v);
    const std::string where = v.assertion.where.file.empty()
                                  ? ""
                                  : v.assertion.where.file + ":" +
                                        std::to_string(v.assertion.where.line) + ":" +
                                        std::to_string(v.assertion.where.column) + ": ";
    if (v.pass) {
      c.outcome = io::JunitCase::Outcome::Pass;
    } else if (!v.found) {
      c.outcome = io::JunitCase::Outcome::Error;
      c.type = "UnknownMetric";
      c.message = detail;
      c.details = where + "assertion on an unknown metric";
    } else {
      c.outcome = io::JunitCase::Outcome::Failure;
      c.type = "AssertionFailed";
      c.message = detail + "; expected " + v.assertion.op + " " + v.assertion.value_text;
      c.details = where + verdict_title(v) + " failed: " + c.message;
    }
    s.cases.push_back(std::move(c));
  }
  return s;
}

std::string markdown_cell(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out;
}

std::string markdown_report(const std::string& title, const std::vector<Verdict>& verdicts,
                            const Facts& facts) {
  std::size_t failed = 0;
  for (const Verdict& v : verdicts) failed += !v.pass;
  std::string out = "### fleetsim: " + markdown_cell(title) + " — ";
  if (verdicts.empty()) {
    out += "no assertions\n\n";
  } else if (failed == 0) {
    out += "✅ all " + std::to_string(verdicts.size()) + " assertions passed\n\n";
  } else {
    out += "❌ " + std::to_string(failed) + " of " + std::to_string(verdicts.size()) +
           " assertions failed\n\n";
  }
  for (std::size_t i = 0; i < facts.size(); ++i) {
    out += (i ? " · " : "") + markdown_cell(facts[i].first) + " **" +
           markdown_cell(facts[i].second) + "**";
  }
  if (!facts.empty()) out += "\n\n";
  if (verdicts.empty()) return out;
  out += "| | assertion | expected | measured |\n|---|---|---|---|\n";
  for (const Verdict& v : verdicts) {
    std::string metric = "`" + markdown_cell(v.assertion.metric) + "`";
    if (v.stats && v.assertion.aggregate != "mean") metric += " (" + v.assertion.aggregate + ")";
    out += std::string("| ") + (v.pass ? "✅" : "❌") + " | " + metric + " | " +
           markdown_cell(v.assertion.op + " " + v.assertion.value_text) + " | " +
           markdown_cell(verdict_detail(v)) + " |\n";
  }
  return out;
}

}  // namespace fleetsim::experiment
