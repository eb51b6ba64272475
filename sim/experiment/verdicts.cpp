#include "sim/experiment/verdicts.hpp"

#include <cmath>
#include <cstdio>
#include <limits>

namespace fleetsim::experiment {

bool holds(double actual, const std::string& op, double expected) {
  if (std::isnan(actual)) return false;
  if (op == "<") return actual < expected;
  if (op == "<=") return actual <= expected;
  if (op == ">") return actual > expected;
  if (op == ">=") return actual >= expected;
  if (op == "==") return actual == expected;
  if (op == "!=") return actual != expected;
  return false;
}

std::vector<Verdict> evaluate(const std::vector<scenario::Assertion>& assertions,
                              const Metrics& metrics) {
  std::vector<Verdict> out;
  for (const scenario::Assertion& a : assertions) {
    Verdict v;
    v.assertion = a;
    const auto it = metrics.find(a.metric);
    v.found = it != metrics.end();
    v.actual = v.found ? it->second : std::numeric_limits<double>::quiet_NaN();
    v.pass = v.found && holds(v.actual, a.op, a.value);
    out.push_back(std::move(v));
  }
  return out;
}

std::vector<Verdict> evaluate(const std::vector<scenario::Assertion>& assertions,
                              const std::map<std::string, MetricStats>& stats) {
  std::vector<Verdict> out;
  for (const scenario::Assertion& a : assertions) {
    Verdict v;
    v.assertion = a;
    const auto it = stats.find(a.metric);
    v.found = it != stats.end();
    if (v.found) {
      v.stats = it->second;
      v.replications = it->second.n;
      v.actual = aggregate_value(it->second, a.aggregate);
    } else {
      v.replications = 0;
      v.actual = std::numeric_limits<double>::quiet_NaN();
    }
    v.pass = v.found && holds(v.actual, a.op, a.value);
    out.push_back(std::move(v));
  }
  return out;
}

std::string short_number(double v) {
  if (std::isnan(v)) return "nan";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::string verdict_title(const Verdict& v) {
  const scenario::Assertion& a = v.assertion;
  const bool aggregated = v.stats.has_value() && a.aggregate != "mean";
  return a.metric + (aggregated ? "[" + a.aggregate + "]" : "") + " " + a.op + " " +
         a.value_text;
}

std::string verdict_detail(const Verdict& v) {
  if (!v.found) return "the run produced no metric named '" + v.assertion.metric + "'";
  if (!v.stats) return "actual " + short_number(v.actual);
  const MetricStats& s = *v.stats;
  const std::string level = short_number(100 * s.level) + "% CI";
  std::string text = v.assertion.aggregate + " " + short_number(v.actual) + " over " +
                     std::to_string(s.n) + " replication" + (s.n == 1 ? "" : "s");
  std::vector<std::string> more;
  if (v.assertion.aggregate != "mean") more.push_back("mean " + short_number(s.mean));
  if (s.n >= 2) {
    more.push_back("sd " + short_number(s.stddev));
    more.push_back(level + " [" + short_number(s.ci_low) + ", " + short_number(s.ci_high) + "]");
  }
  for (std::size_t i = 0; i < more.size(); ++i) text += (i ? ", " : " (") + more[i];
  return text + (more.empty() ? "" : ")");
}

bool all_pass(const std::vector<Verdict>& verdicts) {
  for (const Verdict& v : verdicts) {
    if (!v.pass) return false;
  }
  return true;
}

}  // namespace fleetsim::experiment
