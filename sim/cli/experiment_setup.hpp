#pragma once
/// Shared by `fleetsim sweep` and `fleetsim plan`: loading an experiment file and its
/// base scenario with every problem located (exit 2), the default thread count, the
/// results directory, and writing a results table as CSV and HDF5.

#include <cstdio>
#include <string>
#include <vector>

#include "sim/cli/args.hpp"
#include "sim/experiment/cluster.hpp"
#include "sim/experiment/experiment_spec.hpp"
#include "sim/io/results_table.hpp"

namespace fleetsim::cli {

/// Loads an experiment file of `kind`; on problems prints them (rank 0 only) and throws
/// UsageError.
experiment::ExperimentSpec load_experiment(const std::string& path, const std::string& kind,
                                           const experiment::Cluster& cluster);

/// Appends the command line's --set overrides to the experiment's `set` (after its own);
/// throws UsageError for one that does not parse.
void add_command_line_overrides(const Args& args, experiment::ExperimentSpec& spec);

/// Prints diagnostics (rank 0 only) and throws UsageError when there are any: the base
/// scenario of an experiment must load, or nothing runs.
void require_no_errors(const std::vector<scenario::Diagnostic>& errors, const std::string& what,
                       const experiment::Cluster& cluster);

/// --threads, or the machine's cores shared among the ranks on it.
unsigned experiment_threads(const Args& args, const experiment::Cluster& cluster);

/// --out, or the experiment's outputs.dir; created when missing (throws io::OutputError).
std::string results_dir(const Args& args, const experiment::ExperimentSpec& spec);

/// Writes <dir>/<stem>.csv and <dir>/<stem>.h5; returns the two paths.
std::vector<std::string> write_table_files(const std::string& dir, const std::string& stem,
                                           const io::ResultsTable& table);

/// The exit code of a finished experiment part: the worst of the parts' codes.
inline int worse(int a, int b) { return a > b ? a : b; }

}  // namespace fleetsim::cli
