#include "sim/experiment/sweep_table.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <set>

#include "sim/experiment/ci_report.hpp"

namespace fleetsim::experiment {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

io::TableColumn text_column(std::string name, std::string description) {
  io::TableColumn c;
  c.name = std::move(name);
  c.numeric = false;
  c.unit = "text";
  c.description = std::move(description);
  return c;
}

io::TableColumn number_column(std::string name, std::string unit, std::string description) {
  io::TableColumn c;
  c.name = std::move(name);
  c.unit = std::move(unit);
  c.description = std::move(description);
  return c;
}

/// The unit of a metric from its name's suffix (as the model names them).
std::string metric_unit(const std::string& m) {
  if (m.size() > 2 && m.compare(m.size() - 2, 2, "_s") == 0) return "s";
  if (m.find("bytes") != std::string::npos) return "B";
  return "1";
}

}  // namespace

std::vector<Verdict> point_verdicts(const PointResult& r, double confidence) {
  if (!r.ok) return {};
  return evaluate(r.assertions, summarize_runs(r.runs, confidence));
}

std::string point_label(const ExperimentSpec& sweep, const SweepPoint& point) {
  const std::vector<std::string> cols = axis_columns(sweep);
  std::string out;
  for (std::size_t k = 0; k < cols.size(); ++k) {
    out += (k ? ", " : "") + cols[k] + "=" + point.values[k];
  }
  return out.empty() ? "base scenario" : out;
}

io::ResultsTable sweep_table(const ExperimentSpec& sweep, const SweepOutcome& outcome) {
  const std::vector<std::string> axes = axis_columns(sweep);
  const std::size_t n = outcome.points.size();
  std::vector<std::map<std::string, MetricStats>> stats(n);
  std::vector<std::vector<Verdict>> verdicts(n);
  std::set<std::string> metrics;
  std::vector<std::string> titles;  // distinct assertions, first appearance first
  for (std::size_t i = 0; i < n; ++i) {
    const PointResult& r = *outcome.results.at(i);
    if (!r.ok) continue;
    stats[i] = summarize_runs(r.runs, sweep.confidence);
    verdicts[i] = evaluate(r.assertions, stats[i]);
    for (const auto& [name, s] : stats[i]) {
      if (metric_selected(name, sweep.metrics)) metrics.insert(name);
    }
    for (const Verdict& v : verdicts[i]) {
      const std::string t = verdict_title(v);
      if (std::find(titles.begin(), titles.end(), t) == titles.end()) titles.push_back(t);
    }
  }

  io::ResultsTable t;
  t.attributes = {{"sweep", sweep.name},
                  {"sweep_file", sweep.source_file},
                  {"scenario_file", sweep.scenario},
                  {"replications", std::to_string(sweep.replications)},
                  {"confidence", short_number(sweep.confidence)}};
  io::TableColumn point = number_column("point", "1", "Index of the point in the sweep (0-based).");
  std::vector<io::TableColumn> axis(axes.size());
  for (std::size_t k = 0; k < axes.size(); ++k) axis[k] = text_column(axes[k], "Value of " + axes[k] + " at this point.");
  io::TableColumn status = text_column("status", "ok, or error when the point could not run.");
  io::TableColumn reps = number_column("replications", "1", "Runs behind the statistics.");
  io::TableColumn all = text_column("assertions", "pass when every assertion of the point holds.");
  std::vector<io::TableColumn> pass(titles.size());
  for (std::size_t k = 0; k < titles.size(); ++k) {
    pass[k] = text_column("pass: " + titles[k], "pass or fail; the aggregate named in brackets, else the mean.");
  }
  const std::string level = short_number(100 * sweep.confidence) + "%";
  std::vector<std::array<io::TableColumn, 4>> mcols;
  for (const std::string& m : metrics) {
    const std::string u = metric_unit(m);
    mcols.push_back({number_column(m + ".mean", u, "Mean of " + m + " over the replications."),
                     number_column(m + ".sd", u, "Sample standard deviation of " + m + "."),
                     number_column(m + ".ci_low", u, "Lower end of the " + level + " CI of the mean."),
                     number_column(m + ".ci_high", u, "Upper end of the " + level + " CI of the mean.")});
  }
  io::TableColumn error = text_column("error", "What went wrong, for error rows.");

  for (std::size_t i = 0; i < n; ++i) {
    const PointResult& r = *outcome.results[i];
    point.numbers.push_back(static_cast<double>(i));
    for (std::size_t k = 0; k < axes.size(); ++k) axis[k].texts.push_back(outcome.points[i].values[k]);
    status.texts.push_back(r.ok ? "ok" : "error");
    reps.numbers.push_back(r.ok ? static_cast<double>(r.runs.size()) : 0.0);
    all.texts.push_back(r.ok ? (all_pass(verdicts[i]) ? "pass" : "fail") : "");
    for (std::size_t k = 0; k < titles.size(); ++k) {
      std::string cell;
      for (const Verdict& v : verdicts[i]) {
        if (verdict_title(v) == titles[k]) cell = v.pass ? "pass" : "fail";
      }
      pass[k].texts.push_back(cell);
    }
    std::size_t k = 0;
    for (const std::string& m : metrics) {
      const auto it = stats[i].find(m);
      const bool have = it != stats[i].end();
      mcols[k][0].numbers.push_back(have ? it->second.mean : kNaN);
      mcols[k][1].numbers.push_back(have ? it->second.stddev : kNaN);
      mcols[k][2].numbers.push_back(have ? it->second.ci_low : kNaN);
      mcols[k][3].numbers.push_back(have ? it->second.ci_high : kNaN);
      ++k;
    }
    std::string err;
    for (const std::string& e : r.errors) err += (err.empty() ? "" : "; ") + e;
    error.texts.push_back(err);
  }

  t.columns.push_back(std::move(point));
  for (auto& c : axis) t.columns.push_back(std::move(c));
  t.columns.push_back(std::move(status));
  t.columns.push_back(std::move(reps));
  t.columns.push_back(std::move(all));
  for (auto& c : pass) t.columns.push_back(std::move(c));
  for (auto& group : mcols) {
    for (auto& c : group) t.columns.push_back(std::move(c));
  }
  t.columns.push_back(std::move(error));
  return t;
}

std::vector<io::JunitSuite> sweep_junit(const ExperimentSpec& sweep, const SweepOutcome& outcome) {
  std::vector<io::JunitSuite> suites;
  for (std::size_t i = 0; i < outcome.points.size(); ++i) {
    if (!outcome.results[i]) continue;
    const PointResult& r = *outcome.results[i];
    const std::string name = sweep.name + " point " + std::to_string(i) + ": " + point_label(sweep, outcome.points[i]);
    const Facts facts = {{"replications", std::to_string(r.seeds.size())}, {"key", r.key}};
    if (r.ok) {
      io::JunitSuite s = junit_suite(name, point_verdicts(r, sweep.confidence), facts, r.wall_s);
      for (io::JunitCase& c : s.cases) c.classname = "fleetsim." + sweep.name;
      suites.push_back(std::move(s));
      continue;
    }
    io::JunitSuite s;
    s.name = name;
    s.properties = facts;
    io::JunitCase c;
    c.name = "point runs";
    c.classname = "fleetsim." + sweep.name;
    c.outcome = io::JunitCase::Outcome::Error;
    c.type = r.exit_code == 2 ? "BadInput" : "InternalError";
    c.message = r.errors.empty() ? "error" : r.errors.front();
    for (const std::string& e : r.errors) c.details += e + "\n";
    s.cases.push_back(std::move(c));
    suites.push_back(std::move(s));
  }
  return suites;
}

std::string sweep_markdown(const ExperimentSpec& sweep, const SweepOutcome& outcome) {
  std::size_t pass = 0, fail = 0, error = 0, missing = 0;
  std::string rows;
  for (std::size_t i = 0; i < outcome.points.size(); ++i) {
    if (!outcome.results[i]) {
      ++missing;
      continue;
    }
    const PointResult& r = *outcome.results[i];
    const std::string label = markdown_cell(point_label(sweep, outcome.points[i]));
    if (!r.ok) {
      ++error;
      rows += "| " + std::to_string(i) + " | " + label + " | ⚠️ error | " +
              markdown_cell(r.errors.empty() ? "" : r.errors.front()) + " |\n";
      continue;
    }
    const std::vector<Verdict> v = point_verdicts(r, sweep.confidence);
    if (all_pass(v)) {
      ++pass;
      continue;
    }
    ++fail;
    std::string failed;
    for (const Verdict& x : v) {
      if (!x.pass) failed += (failed.empty() ? "" : "; ") + verdict_title(x) + ": " + verdict_detail(x);
    }
    rows += "| " + std::to_string(i) + " | " + label + " | ❌ fail | " + markdown_cell(failed) + " |\n";
  }
  std::string out = "### fleetsim sweep: " + markdown_cell(sweep.name) + "\n\n";
  out += std::to_string(outcome.points.size()) + " points × " + std::to_string(sweep.replications) +
         " replications: **" + std::to_string(pass) + "** pass, **" + std::to_string(fail) + "** fail, **" +
         std::to_string(error) + "** error" + (missing ? ", " + std::to_string(missing) + " not run yet" : "") +
         "\n\n";
  if (!rows.empty()) out += "| point | values | outcome | details |\n|---|---|---|---|\n" + rows;
  return out;
}

}  // namespace fleetsim::experiment
