#pragma once
/// `--set path=value`: command-line overrides applied to the YAML tree before validation,
/// so an overridden value is checked exactly like a written one.
///
///   spec.seed=7                                   a field
///   spec.topology.regions[0].hosts_per_rack=20    a list entry by index (0-based)
///   spec.workloads[name=web].replicas=100         a list entry by the value of one of its keys
///   spec.failures[0].repair={dist: fixed, value: 5m}   any YAML value (flow style)
///
/// Missing mapping keys are created (then validated like any key: a typo is reported
/// with "did you mean"); list entries must exist.

#include <string>
#include <vector>

#include "sim/scenario/diagnostic.hpp"
#include "sim/scenario/yaml_tree.hpp"

namespace fleetsim::scenario {

/// The file name of the location of values that came from `--set`.
inline constexpr const char* kOverrideFile = "<--set>";

/// One step of an override path.
struct PathStep {
  enum class Kind { Key, Index, Select };
  Kind kind = Kind::Key;
  std::string key;        ///< Key: the mapping key; Select: the key compared
  std::size_t index = 0;  ///< Index
  std::string value;      ///< Select: the value it must have
};

/// A parsed `path=value`, or the reason it does not parse.
struct OverrideParse {
  std::vector<PathStep> steps;
  std::string path;   ///< text before '='
  std::string value;  ///< text after '='
  std::string error;  ///< empty when it parsed
};

/// Splits and parses `path=value` (the '=' inside [key=value] selectors does not split).
OverrideParse parse_override(const std::string& text);

/// Applies the overrides in order. Each bad path or value adds a diagnostic located at
/// kOverrideFile that quotes the override; nodes set get `origin` = the override text.
void apply_overrides(YamlNode& root, const std::vector<std::string>& overrides,
                     std::vector<Diagnostic>& errors);

}  // namespace fleetsim::scenario
