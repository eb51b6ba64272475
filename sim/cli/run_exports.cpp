#include "sim/cli/run_exports.hpp"

#include "sim/io/chrome_trace.hpp"
#include "sim/io/column_table.hpp"
#include "sim/io/series_csv.hpp"
#include "sim/io/series_openmetrics.hpp"

namespace fleetsim::cli {

std::vector<OptionSpec> export_options() {
  return {{"csv", "FILE", "write the sampled series as tidy CSV (time_s,group,metric,column,value)"},
          {"openmetrics", "FILE", "write the sampled series as OpenMetrics text (promtool check metrics)"},
          {"chrome-trace", "FILE", "write spans (jobs, outages, remediation, upgrades...) as Chrome trace JSON"},
          {"jobs", "FILE", "write the per-job table of the trace workload(s) as CSV (simulated and recorded waits)"}};
}

ExportPaths export_paths(const Args& args) {
  ExportPaths p;
  p.csv = args.str("csv", "");
  p.openmetrics = args.str("openmetrics", "");
  p.chrome = args.str("chrome-trace", "");
  p.jobs = args.str("jobs", "");
  return p;
}

void write_exports(const ExportPaths& paths, const scenario::Scenario& s, const model::RunOutput& out) {
  const auto& r = out.results;
  if (!paths.jobs.empty() && r.tables.empty()) {
    throw UsageError("--jobs: the scenario has no trace workload, so there is no per-job table");
  }
  if (!paths.csv.empty()) io::write_series_csv(paths.csv, r.sample_times_us, r.series);
  if (!paths.openmetrics.empty()) io::write_series_openmetrics(paths.openmetrics, r.sample_times_us, r.series);
  if (!paths.chrome.empty()) io::write_chrome_trace(paths.chrome, r.events, out.names, out.components, out.end, s.name);
  if (!paths.jobs.empty()) {
    if (r.tables.size() == 1) {
      io::write_column_table_csv(paths.jobs, r.tables.front());
    } else {  // one table: every workload's rows, with a workload column first
      io::ColumnTable all;
      all.name = "jobs";
      all.columns.push_back({"workload", "code", "index into the trace workloads", {}, true});
      for (const io::Column& c : r.tables.front().columns) all.columns.push_back({c.name, c.unit, c.description, {}, c.integer});
      for (std::size_t t = 0; t < r.tables.size(); ++t) {
        const std::size_t rows = r.tables[t].rows();
        all.columns[0].values.insert(all.columns[0].values.end(), rows, static_cast<double>(t));
        for (std::size_t c = 0; c < r.tables[t].columns.size(); ++c) {
          auto& dst = all.columns[c + 1].values;
          const auto& src = r.tables[t].columns[c].values;
          dst.insert(dst.end(), src.begin(), src.end());
        }
      }
      io::write_column_table_csv(paths.jobs, all);
    }
  }
}

}  // namespace fleetsim::cli
