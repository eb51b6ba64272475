/// fleetsim: the command-line entry point. Dispatches to subcommands and maps errors to
/// exit codes: 0 ok, 1 an assertion failed, 2 bad input or usage, 3 internal error.

#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

#include "sim/cli/args.hpp"
#include "sim/cli/commands.hpp"
#include "sim/io/importers/import_error.hpp"

namespace {

struct Command {
  const char* name;
  const char* summary;
  int (*run)(int, char**, int);
};

constexpr Command kCommands[] = {
    {"run", "play a scenario: metrics, assertions, summary JSON, HDF5 trace", fleetsim::cli::cmd_run},
    {"sweep", "a grid of overrides x replications: table with CIs, shards, resume, MPI", fleetsim::cli::cmd_sweep},
    {"plan", "capacity search: the smallest value of a parameter that meets every assertion", fleetsim::cli::cmd_plan},
    {"compare", "a trace against real data: KS, Wasserstein-1, quantile errors, WAPE, NRMSE, thresholds", fleetsim::cli::cmd_compare},
    {"report", "pictures of a run (or a sweep table): PNG/SVG charts via analysis/report", fleetsim::cli::cmd_report},
    {"bench", "engine benchmarks (PHOLD)", fleetsim::cli::cmd_bench},
    {"validate", "check scenario files; every problem with file:line:column", fleetsim::cli::cmd_validate},
    {"describe", "every scenario field (type, unit, default, help), or --json-schema", fleetsim::cli::cmd_describe},
};

void print_usage(std::FILE* to) {
  std::fprintf(to, "usage: fleetsim <command> [options]\n\ncommands:\n");
  for (const Command& c : kCommands) std::fprintf(to, "  %-10s %s\n", c.name, c.summary);
  std::fprintf(to, "\n'fleetsim <command> --help' describes a command.\n");
}

}  // namespace

int main(int argc, char** argv) {
  using namespace fleetsim::cli;
  if (argc < 2) {
    print_usage(stderr);
    return kBadInput;
  }
  const std::string name = argv[1];
  if (name == "-h" || name == "--help" || name == "help") {
    print_usage(stdout);
    return kOk;
  }
  for (const Command& c : kCommands) {
    if (name != c.name) continue;
    try {
      return c.run(argc, argv, 2);
    } catch (const UsageError& e) {
      std::fprintf(stderr, "fleetsim: %s\n", e.what());
      return kBadInput;
    } catch (const fleetsim::io::ImportError& e) {  // real data that does not read: the user's input
      std::fprintf(stderr, "fleetsim: %s\n", e.what());
      return kBadInput;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "fleetsim: internal error: %s\n", e.what());
      return kInternal;
    }
  }
  std::fprintf(stderr, "fleetsim: unknown command '%s'\n", name.c_str());
  print_usage(stderr);
  return kBadInput;
}

#include "sim/core/tsan_suppressions.hpp"  // the executable's TSan suppressions
