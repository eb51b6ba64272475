#pragma once
/// `fleetsim run --replications N`: N runs of one scenario with seeds derived from its
/// seed and the replication index (sim/experiment/seeds.hpp), in parallel on oneTBB (each
/// run on one thread; --threads bounds how many run at once, default all cores). Reports
/// mean, standard deviation and 95% CI of every metric, and assertion verdicts through
/// each assertion's aggregate.

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "sim/cli/args.hpp"
#include "sim/cli/progress.hpp"
#include "sim/cli/scenario_setup.hpp"
#include "sim/experiment/executor.hpp"
#include "sim/experiment/verdicts.hpp"

namespace fleetsim::cli {

/// The options `run` gains for this: --replications N.
std::vector<OptionSpec> replication_options();

/// Runs the replicated form of `run`; returns the exit code.
int run_replicated(const Args& args, Prepared prepared, Progress::Mode mode);

/// The summary JSON of replicated runs: scenario, seed, replications, seeds, sim_time_s,
/// threads, wall_s, confidence, metrics {name: {n, mean, sd, ci_low, ci_high, min, max,
/// p95}}, assertions [{metric, op, value, value_text, aggregate, actual, pass, mean,
/// ci_low, ci_high}].
std::string replicated_summary_json(const scenario::Scenario& s, const std::vector<std::uint64_t>& seeds,
                                    const std::map<std::string, experiment::MetricStats>& stats,
                                    const std::vector<experiment::Verdict>& verdicts, unsigned threads,
                                    double wall_s);

/// The table on stdout: metric, mean, +- half-width, CI, sd; then the assertions.
void print_replicated(std::FILE* to, const scenario::Scenario& s, const std::vector<std::uint64_t>& seeds,
                      const std::map<std::string, experiment::MetricStats>& stats,
                      const std::vector<experiment::Verdict>& verdicts, double wall_s);

}  // namespace fleetsim::cli
