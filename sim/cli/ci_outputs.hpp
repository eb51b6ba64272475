#pragma once
/// The CI outputs every gating command offers: `--junit FILE` (JUnit XML, one test case
/// per assertion) and `--markdown FILE` (a short summary for a CI step summary). Both are
/// written atomically; a file is written only when its option is given.

#include <string>
#include <vector>

#include "sim/cli/args.hpp"
#include "sim/experiment/ci_report.hpp"
#include "sim/io/junit.hpp"

namespace fleetsim::cli {

/// The two option declarations, for a command's Args.
std::vector<OptionSpec> ci_output_options();

/// Writes --junit and --markdown for one scenario's verdicts (suite/title: the scenario name).
void write_ci_outputs(const Args& args, const std::string& name,
                      const std::vector<experiment::Verdict>& verdicts,
                      const experiment::Facts& facts, double wall_s);

/// The same with prepared content (sweeps: a suite per point).
void write_ci_outputs(const Args& args, const std::vector<io::JunitSuite>& suites,
                      const std::string& markdown);

}  // namespace fleetsim::cli
