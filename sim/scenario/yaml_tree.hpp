#pragma once
/// A YAML document as a small tree whose every node knows its file:line:column.
/// Built from yaml-cpp's event API (yaml-cpp's own Node forgets duplicate keys and most
/// positions), so duplicate keys, tabs and syntax errors become located diagnostics.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/diagnostic.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleetsim::scenario {

/// One node of a parsed YAML document.
struct YamlNode {
  enum class Kind { Null, Scalar, Sequence, Map };
  Kind kind = Kind::Null;
  Location where;
  std::string text;             ///< Scalar: the value as written, without quotes
  bool quoted = false;          ///< Scalar: written in quotes
  std::vector<YamlNode> items;  ///< Sequence: the elements; Map: the values, parallel to keys
  std::vector<YamlNode> keys;   ///< Map: the keys (scalars), unique, in file order
  std::string origin;  ///< the `--set` argument this node came from; empty when from the file

  bool is_null() const { return kind == Kind::Null; }
  bool is_scalar() const { return kind == Kind::Scalar; }
  bool is_sequence() const { return kind == Kind::Sequence; }
  bool is_map() const { return kind == Kind::Map; }

  /// Map: the value under `key`, or nullptr.
  const YamlNode* find(std::string_view key) const;
  YamlNode* find(std::string_view key);
  /// Map: the key node of `key`, or nullptr.
  const YamlNode* find_key(std::string_view key) const;
  /// For messages: "a mapping", "a sequence", "nothing", or the scalar in quotes.
  std::string describe() const;
};

/// A parsed document, or the errors that prevented it.
struct YamlParse {
  std::optional<YamlNode> root;  ///< set when the text parsed (duplicate keys still leave errors)
  std::vector<Diagnostic> errors;
};

/// Parses one YAML document. Duplicate keys keep the first value and add an error that
/// points at the second; anchors and aliases are expanded (an alias copies its anchor).
YamlParse parse_yaml(std::string_view text, const std::string& file_name);

/// Sets `where` and `origin` on a node and everything under it.
void stamp(YamlNode& node, const Location& where, const std::string& origin);

}  // namespace fleetsim::scenario
