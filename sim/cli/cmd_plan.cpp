/// `fleetsim plan PLAN.yaml`: the smallest value of one integer parameter (racks per
/// zone, hosts per rack, ...) for which every assertion holds at the plan's confidence,
/// found by bisection with replications; reports the curve it explored.

#include <chrono>
#include <cstdio>
#include <string>

#include "sim/cli/args.hpp"
#include "sim/cli/ci_outputs.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/experiment_progress.hpp"
#include "sim/cli/experiment_setup.hpp"
#include "sim/cli/progress.hpp"
#include "sim/cli/run_report.hpp"
#include "sim/cli/scenario_variants.hpp"
#include "sim/experiment/ci_report.hpp"
#include "sim/experiment/plan_runner.hpp"

namespace fleetsim::cli {

namespace {

void print_curve(std::FILE* out, const experiment::ExperimentSpec& plan, const experiment::SearchOutcome& o) {
  std::fprintf(out, "\n  %-10s %-8s %s\n", "value", "outcome", "assertions (compared statistic)");
  for (const experiment::Probe& p : o.probes) {
    std::string detail;
    for (const auto& v : p.verdicts) {
      detail += (detail.empty() ? "" : "; ") + experiment::verdict_title(v) + ": " +
                experiment::short_number(v.actual) + (v.pass ? " ok" : " FAIL");
    }
    if (!p.ok) detail = p.errors.empty() ? "error" : p.errors.front();
    std::fprintf(out, "  %-10lld %-8s %s\n", static_cast<long long>(p.value), !p.ok ? "error" : p.pass ? "pass" : "fail",
                 detail.c_str());
  }
  (void)plan;
}

std::string plan_markdown(const experiment::ExperimentSpec& plan, const experiment::SearchOutcome& o) {
  std::string md = "### fleetsim plan: " + experiment::markdown_cell(plan.name) + " — ";
  md += o.answer ? "**" + plan.parameter + " = " + std::to_string(*o.answer) + "**\n\n"
                 : std::string("no value in [") + std::to_string(plan.min) + ", " + std::to_string(plan.max) +
                       "] satisfies every assertion\n\n";
  md += std::to_string(plan.replications) + " replications per value, " +
        experiment::short_number(100 * plan.confidence) + "% confidence\n\n";
  md += "| value | outcome | assertions |\n|---|---|---|\n";
  for (const experiment::Probe& p : o.probes) {
    std::string detail;
    for (const auto& v : p.verdicts) {
      detail += (detail.empty() ? "" : "; ") + experiment::verdict_title(v) + ": " + experiment::short_number(v.actual);
    }
    if (!p.ok) detail = p.errors.empty() ? "error" : p.errors.front();
    md += "| " + std::to_string(p.value) + " | " + (!p.ok ? "⚠️ error" : p.pass ? "✅ pass" : "❌ fail") + " | " +
          experiment::markdown_cell(detail) + " |\n";
  }
  return md;
}

int plan_main(const Args& args, experiment::Cluster& cluster) {
  const bool root = cluster.rank() == 0;
  const Progress::Mode mode = Progress::parse(args.str("progress", "auto"));
  experiment::ExperimentSpec plan = load_experiment(args.positional()[0], "Plan", cluster);
  add_command_line_overrides(args, plan);
  const unsigned threads = experiment_threads(args, cluster);
  const ScenarioVariants source(plan.scenario);
  {
    // The base scenario with the plan's overrides at min must load, and have assertions.
    experiment::OverrideOrigins origins;
    experiment::VariantLoad base = source.load(experiment::probe_overrides(plan, plan.min, origins));
    experiment::relocate(base.errors, origins);
    if (base.errors.empty() && base.variant && base.variant->scenario().assertions.empty()) {
      base.errors.push_back(scenario::Diagnostic::make(
          {plan.source_file, 1, 1}, "spec.assertions", "nothing to plan for: the scenario has no assertions",
          "give spec.assertions in the plan, e.g. {metric: ..., op: \"<=\", value: ..., aggregate: ci_high}"));
    }
    require_no_errors(base.errors, plan.source_file, cluster);
  }
  const std::string dir = results_dir(args, plan);

  const auto t0 = std::chrono::steady_clock::now();
  Progress progress(root ? mode : Progress::Mode::Never, plan.name);
  PlanProgress observer(progress, plan);
  const experiment::SearchOutcome outcome = experiment::run_plan(plan, source, cluster, threads, &observer);
  progress.finish();
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!root) return kOk;

  const auto files = write_table_files(dir, "curve", experiment::plan_table(plan, outcome));
  write_text_file(dir + "/plan.json", experiment::plan_json(plan, outcome));
  int code = kOk;
  for (const experiment::Probe& p : outcome.probes) {
    if (p.ok) continue;
    code = worse(code, p.exit_code);
    for (const std::string& e : p.errors) std::fprintf(stderr, "%s\n", e.c_str());
  }
  if (!outcome.failed && !outcome.answer) code = kAssertionFailed;
  if (!args.flag("quiet")) {
    std::FILE* out = stdout;
    std::fprintf(out, "plan %s: %s in [%lld, %lld], %lld replications per value, %zu values evaluated, %.2fs\n",
                 plan.name.c_str(), plan.parameter.c_str(), static_cast<long long>(plan.min),
                 static_cast<long long>(plan.max), static_cast<long long>(plan.replications), outcome.probes.size(),
                 wall_s);
    print_curve(out, plan, outcome);
    if (outcome.answer) {
      std::fprintf(out, "\nanswer: %s = %lld (the smallest value for which every assertion holds)\n",
                   plan.parameter.c_str(), static_cast<long long>(*outcome.answer));
    } else if (!outcome.failed) {
      std::fprintf(out, "\nanswer: none: even %s = %lld fails an assertion\n", plan.parameter.c_str(),
                   static_cast<long long>(plan.max));
    }
    std::fprintf(out, "  curve: %s, %s; result: %s/plan.json\n", files[0].c_str(), files[1].c_str(), dir.c_str());
  }
  if (args.get("junit") || args.get("markdown")) {
    // The verdicts at the answer (or, without one, at the largest value tried).
    const experiment::Probe* shown = nullptr;
    for (const experiment::Probe& p : outcome.probes) {
      if (outcome.answer ? p.value == *outcome.answer : p.ok) shown = &p;
    }
    std::vector<experiment::Verdict> verdicts = shown ? shown->verdicts : std::vector<experiment::Verdict>{};
    const experiment::Facts facts = {
        {"parameter", plan.parameter},
        {"answer", outcome.answer ? std::to_string(*outcome.answer) : "none"},
        {"replications", std::to_string(plan.replications)}};
    write_ci_outputs(args, {experiment::junit_suite(plan.name, verdicts, facts, wall_s)}, plan_markdown(plan, outcome));
  }
  return code;
}

}  // namespace

int cmd_plan(int argc, char** argv, int first) {
  std::vector<OptionSpec> options = {
      {"out", "DIR", "results directory (default: spec.outputs.dir, else <plan file>.results)"},
      {"set", "PATH=VALUE", "override a scenario field at every probe (after spec.set)", true},
      {"threads", "N", "runs at once per process (default: the cores, shared by the ranks on a machine)"},
      {"progress", "MODE", "never | auto (a bar on a terminal, not in CI) | jsonl"},
      {"quiet", "", "print nothing but problems"}};
  for (auto& o : ci_output_options()) options.push_back(o);
  const Args args("plan", options, argc, argv, first);
  if (args.help()) {
    std::printf("%s", args.usage("fleetsim plan PLAN.yaml [options]").c_str());
    std::printf(
        "\nFinds the smallest value of spec.parameter.path in [min, max] for which every assertion\n"
        "holds (each through its aggregate, e.g. ci_high, over spec.replications seeds), by\n"
        "bisection; writes <dir>/curve.csv, <dir>/curve.h5 and <dir>/plan.json.\n"
        "\nexit codes: 0 found, 1 no value in the range satisfies the assertions, 2 bad input,\n"
        "3 internal error\n");
    return kOk;
  }
  if (args.positional().size() != 1) throw UsageError("plan: expected one plan file (see --help)");
  auto cluster = experiment::make_cluster();
  try {
    return plan_main(args, *cluster);
  } catch (const UsageError&) {
    if (cluster->rank() != 0) return kBadInput;
    throw;
  } catch (const std::exception&) {
    if (cluster->rank() != 0) return kInternal;
    throw;
  }
}

}  // namespace fleetsim::cli
