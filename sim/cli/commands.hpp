#pragma once
/// The fleetsim subcommands. Each takes (argc, argv, first) where argv[first] is the
/// first argument after the subcommand name, and returns an ExitCode (sim/cli/args.hpp).
/// Errors of the user's making are thrown as UsageError (exit 2).

namespace fleetsim::cli {

int cmd_bench(int argc, char** argv, int first);     // cmd_bench.cpp
int cmd_run(int argc, char** argv, int first);       // cmd_run.cpp
int cmd_validate(int argc, char** argv, int first);  // cmd_validate.cpp
int cmd_describe(int argc, char** argv, int first);  // cmd_describe.cpp
int cmd_compare(int argc, char** argv, int first);   // cmd_compare.cpp
int cmd_report(int argc, char** argv, int first);    // cmd_report.cpp
int cmd_sweep(int argc, char** argv, int first);     // cmd_sweep.cpp
int cmd_plan(int argc, char** argv, int first);      // cmd_plan.cpp

}  // namespace fleetsim::cli
