/// `fleetsim validate FILE... [--set path=value]...`: loads each scenario, reports every
/// problem with file:line:column, writes nothing. Exit 0 when all are valid, 2 otherwise.

#include <cstdio>
#include <string>

#include "sim/cli/args.hpp"
#include "sim/cli/commands.hpp"
#include "sim/model/replay_input.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/summary.hpp"

namespace fleetsim::cli {

int cmd_validate(int argc, char** argv, int first) {
  const Args args("validate",
                  {{"set", "PATH=VALUE",
                    "override a field before validation, e.g. spec.seed=7 or "
                    "spec.workloads[name=web].replicas=100",
                    true},
                   {"quiet", "", "print nothing for valid files"}},
                  argc, argv, first);
  if (args.help()) {
    std::printf("%s", args.usage("fleetsim validate FILE... [--set PATH=VALUE]...").c_str());
    std::printf(
        "\nChecks scenario files and reports every problem as file:line:column: field: message "
        "(hint).\n"
        "Exit status: 0 when every file is valid, 2 otherwise.\n");
    return kOk;
  }
  if (args.positional().empty()) throw UsageError("validate: no scenario file given (see --help)");
  const std::vector<std::string> overrides = args.all("set");
  bool all_ok = true;
  for (const std::string& file : args.positional()) {
    scenario::LoadResult r = scenario::load_scenario_file(file, overrides);
    if (r.ok() && model::needs_replay_inputs(*r.scenario)) {  // replayed logs: every line is checked
      model::load_replay_inputs(*r.scenario, r.errors);
      if (!r.errors.empty()) r.scenario.reset();
    }
    if (r.ok()) {
      if (!args.flag("quiet"))
        std::printf("%s: ok (%s)\n", file.c_str(), scenario::summarize(*r.scenario).c_str());
      continue;
    }
    all_ok = false;
    std::fprintf(stderr, "%s", scenario::format_errors(r.errors).c_str());
    std::fprintf(stderr, "%s: %zu error%s\n", file.c_str(), r.errors.size(),
                 r.errors.size() == 1 ? "" : "s");
  }
  std::fflush(stdout);
  return all_ok ? kOk : kBadInput;
}

}  // namespace fleetsim::cli
