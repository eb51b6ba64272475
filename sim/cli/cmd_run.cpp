/// `fleetsim run SCENARIO`: plays one scenario and reports metrics, assertion verdicts,
/// and optionally a summary JSON, an HDF5 trace and series exports.

#include <cstdio>
#include <string>

#include "sim/cli/args.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/ci_outputs.hpp"
#include "sim/cli/progress.hpp"
#include "sim/cli/run_replicated.hpp"
#include "sim/cli/run_exports.hpp"
#include "sim/cli/run_report.hpp"
#include "sim/cli/scenario_setup.hpp"
#include "sim/model/run.hpp"

namespace fleetsim::cli {

int cmd_run(int argc, char** argv, int first) {
  std::vector<OptionSpec> options{{"seed", "N", "override spec.seed"},
                   {"threads", "N", "worker threads (default 1); results do not depend on it"},
                   {"set", "PATH=VALUE", "override a scenario field, e.g. spec.duration=7d", true},
                   {"summary", "FILE", "write the summary JSON (default: spec.outputs.summary)"},
                   {"trace", "FILE", "write the HDF5 trace (default: spec.outputs.trace)"},
                   {"progress", "MODE", "never | auto (a bar on a terminal, not in CI) | jsonl"},
                   {"quiet", "", "print no table"}};
  for (OptionSpec& o : export_options()) options.push_back(std::move(o));  // run_exports.hpp
  for (OptionSpec& o : replication_options()) options.push_back(std::move(o));  // run_replicated.hpp
  for (OptionSpec& o : ci_output_options()) options.push_back(std::move(o));    // ci_outputs.hpp
  const Args args("run", options, argc, argv, first);
  if (args.help()) {
    std::printf("%s", args.usage("fleetsim run SCENARIO [options]").c_str());
    std::printf("\nexit codes: 0 ok, 1 an assertion failed, 2 bad input or usage, 3 internal error\n");
    return kOk;
  }
  if (args.positional().size() != 1) throw UsageError("run: expected one scenario file (see --help)");
  const Progress::Mode mode = Progress::parse(args.str("progress", "auto"));
  const auto threads = static_cast<unsigned>(args.u64("threads", 1));
  if (threads == 0 || threads > 1024) throw UsageError("run: --threads must be within 1..1024");

  Prepared p = prepare(args.positional()[0], args.all("set"), stderr);
  scenario::Scenario& s = p.scenario;
  if (const auto seed = args.get("seed")) s.seed = parse_u64(*seed, "--seed");
  if (args.get("replications")) return run_replicated(args, std::move(p), mode);  // run_replicated.hpp
  const std::string summary_path = args.str("summary", s.outputs.summary);
  const std::string trace_path = args.str("trace", s.outputs.trace);

  model::RunOptions opt = run_options(p);
  opt.threads = threads;
  const ExportPaths exports = export_paths(args);
  opt.record_trace = !trace_path.empty() || exports.needs_events();
  Progress progress(mode, s.name);
  opt.progress = [&](Time now, Time end) { progress.update(static_cast<double>(now), static_cast<double>(end)); };
  const model::RunOutput out = model::run_scenario(s, *p.placement, opt);
  progress.finish();

  std::vector<std::string> known;
  for (const auto& [name, value] : out.results.metrics) known.push_back(name);
  const auto unknown = check_assertion_metrics(s, known);
  if (!unknown.empty()) {
    for (const auto& d : unknown) std::fprintf(stderr, "%s\n", d.format().c_str());
    throw UsageError(s.source_file + ": assertions name metrics the scenario does not produce");
  }
  const auto verdicts = experiment::evaluate(s.assertions, out.results.metrics);
  if (!summary_path.empty()) write_text_file(summary_path, summary_json(s, out, verdicts, threads));
  if (!trace_path.empty()) write_trace_file(trace_path, s, out);
  write_exports(exports, s, out);
  if (!args.flag("quiet")) print_summary(stdout, s, out, verdicts);
  write_ci_outputs(args, s.name, verdicts,  // ci_outputs.hpp
                   {{"seed", std::to_string(s.seed)}, {"simulated", format_duration(out.end)},
                    {"events", std::to_string(out.events)}},
                   out.wall_s);
  for (const auto& v : verdicts) {
    if (!v.pass) return kAssertionFailed;
  }
  return kOk;
}

}  // namespace fleetsim::cli
