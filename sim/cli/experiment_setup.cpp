#include "sim/cli/experiment_setup.hpp"

#include <filesystem>
#include <thread>

#include "sim/io/output_error.hpp"
#include "sim/scenario/overrides.hpp"

namespace fleetsim::cli {

void require_no_errors(const std::vector<scenario::Diagnostic>& errors, const std::string& what,
                       const experiment::Cluster& cluster) {
  if (errors.empty()) return;
  if (cluster.rank() == 0) {
    for (const auto& d : errors) std::fprintf(stderr, "%s\n", d.format().c_str());
  }
  throw UsageError(what + ": " + std::to_string(errors.size()) + " problem(s); nothing was run");
}

experiment::ExperimentSpec load_experiment(const std::string& path, const std::string& kind,
                                           const experiment::Cluster& cluster) {
  experiment::ExperimentLoad l = experiment::load_experiment_file(path, kind);
  require_no_errors(l.errors, path, cluster);
  if (!l.spec) throw UsageError(path + ": not a " + kind);
  return std::move(*l.spec);
}

void add_command_line_overrides(const Args& args, experiment::ExperimentSpec& spec) {
  for (const std::string& text : args.all("set")) {
    const scenario::OverrideParse p = scenario::parse_override(text);
    if (!p.error.empty()) throw UsageError("--set " + text + ": " + p.error);
    spec.set.push_back({text, scenario::Location{scenario::kOverrideFile, 0, 0}});
  }
}

unsigned experiment_threads(const Args& args, const experiment::Cluster& cluster) {
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const unsigned fallback = std::max(1u, cores / static_cast<unsigned>(std::max(1, cluster.local_size())));
  const auto threads = static_cast<unsigned>(args.u64("threads", fallback));
  if (threads == 0 || threads > 1024) throw UsageError("--threads must be within 1..1024");
  return threads;
}

std::string results_dir(const Args& args, const experiment::ExperimentSpec& spec) {
  const std::string dir = args.str("out", spec.out_dir);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw io::OutputError("cannot create results directory '" + dir + "': " + ec.message());
  return dir;
}

std::vector<std::string> write_table_files(const std::string& dir, const std::string& stem,
                                           const io::ResultsTable& table) {
  const std::string csv = dir + "/" + stem + ".csv";
  const std::string h5 = dir + "/" + stem + ".h5";
  io::write_table_csv(csv, table);
  io::write_table_hdf5(h5, table);
  return {csv, h5};
}

}  // namespace fleetsim::cli
