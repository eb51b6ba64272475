#pragma once
/// The comparisons `fleetsim compare` runs: from the command line (--sim, --real, --max)
/// or from a YAML file (--spec) whose every problem is reported at file:line:column.
///
///   trace: run.h5                 # optional: the trace bare selectors refer to
///   comparisons:
///     - name: waits
///       sim: jobs/gaia/simulated_wait_s
///       real: jobs/gaia/recorded_wait_s     # or swf:../data/log.swf.gz#wait
///       kind: distribution                  # or series; default: series when both are series
///       max: {ks_d: 0.3, w1: 2h, p90_rel: 50%}
///     - name: cpu
///       sim: series/fleet/cpu_demand
///       real: {source: "prometheus:cpu.json#node_cpu", scale: 0.01, shift: first}
///       step: 5m
///       max: {wape: 0.2}

#include <optional>
#include <string>
#include <vector>

#include "analysis/compare/compare.hpp"
#include "sim/scenario/diagnostic.hpp"

namespace fleetsim::cli {

struct SourceSpec {
  std::string source;
  analysis::SourceAdjust adjust;
};

struct ComparisonSpec {
  std::string name;
  SourceSpec sim, real;
  std::optional<analysis::CompareKind> kind;  ///< empty: series when both sides are series
  double step_s = 0;                          ///< series alignment: bucket width; 0 = last value on the union grid
  std::vector<analysis::Threshold> max;
  scenario::Location where;
};

struct CompareSpec {
  std::string trace;     ///< resolved path; may be empty
  std::string base_dir;  ///< directory of the spec file (relative sources)
  std::vector<ComparisonSpec> comparisons;
};

/// Reads a spec file; problems are appended to errors (the result is then incomplete).
CompareSpec read_compare_spec(const std::string& path, std::vector<scenario::Diagnostic>& errors);

/// Parses "ks_d=0.2", "w1=2h", "p90_rel=50%": a number, a percentage or a duration
/// (seconds). nullopt when malformed.
std::optional<analysis::Threshold> parse_threshold(const std::string& stat, const std::string& value);

/// Parses "first", "none" or a duration for a series shift.
bool parse_shift(const std::string& text, analysis::SourceAdjust& adjust);

}  // namespace fleetsim::cli
