#pragma once
/// The exports of `fleetsim run` beyond the summary and the HDF5 trace: the series as CSV
/// and OpenMetrics, the spans of the event log as Chrome trace JSON, and the per-job
/// tables of trace replays as CSV. Each file is written atomically.

#include <string>
#include <vector>

#include "sim/cli/args.hpp"
#include "sim/model/run.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleetsim::cli {

struct ExportPaths {
  std::string csv;          ///< --csv: series, tidy CSV
  std::string openmetrics;  ///< --openmetrics: series, OpenMetrics text
  std::string chrome;       ///< --chrome-trace: spans, Chrome trace event JSON
  std::string jobs;         ///< --jobs: per-job tables of trace replays, CSV
  /// The Chrome trace needs the event log recorded.
  bool needs_events() const { return !chrome.empty(); }
};

/// The option specs of the exports, for Args.
std::vector<OptionSpec> export_options();

/// The paths given on the command line.
ExportPaths export_paths(const Args& args);

/// Writes every requested export; throws UsageError for --jobs on a run without trace
/// workloads, OutputError when a file cannot be written.
void write_exports(const ExportPaths& paths, const scenario::Scenario& s, const model::RunOutput& out);

}  // namespace fleetsim::cli
