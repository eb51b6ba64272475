#pragma once
/// The state shared while YAML nodes are decoded into scenario structs: the errors found
/// so far, the scenario's directory (for relative file names) and the scenario being
/// built (so later sections can check names declared by earlier ones).

#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/diagnostic.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/yaml_tree.hpp"

namespace fleetsim::scenario {

class Decoder {
 public:
  /// base_dir: the scenario file's directory ("" = current); building: the scenario being
  /// filled (sections are decoded in declaration order, so topology is known to workloads).
  Decoder(std::string base_dir, const Scenario& building)
      : base_dir_(std::move(base_dir)), building_(building) {}

  /// Records an error at a node; nodes from `--set` get the override named in the hint.
  void error(const YamlNode& at, const std::string& path, std::string message,
             std::string hint = {});
  /// Records an error at an explicit place (e.g. a line of a CSV file).
  void error_at(const Location& where, const std::string& path, std::string message,
                std::string hint = {});

  /// The scalar text of n, or nullptr after recording "expected <what>, got <n>".
  const std::string* scalar(const YamlNode& n, const std::string& path, std::string_view what);

  /// A file name from the scenario, resolved against the scenario's directory.
  std::string resolve(const std::string& file) const;

  const Scenario& building() const { return building_; }
  /// Marks a section as decoded with errors, so checks that rely on it stay quiet
  /// instead of reporting consequences of the first error.
  void mark_incomplete(const std::string& section) { incomplete_.push_back(section); }
  bool incomplete(const std::string& section) const {
    for (const auto& s : incomplete_) {
      if (s == section) return true;
    }
    return false;
  }
  const std::vector<Diagnostic>& errors() const { return errors_; }
  std::vector<Diagnostic> take_errors() { return std::move(errors_); }

 private:
  std::string base_dir_;
  const Scenario& building_;
  std::vector<Diagnostic> errors_;
  std::vector<std::string> incomplete_;
};

/// "parent.key", or "key" at the top.
std::string join_path(const std::string& parent, std::string_view key);

}  // namespace fleetsim::scenario
