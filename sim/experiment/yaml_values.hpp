#pragma once
/// YAML values that experiment files (sweeps, plans) pass on to a scenario as `--set`
/// overrides: a node written back as one line of flow YAML, the codecs that keep such
/// values with their location, and the mapping of an override's diagnostics back to the
/// place in the experiment file the value came from.

#include <map>
#include <string>
#include <vector>

#include "sim/scenario/codecs.hpp"
#include "sim/scenario/diagnostic.hpp"
#include "sim/scenario/yaml_tree.hpp"

namespace fleetsim::experiment {

/// A node as one line of flow YAML that parses back to the same tree: scalars plain when
/// that is safe, else double-quoted; [a, b]; {k: v}; nothing for null.
std::string flow_yaml(const scenario::YamlNode& n);

/// A value as written in an experiment file: its flow text and where it is.
struct RawValue {
  std::string text;
  scenario::Location where;
};

/// Any YAML value kept as flow text (a scenario fragment such as an assertion list).
struct RawValueC {
  using Out = RawValue;
  std::string what;  ///< e.g. "list of assertion (as in spec.assertions)"
  scenario::TypeDoc doc() const;
  bool decode(const scenario::YamlNode& n, const std::string& path, scenario::Decoder& d,
              Out& out) const;
};

/// A non-empty list of any YAML values (scalars or flow fragments), each kept as flow text.
struct ValueListC {
  using Out = std::vector<RawValue>;
  scenario::TypeDoc doc() const;
  bool decode(const scenario::YamlNode& n, const std::string& path, scenario::Decoder& d,
              Out& out) const;
};

/// A `--set` path such as spec.topology.regions[0].racks_per_zone (checked with
/// parse_override; the path must start with "spec.").
struct OverridePathC {
  using Out = std::string;
  scenario::TypeDoc doc() const;
  bool decode(const scenario::YamlNode& n, const std::string& path, scenario::Decoder& d,
              Out& out) const;
};

/// A full override "path=value" (the `set:` lists of experiment files).
struct OverrideC {
  using Out = RawValue;
  scenario::TypeDoc doc() const;
  bool decode(const scenario::YamlNode& n, const std::string& path, scenario::Decoder& d,
              Out& out) const;
};

/// Override text -> the experiment-file location its value came from.
using OverrideOrigins = std::map<std::string, scenario::Location>;

/// Points diagnostics located at "<--set>" that name one of `origins` at that origin's
/// place in the experiment file instead (the message and hint stay).
void relocate(std::vector<scenario::Diagnostic>& errors, const OverrideOrigins& origins);

}  // namespace fleetsim::experiment
