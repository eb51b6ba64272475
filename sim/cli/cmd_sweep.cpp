/// `fleetsim sweep SWEEP.yaml`: every point of a grid of overrides x replications, run in
/// parallel (oneTBB threads, and MPI ranks under mpirun), with per-point results stored
/// as they finish (resume), shards for job arrays, and a results table (CSV + HDF5).

#include <chrono>
#include <cstdio>
#include <string>

#include "sim/cli/args.hpp"
#include "sim/cli/ci_outputs.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/experiment_progress.hpp"
#include "sim/cli/experiment_setup.hpp"
#include "sim/cli/progress.hpp"
#include "sim/cli/scenario_variants.hpp"
#include "sim/experiment/sweep_runner.hpp"
#include "sim/experiment/sweep_table.hpp"

#ifndef FLEETSIM_VERSION
#define FLEETSIM_VERSION "0.0.0"
#endif

namespace fleetsim::cli {

namespace {

/// Prints (to stderr) the problems of points of this shard that could not run and, unless
/// `out` is null, one line per point that failed an assertion and the totals;
/// returns the exit code (3 internal, 2 bad point input, 1 an assertion failed, else 0).
int report(std::FILE* out, const experiment::ExperimentSpec& sweep, const experiment::SweepOutcome& o,
           const experiment::Shard& shard) {
  int code = kOk;
  std::size_t pass = 0, fail = 0, error = 0;
  for (std::size_t i = 0; i < o.points.size(); ++i) {
    if (!shard.contains(i) || !o.results[i]) continue;
    const experiment::PointResult& r = *o.results[i];
    const std::string label = experiment::point_label(sweep, o.points[i]);
    if (!r.ok) {
      ++error;
      code = worse(code, r.exit_code);
      std::fprintf(stderr, "point %zu (%s) could not run:\n", i, label.c_str());
      for (const std::string& e : r.errors) std::fprintf(stderr, "  %s\n", e.c_str());
      continue;
    }
    const auto verdicts = experiment::point_verdicts(r, sweep.confidence);
    if (experiment::all_pass(verdicts)) {
      ++pass;
      continue;
    }
    ++fail;
    code = worse(code, kAssertionFailed);
    if (!out) continue;
    std::fprintf(out, "  FAIL point %zu (%s):", i, label.c_str());
    for (const auto& v : verdicts) {
      if (!v.pass) std::fprintf(out, " %s [%s]", experiment::verdict_title(v).c_str(), experiment::verdict_detail(v).c_str());
    }
    std::fprintf(out, "\n");
  }
  if (out) std::fprintf(out, "  %zu pass, %zu fail, %zu error\n", pass, fail, error);
  return code;
}

int sweep_main(const Args& args, experiment::Cluster& cluster) {
  const bool root = cluster.rank() == 0;
  const Progress::Mode mode = Progress::parse(args.str("progress", "auto"));
  experiment::ExperimentSpec sweep = load_experiment(args.positional()[0], "Sweep", cluster);
  add_command_line_overrides(args, sweep);
  experiment::Shard shard;
  if (const auto text = args.get("shard")) {
    std::string error;
    const auto parsed = experiment::parse_shard(*text, error);
    if (!parsed) throw UsageError("sweep: " + error);
    shard = *parsed;
  }
  if (args.flag("merge") && (args.get("shard") || args.flag("fresh"))) {
    throw UsageError("sweep: --merge runs nothing; it takes neither --shard nor --fresh");
  }
  const unsigned threads = experiment_threads(args, cluster);
  const ScenarioVariants source(sweep.scenario);
  {
    // The base scenario with the sweep's `set` must load, or no point can.
    experiment::OverrideOrigins origins;
    experiment::VariantLoad base = source.load(experiment::fixed_overrides(sweep, origins));
    experiment::relocate(base.errors, origins);
    require_no_errors(base.errors, sweep.scenario, cluster);
  }
  const std::string dir = results_dir(args, sweep);
  const experiment::PointStore store(dir);

  const auto t0 = std::chrono::steady_clock::now();
  experiment::SweepOutcome outcome;
  if (args.flag("merge")) {
    if (!root) return kOk;
    outcome = experiment::collect_sweep(sweep, source, store, FLEETSIM_VERSION);
  } else {
    experiment::SweepOptions options;
    options.shard = shard;
    options.threads = threads;
    options.resume = !args.flag("fresh");
    options.version = FLEETSIM_VERSION;
    Progress progress(root ? mode : Progress::Mode::Never, sweep.name);
    SweepProgress observer(progress, sweep);
    outcome = experiment::run_sweep(sweep, source, store, cluster, options, &observer);
    progress.finish();
  }
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!root) return kOk;

  std::FILE* out = args.flag("quiet") ? nullptr : stdout;
  std::size_t have = 0;
  for (const auto& r : outcome.results) have += r.has_value();
  if (out) {
    std::fprintf(out, "sweep %s: %zu points x %lld replications", sweep.name.c_str(), outcome.points.size(),
                 static_cast<long long>(sweep.replications));
    if (!shard.whole()) std::fprintf(out, ", shard %zu/%zu", shard.index, shard.count);
    if (args.flag("merge")) {
      std::fprintf(out, ": merged %zu stored results from %s/points\n", have, dir.c_str());
    } else {
      std::fprintf(out, ": ran %zu, skipped %zu (results stored), %.2fs on %u thread%s (%s)\n", outcome.ran,
                   outcome.skipped, wall_s, threads, threads == 1 ? "" : "s", cluster.describe().c_str());
    }
  }
  int code = report(out, sweep, outcome, args.flag("merge") ? experiment::Shard{} : shard);
  if (!outcome.complete()) {
    const std::size_t missing = outcome.points.size() - have;
    std::fprintf(out ? out : stderr,
                 "  %zu of %zu points have no result yet in %s/points; the table is written when every point "
                 "has one (run the other shards, then `fleetsim sweep %s --merge`)\n",
                 missing, outcome.points.size(), dir.c_str(), args.positional()[0].c_str());
    if (args.flag("merge")) {
      throw UsageError("sweep: cannot merge, " + std::to_string(missing) + " point(s) missing");
    }
    return code;
  }
  const auto files = write_table_files(dir, "table", experiment::sweep_table(sweep, outcome));
  if (out) std::fprintf(out, "  table: %s, %s\n", files[0].c_str(), files[1].c_str());
  if (args.get("junit") || args.get("markdown")) {
    write_ci_outputs(args, experiment::sweep_junit(sweep, outcome), experiment::sweep_markdown(sweep, outcome));
  }
  return code;
}

}  // namespace

int cmd_sweep(int argc, char** argv, int first) {
  std::vector<OptionSpec> options = {
      {"out", "DIR", "results directory (default: spec.outputs.dir, else <sweep file>.results)"},
      {"set", "PATH=VALUE", "override a scenario field at every point (after spec.set)", true},
      {"threads", "N", "runs at once per process (default: the cores, shared by the ranks on a machine)"},
      {"shard", "I/N", "run only points whose index % N == I-1 (1 <= I <= N), for job arrays"},
      {"merge", "", "run nothing: write the table from the stored point results"},
      {"fresh", "", "run every point again, even those with stored results"},
      {"progress", "MODE", "never | auto (a bar on a terminal, not in CI) | jsonl"},
      {"quiet", "", "print nothing but problems"}};
  for (auto& o : ci_output_options()) options.push_back(o);
  const Args args("sweep", options, argc, argv, first);
  if (args.help()) {
    std::printf("%s", args.usage("fleetsim sweep SWEEP.yaml [options]").c_str());
    std::printf(
        "\nRuns every point of the sweep's grid for spec.replications seeds and writes\n"
        "<dir>/table.csv and <dir>/table.h5 (one row per point: mean, sd and CI of every metric,\n"
        "pass/fail per assertion). Each point's result is stored in <dir>/points/ as soon as it\n"
        "is done; a re-run skips stored points. Under `mpirun -np N` the runs are spread over\n"
        "the ranks and rank 0 writes the table. docs/experiments.md has the details.\n"
        "\nexit codes: 0 every point ran and passed, 1 an assertion failed somewhere, 2 bad input\n"
        "(the sweep file, or a point's override value), 3 internal error\n");
    return kOk;
  }
  if (args.positional().size() != 1) throw UsageError("sweep: expected one sweep file (see --help)");
  auto cluster = experiment::make_cluster();
  try {
    return sweep_main(args, *cluster);
  } catch (const UsageError&) {
    if (cluster->rank() != 0) return kBadInput;  // rank 0 says it
    throw;
  } catch (const std::exception&) {
    if (cluster->rank() != 0) return kInternal;
    throw;
  }
}

}  // namespace fleetsim::cli
