#include "sim/cli/run_replicated.hpp"

#include <chrono>
#include <thread>

#include "sim/cli/ci_outputs.hpp"
#include "sim/cli/experiment_progress.hpp"
#include "sim/cli/run_exports.hpp"
#include "sim/cli/run_report.hpp"
#include "sim/cli/scenario_variants.hpp"
#include "sim/io/json.hpp"

namespace fleetsim::cli {

namespace {

constexpr double kLevel = 0.95;

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f s", s);
  return buf;
}

unsigned default_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

void stats_fields(io::JsonWriter& j, const experiment::MetricStats& m) {
  j.field("n", static_cast<std::uint64_t>(m.n));
  j.field("mean", m.mean);
  j.field("sd", m.stddev);
  j.field("ci_low", m.ci_low);
  j.field("ci_high", m.ci_high);
  j.field("min", m.min);
  j.field("max", m.max);
  j.field("p95", m.p95);
}

}  // namespace

std::vector<OptionSpec> replication_options() {
  return {{"replications", "N",
           "run N seeds derived from the seed (seed_0 = the seed), in parallel: mean, sd and 95% CI of "
           "every metric; assertions compare their aggregate; --threads defaults to all cores"}};
}

std::string replicated_summary_json(const scenario::Scenario& s, const std::vector<std::uint64_t>& seeds,
                                    const std::map<std::string, experiment::MetricStats>& stats,
                                    const std::vector<experiment::Verdict>& verdicts, unsigned threads,
                                    double wall_s) {
  io::JsonWriter j(true);
  j.begin_object();
  j.field("scenario", s.name);
  j.field("seed", s.seed);
  j.field("replications", static_cast<std::uint64_t>(seeds.size()));
  j.key("seeds").begin_array();
  for (const std::uint64_t seed : seeds) j.value(seed);
  j.end_array();
  j.field("seed_derivation", "seed_0 = seed; seed_i = mix64(seed ^ mix64(0x5EED0000 + i))");
  j.field("sim_time_s", to_seconds(s.duration));
  j.field("threads", threads);
  j.field("wall_s", wall_s);
  j.field("confidence", kLevel);
  j.key("overrides").begin_array();
  for (const auto& o : s.overrides) j.value(o);
  j.end_array();
  j.key("metrics").begin_object();
  for (const auto& [name, m] : stats) {
    j.key(name).begin_object();
    stats_fields(j, m);
    j.end_object();
  }
  j.end_object();
  j.key("assertions").begin_array();
  for (const experiment::Verdict& v : verdicts) {
    j.begin_object();
    j.field("metric", v.assertion.metric);
    j.field("op", v.assertion.op);
    j.field("value", v.assertion.value);
    j.field("value_text", v.assertion.value_text);
    j.field("aggregate", v.assertion.aggregate);
    j.key("actual");
    if (v.found) j.value(v.actual);
    else j.null();
    j.field("pass", v.pass);
    if (v.stats) {
      j.field("mean", v.stats->mean);
      j.field("ci_low", v.stats->ci_low);
      j.field("ci_high", v.stats->ci_high);
    }
    j.end_object();
  }
  j.end_array();
  j.end_object();
  return j.str() + "\n";
}

void print_replicated(std::FILE* to, const scenario::Scenario& s, const std::vector<std::uint64_t>& seeds,
                      const std::map<std::string, experiment::MetricStats>& stats,
                      const std::vector<experiment::Verdict>& verdicts, double wall_s) {
  std::fprintf(to, "scenario %s  seed %llu  replications %zu  simulated %s each  wall %.2fs\n", s.name.c_str(),
               static_cast<unsigned long long>(s.seed), seeds.size(), format_duration(s.duration).c_str(), wall_s);
  std::fprintf(to, "\n  %-44s %12s %11s %29s %11s\n", "metric", "mean", "+- 95% CI", "[ci_low, ci_high]", "sd");
  for (const auto& [name, m] : stats) {
    const std::string ci = "[" + experiment::short_number(m.ci_low) + ", " + experiment::short_number(m.ci_high) + "]";
    std::fprintf(to, "  %-44s %12s %11s %29s %11s\n", name.c_str(), experiment::short_number(m.mean).c_str(),
                 experiment::short_number(m.half_width).c_str(), ci.c_str(),
                 experiment::short_number(m.stddev).c_str());
  }
  if (!verdicts.empty()) {
    std::fprintf(to, "\n  %-6s %-44s %-8s %-4s %-12s %s\n", "result", "assertion", "over", "op", "expected", "actual");
    for (const experiment::Verdict& v : verdicts) {
      std::fprintf(to, "  %-6s %-44s %-8s %-4s %-12s %s\n", v.pass ? "PASS" : "FAIL", v.assertion.metric.c_str(),
                   v.assertion.aggregate.c_str(), v.assertion.op.c_str(), v.assertion.value_text.c_str(),
                   v.found ? experiment::short_number(v.actual).c_str() : "(no such metric)");
    }
  }
}

int run_replicated(const Args& args, Prepared prepared, Progress::Mode mode) {
  const std::uint64_t n = args.u64("replications", 1);
  if (n == 0 || n > 100000) throw UsageError("run: --replications must be within 1..100000");
  const auto threads = static_cast<unsigned>(args.u64("threads", default_threads()));
  if (threads == 0 || threads > 1024) throw UsageError("run: --threads must be within 1..1024");
  scenario::Scenario& s = prepared.scenario;
  if (args.get("trace")) {
    throw UsageError("run: --trace records one run; trace a replication alone with --seed SEED "
                     "(the summary lists the replications' seeds)");
  }
  const ExportPaths exports = export_paths(args);
  if (!exports.csv.empty() || !exports.openmetrics.empty() || !exports.chrome.empty() || !exports.jobs.empty()) {
    throw UsageError("run: series and trace exports describe one run; export a replication alone with --seed SEED");
  }
  if (!s.outputs.trace.empty()) {
    std::fprintf(stderr, "fleetsim: note: spec.outputs.trace is not written for replicated runs\n");
  }
  const std::string summary_path = args.str("summary", s.outputs.summary);

  const auto variant = make_variant(std::move(prepared));
  const scenario::Scenario& sc = variant->scenario();
  std::vector<experiment::Task> tasks;
  for (std::uint64_t i = 0; i < n; ++i) tasks.push_back({0, i});
  Progress progress(mode, sc.name);
  RunsProgress observer(progress, tasks.size());
  const auto t0 = std::chrono::steady_clock::now();
  const std::vector<experiment::TaskResult> results = experiment::run_local({variant}, tasks, threads, &observer);
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  progress.finish();

  std::vector<std::uint64_t> seeds;
  std::vector<experiment::Metrics> runs;
  bool failed = false;
  for (std::size_t i = 0; i < results.size(); ++i) {
    seeds.push_back(results[i].seed);
    runs.push_back(results[i].metrics);
    if (!results[i].ok) {
      failed = true;
      std::fprintf(stderr, "fleetsim: internal error in replication %zu (seed %llu): %s\n", i,
                   static_cast<unsigned long long>(results[i].seed), results[i].error.c_str());
    }
  }
  if (failed) return kInternal;

  const auto stats = experiment::summarize_runs(runs, kLevel);
  std::vector<std::string> known;
  for (const auto& [name, m] : stats) known.push_back(name);
  const auto unknown = check_assertion_metrics(sc, known);
  if (!unknown.empty()) {
    for (const auto& d : unknown) std::fprintf(stderr, "%s\n", d.format().c_str());
    throw UsageError(sc.source_file + ": assertions name metrics the scenario does not produce");
  }
  const auto verdicts = experiment::evaluate(sc.assertions, stats);
  if (!summary_path.empty()) {
    write_text_file(summary_path, replicated_summary_json(sc, seeds, stats, verdicts, threads, wall_s));
  }
  if (!args.flag("quiet")) print_replicated(stdout, sc, seeds, stats, verdicts, wall_s);
  const experiment::Facts facts = {{"seed", std::to_string(sc.seed)},
                                   {"replications", std::to_string(n)},
                                   {"simulated", format_duration(sc.duration)},
                                   {"wall", seconds_text(wall_s)}};
  write_ci_outputs(args, sc.name, verdicts, facts, wall_s);
  return experiment::all_pass(verdicts) ? kOk : kAssertionFailed;
}

}  // namespace fleetsim::cli
