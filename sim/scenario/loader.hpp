#pragma once
/// Loading a scenario: YAML text -> located tree -> `--set` overrides -> validated
/// Scenario. The whole file is checked before returning and every problem is reported,
/// each as "file:line:column: path.to.field: what is wrong (hint)".

#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/diagnostic.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleetsim::scenario {

/// A scenario, or every problem found in it.
struct LoadResult {
  std::optional<Scenario> scenario;  ///< set only when there are no errors
  std::vector<Diagnostic> errors;    ///< in file order; overrides and other files after
  bool ok() const { return scenario.has_value() && errors.empty(); }
};

/// Reads and loads the scenario file at `path`; relative file names inside it (empirical
/// distributions, traces) are resolved against the file's directory.
LoadResult load_scenario_file(const std::string& path,
                              const std::vector<std::string>& overrides = {});

/// Loads scenario text; `file_name` is used in messages and for resolving relative names.
LoadResult load_scenario_text(const std::string& text, const std::string& file_name,
                              const std::vector<std::string>& overrides = {});

/// Every diagnostic formatted, one per line.
std::string format_errors(const std::vector<Diagnostic>& errors);

}  // namespace fleetsim::scenario
