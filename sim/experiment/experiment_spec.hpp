#pragma once
/// Experiment files: a sweep (`kind: Sweep`, run by `fleetsim sweep`) or a capacity plan
/// (`kind: Plan`, run by `fleetsim plan`). Both name a base scenario and vary it with
/// `--set`-style overrides. They are declared with the scenario's field tables, so they
/// get the same located errors ("file:line:column: path: what (hint)"), defaults and
/// `fleetsim describe sweep|plan` listing.
///
///   apiVersion: fleetsim/v1
///   kind: Sweep
///   metadata: {name: placement-x-size}
///   spec:
///     scenario: ../examples/default.yaml     # relative to this file
///     set: [spec.duration=2d]                # applied to every point
///     replications: 5
///     axes:                                  # grid: every combination
///       - {path: spec.policies.placement, values: [best-fit, spread]}
///       - zip:                               # lists that advance together
///           - {path: spec.topology.regions[0].racks_per_zone, values: [2, 4]}
///           - {path: spec.workloads[name=web].replicas, values: [150, 300]}

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/experiment/yaml_values.hpp"
#include "sim/scenario/diagnostic.hpp"
#include "sim/scenario/field_spec.hpp"

namespace fleetsim::experiment {

/// One list of values for one scenario path.
struct AxisList {
  std::string path;
  std::vector<RawValue> values;
  scenario::Location where;
};

/// One axis of the grid: a single list, or several zipped lists of equal length.
struct Axis {
  std::vector<AxisList> lists;
  scenario::Location where;
  std::size_t size() const { return lists.empty() ? 0 : lists.front().values.size(); }
};

/// A sweep or a plan, as written (paths resolved against the file's directory).
struct ExperimentSpec {
  std::string kind;  ///< "Sweep" or "Plan"
  std::string name;
  std::string description;
  std::string source_file;
  std::string source_text;
  std::string scenario;            ///< the base scenario file (resolved)
  std::vector<RawValue> set;       ///< overrides applied to every run
  std::int64_t replications = 1;
  double confidence = 0.95;        ///< level of ci_low / ci_high
  std::vector<std::string> metrics;  ///< table columns: names or prefixes ending in '*'; empty = all
  std::string out_dir;             ///< results directory (resolved); "" = <file stem>.results
  // kind: Sweep
  std::vector<Axis> axes;
  // kind: Plan
  std::string parameter;           ///< the integer field searched
  scenario::Location parameter_where;
  std::int64_t min = 0;
  std::int64_t max = 0;
  std::optional<RawValue> assertions;  ///< replaces the scenario's spec.assertions
};

/// An experiment file, or every problem in it.
struct ExperimentLoad {
  std::optional<ExperimentSpec> spec;
  std::vector<scenario::Diagnostic> errors;
};

/// Reads and validates an experiment file of `kind` ("Sweep" or "Plan").
ExperimentLoad load_experiment_file(const std::string& path, const std::string& kind);
/// Same from text; `file_name` is used in messages and to resolve relative paths.
ExperimentLoad load_experiment_text(const std::string& text, const std::string& file_name,
                                    const std::string& kind);

/// The field tables, for `fleetsim describe sweep|plan`.
const scenario::ObjectDoc& sweep_document();
const scenario::ObjectDoc& plan_document();

/// True when `metric` is selected by `patterns` (exact names, or prefixes ending in '*';
/// an empty list selects everything).
bool metric_selected(const std::string& metric, const std::vector<std::string>& patterns);

}  // namespace fleetsim::experiment
