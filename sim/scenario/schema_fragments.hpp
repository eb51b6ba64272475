#pragma once
/// Pieces of JSON Schema shared by the codecs: patterns for numbers with units.

#include <string>

#include "sim/scenario/json_value.hpp"

namespace fleetsim::scenario::schema {

/// A decimal number in a schema pattern: 12, 0.5, .5, 1e-3.
inline constexpr const char* kNum = "([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?";
/// How durations are written, for docs.
inline constexpr const char* kDurationUnits = "us ms s m h d w y (y = 365 d)";

/// {"type": "string", "pattern": p}
inline Json pattern(const std::string& p) {
  return Json::object().set("type", "string").set("pattern", p);
}
/// {"anyOf": [a, b]}
inline Json any_of(Json a, Json b) {
  return Json::object().set("anyOf", Json::array().push(std::move(a)).push(std::move(b)));
}
/// A duration string, or 0.
inline Json duration() {
  return any_of(pattern(std::string("^ *\\+?") + kNum + " ?(us|ms|s|m|min|h|d|w|y) *$"),
                Json::object().set("const", 0));
}
/// A percentage string.
inline Json percent() {
  return pattern(std::string("^ *") + kNum + " *% *$");
}

}  // namespace fleetsim::scenario::schema
