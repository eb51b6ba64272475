/// `fleetsim compare [TRACE] (--sim SRC --real SRC | --spec FILE) [--max STAT=V]...`:
/// puts a simulated trace next to real data, per distribution (KS D, Wasserstein-1,
/// quantile errors) or per aligned series (WAPE, NRMSE), and judges thresholds.
/// Exit 0 when every threshold holds, 1 when one is exceeded, 2 on bad input.

#include <cmath>
#include <cstdio>
#include <string>

#include "analysis/compare/compare.hpp"
#include "sim/cli/args.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/compare_spec.hpp"
#include "sim/cli/run_report.hpp"
#include "sim/io/importers/import_error.hpp"
#include "sim/io/json.hpp"
#include "sim/io/junit.hpp"

namespace fleetsim::cli {

namespace {

using analysis::CompareKind;
using analysis::ComparisonResult;

std::string number(std::optional<double> v) {
  if (!v || !std::isfinite(*v)) return "undefined";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", *v);
  return buf;
}

ComparisonResult run_one(const ComparisonSpec& c, const std::string& trace, const std::string& base_dir) {
  const analysis::CompareData sim = analysis::load_source(c.sim.source, trace, base_dir, c.sim.adjust);
  const analysis::CompareData real = analysis::load_source(c.real.source, trace, base_dir, c.real.adjust);
  const CompareKind kind = c.kind.value_or(sim.is_series() && real.is_series() ? CompareKind::Series
                                                                                : CompareKind::Distribution);
  analysis::AlignOptions align;
  if (c.step_s > 0) {
    align.method = analysis::AlignMethod::kBucketMean;
    align.step = c.step_s;
  }
  ComparisonResult r = kind == CompareKind::Series ? analysis::compare_series(sim, real, align)
                                                   : analysis::compare_distributions(sim, real);
  r.name = c.name;
  analysis::apply_thresholds(r, c.max);
  return r;
}

void print_table(std::FILE* to, const std::vector<ComparisonResult>& results) {
  for (const ComparisonResult& r : results) {
    std::fprintf(to, "%s (%s%s%s)\n  sim:  %s\n  real: %s\n", r.name.c_str(), analysis::kind_name(r.kind),
                 r.unit.empty() ? "" : ", unit ", r.unit.c_str(), r.sim.c_str(), r.real.c_str());
    std::fprintf(to, "  %-10s %-14s %-12s %s\n", "statistic", "value", "max", "result");
    for (const auto& s : r.stats) {
      const analysis::CheckResult* check = nullptr;
      for (const auto& c : r.checks) {
        if (c.threshold.stat == s.name) check = &c;
      }
      std::fprintf(to, "  %-10s %-14s %-12s %s\n", s.name.c_str(), number(s.value).c_str(),
                   check ? check->threshold.text.c_str() : "", check ? (check->pass ? "PASS" : "FAIL") : "");
    }
  }
}

std::string to_json(const std::vector<ComparisonResult>& results) {
  io::JsonWriter j(true);
  j.begin_object();
  bool pass = true;
  for (const auto& r : results) pass = pass && r.pass();
  j.field("pass", pass);
  j.key("comparisons").begin_array();
  for (const ComparisonResult& r : results) {
    j.begin_object().field("name", r.name).field("kind", analysis::kind_name(r.kind));
    j.field("sim", r.sim).field("real", r.real).field("unit", r.unit).field("pass", r.pass());
    j.key("stats").begin_object();
    for (const auto& s : r.stats) {
      j.key(s.name);
      if (s.value && std::isfinite(*s.value)) j.value(*s.value); else j.null();
    }
    j.end_object();
    j.key("checks").begin_array();
    for (const auto& c : r.checks) {
      j.begin_object().field("stat", c.threshold.stat).field("max", c.threshold.max).field("max_text", c.threshold.text);
      j.key("value");
      if (c.value && std::isfinite(*c.value)) j.value(*c.value); else j.null();
      j.field("pass", c.pass).end_object();
    }
    j.end_array().end_object();
  }
  j.end_array().end_object();
  return j.str() + "\n";
}

std::vector<io::JunitSuite> to_junit(const std::vector<ComparisonResult>& results) {
  std::vector<io::JunitSuite> suites;
  for (const ComparisonResult& r : results) {
    io::JunitSuite s;
    s.name = "compare." + r.name;
    s.properties = {{"kind", analysis::kind_name(r.kind)}, {"sim", r.sim}, {"real", r.real}};
    for (const auto& c : r.checks) {
      io::JunitCase k;
      k.name = c.threshold.stat + " <= " + c.threshold.text;
      k.classname = "fleetsim.compare." + r.name;
      if (!c.pass) {
        k.outcome = io::JunitCase::Outcome::Failure;
        k.type = "ThresholdExceeded";
        k.message = c.threshold.stat + " = " + number(c.value) + ", above " + c.threshold.text;
      }
      s.cases.push_back(k);
    }
    for (const auto& st : r.stats) s.system_out += st.name + " = " + number(st.value) + "\n";
    suites.push_back(s);
  }
  return suites;
}

}  // namespace

int cmd_compare(int argc, char** argv, int first) {
  const Args args("compare",
                  {{"spec", "FILE", "comparisons and thresholds from a YAML file"},
                   {"sim", "SOURCE", "the simulated side (a selector of TRACE, or FORMAT:FILE#SELECTOR)"},
                   {"real", "SOURCE", "the real side (FORMAT:FILE#SELECTOR, or a selector of TRACE)"},
                   {"kind", "KIND", "distribution | series (default: series when both sides are series)"},
                   {"name", "NAME", "the comparison's name in reports (default: compare)"},
                   {"max", "STAT=VALUE", "threshold: ks_d, w1, p50_rel, p90_rel, p99_rel, wape, nrmse", true},
                   {"scale", "X", "multiply the real values by X (e.g. 0.01 for percent to ratio)"},
                   {"shift", "WHEN", "real series times: first (first sample at 0), none, or seconds to subtract"},
                   {"step", "DURATION", "series: align by bucket means of this width (default: last value)"},
                   {"json", "FILE", "write the results as JSON ('-' = stdout)"},
                   {"junit", "FILE", "write the threshold checks as JUnit XML"},
                   {"quiet", "", "print no table"}},
                  argc, argv, first);
  if (args.help()) {
    std::printf("%s", args.usage("fleetsim compare [TRACE] (--sim SOURCE --real SOURCE | --spec FILE) [options]").c_str());
    std::printf(
        "\nSOURCE: [FORMAT:]FILE[#SELECTOR] or a SELECTOR of TRACE. Formats: trace (series/<group>/<metric>[<column>],\n"
        "jobs/<workload>/<column>, events/<kind>, spans/<name>), series-csv, csv (#<column>), swf (#wait|run|...),\n"
        "telemetry (#<metric>{label=value}), prometheus, events (#duration). See docs/validation.md.\n"
        "exit codes: 0 every threshold holds, 1 a threshold is exceeded, 2 bad input or usage\n");
    return kOk;
  }
  if (args.positional().size() > 1) throw UsageError("compare: at most one TRACE (see --help)");
  std::vector<scenario::Diagnostic> errors;
  CompareSpec spec;
  if (const auto file = args.get("spec")) {
    if (args.get("sim") || args.get("real")) throw UsageError("compare: --spec and --sim/--real exclude each other");
    spec = read_compare_spec(*file, errors);
    if (!errors.empty()) {
      for (const auto& d : errors) std::fprintf(stderr, "%s\n", d.format().c_str());
      throw UsageError(*file + ": " + std::to_string(errors.size()) + " problem(s); nothing was compared");
    }
  } else {
    if (!args.get("sim") || !args.get("real")) throw UsageError("compare: give --sim and --real, or --spec (see --help)");
    ComparisonSpec c;
    c.name = args.str("name", "compare");
    c.sim.source = *args.get("sim");
    c.real.source = *args.get("real");
    c.real.adjust.scale = args.f64("scale", 1.0);
    c.real.adjust.shift_first = true;
    if (const auto shift = args.get("shift"); shift && !parse_shift(*shift, c.real.adjust)) {
      throw UsageError("compare: --shift: expected first, none, seconds or a duration, got '" + *shift + "'");
    }
    if (const auto kind = args.get("kind")) {
      if (*kind != "distribution" && *kind != "series") throw UsageError("compare: --kind must be distribution or series");
      c.kind = *kind == "series" ? CompareKind::Series : CompareKind::Distribution;
    }
    spec.comparisons.push_back(c);
  }
  if (const auto step = args.get("step")) {
    const auto d = parse_duration(*step);
    if (!d.value || *d.value <= 0) throw UsageError("compare: --step: expected a duration > 0, got '" + *step + "'");
    for (auto& c : spec.comparisons) c.step_s = to_seconds(*d.value);
  }
  for (const std::string& m : args.all("max")) {  // command-line thresholds win over the file's
    const auto eq = m.find('=');
    const auto t = eq == std::string::npos ? std::nullopt : parse_threshold(m.substr(0, eq), m.substr(eq + 1));
    if (!t) throw UsageError("compare: --max '" + m + "': expected STAT=VALUE, e.g. ks_d=0.2 or w1=30m");
    for (auto& c : spec.comparisons) {
      std::erase_if(c.max, [&](const analysis::Threshold& x) { return x.stat == t->stat; });
      c.max.push_back(*t);
    }
  }
  const std::string trace = args.positional().empty() ? spec.trace : args.positional()[0];
  std::vector<ComparisonResult> results;
  for (const ComparisonSpec& c : spec.comparisons) {
    try {
      results.push_back(run_one(c, trace, spec.base_dir));
    } catch (const io::ImportError& e) {
      throw UsageError("compare '" + c.name + "': " + e.what());
    } catch (const std::invalid_argument& e) {
      const std::string where = c.where.file.empty() ? "" : c.where.file + ":" + std::to_string(c.where.line) + ":" +
                                                                std::to_string(c.where.column) + ": ";
      throw UsageError(where + "compare '" + c.name + "': " + e.what());
    }
  }
  if (!args.flag("quiet")) print_table(stdout, results);
  if (const auto json = args.get("json")) {
    if (*json == "-") std::fputs(to_json(results).c_str(), stdout); else write_text_file(*json, to_json(results));
  }
  if (const auto junit = args.get("junit")) io::write_junit_file(*junit, to_junit(results), "fleetsim compare");
  bool pass = true;
  for (const auto& r : results) pass = pass && r.pass();
  if (!args.flag("quiet")) std::printf("%s\n", pass ? "compare: every threshold holds" : "compare: a threshold is exceeded");
  return pass ? kOk : kAssertionFailed;
}

}  // namespace fleetsim::cli
