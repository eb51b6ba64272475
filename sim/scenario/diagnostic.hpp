#pragma once
/// A located error in a scenario: where it is, which field, what is wrong and a hint.
/// Also the "did you mean" helper every unknown-name message uses.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace fleetsim::scenario {

/// One problem found while loading a scenario.
struct Diagnostic {
  Location where;       ///< file:line:column (line/column 0 when unknown)
  std::string path;     ///< dotted field path, e.g. spec.workloads[0].replicas; may be empty
  std::string message;  ///< what is wrong
  std::string hint;     ///< how to fix it; may be empty
  /// "file:line:col: path: message (hint)"; parts that are unknown are left out.
  std::string format() const;
  /// Builds one (out of line: spares callers GCC 12's false uninitialized warnings).
  static Diagnostic make(Location where, std::string path, std::string message,
                         std::string hint = {});
};

/// Optimal-string-alignment edit distance (insertions, deletions, substitutions and
/// transpositions of neighbours each cost 1), case-insensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word` when it is close enough to be a typo of it.
std::optional<std::string> closest_name(std::string_view word,
                                        const std::vector<std::string>& candidates);

/// "did you mean 'x'?" when a candidate is close, else "one of: a, b, c" (or "" when none).
std::string suggest(std::string_view word, const std::vector<std::string>& candidates);

/// "a, b, c" for messages.
std::string join_names(const std::vector<std::string>& names, std::string_view sep = ", ");

}  // namespace fleetsim::scenario
