#pragma once
/// Samples for an empirical distribution: one column of a CSV file with a header line.

#include <string>
#include <vector>

#include "sim/scenario/diagnostic.hpp"

namespace fleetsim::scenario {

/// The samples of a column, or the problems found (each at file:line:column of the CSV,
/// or at `column_where` when the column itself does not exist).
struct EmpiricalColumn {
  std::vector<double> samples;  ///< seconds
  std::vector<Diagnostic> errors;
};

/// Reads `column` (a header name, or a 1-based index) of the CSV file at `file`. Values are
/// numbers of seconds or durations with units (90s, 4h); they must not be negative.
/// `path` is the field path used in diagnostics.
EmpiricalColumn read_empirical_column(const std::string& file, const std::string& column,
                                      const Location& column_where, const std::string& path);

}  // namespace fleetsim::scenario
