#pragma once
/// The fleetsim subcommands. Each takes (argc, argv, first) where argv[first] is the
/// first argument after the subcommand name, and returns an ExitCode.

namespace fleetsim::cli {

int cmd_bench(int argc, char** argv, int first);

}  // namespace fleetsim::cli
