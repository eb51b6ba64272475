#pragma once
/// Declared policy parameters and their validation. A policy declares each parameter
/// once (name, type, unit, default, help); the same declaration checks a scenario's
/// `params:` map, gives typed values to the factory, and feeds `fleetsim describe`.

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "sim/core/time.hpp"
#include "sim/scenario/diagnostic.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleetsim::policies {

enum class ParamType { Integer, Number, Probability, Duration, Text, List, Bool };

struct ParamSpec {
  std::string name;
  ParamType type = ParamType::Text;
  std::string unit;           ///< for describe: "", "s", "hosts", ...
  std::string default_value;  ///< as text; empty = required
  std::string help;
  std::vector<std::string> choices;  ///< Text/List: allowed values (empty = any)
};

struct PolicyInfo {
  std::string family;  ///< "placement", "remediation", "rollout"
  std::string name;
  std::string help;
  std::vector<ParamSpec> params;
};

std::string type_name(ParamType t);

/// Typed access to a policy's parameters, validated against its declaration. Problems
/// are appended to `errors` (with the YAML location) and defaults are used instead.
class Params {
 public:
  Params(const scenario::PolicySpec& spec, const PolicyInfo& info, std::string path,
         std::vector<scenario::Diagnostic>& errors);

  std::int64_t integer(const std::string& name) const;
  double number(const std::string& name) const;
  Duration duration(const std::string& name) const;
  std::string text(const std::string& name) const;
  std::vector<std::string> list(const std::string& name) const;
  bool flag(const std::string& name) const;
  /// Reports a problem with a parameter's value (at its YAML location) from a factory.
  void error(const std::string& name, const std::string& message, const std::string& hint = {}) const;

 private:
  const ParamSpec& spec(const std::string& name) const;
  /// The value as written, or the default; the location of the value when written.
  const scenario::PolicyParam* given(const std::string& name) const;

  const scenario::PolicySpec& spec_;
  const PolicyInfo& info_;
  std::string path_;
  std::vector<scenario::Diagnostic>& errors_;
  mutable std::set<std::string> reported_;  // one message per parameter, however often it is read
};

}  // namespace fleetsim::policies
