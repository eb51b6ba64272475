/// Codecs for numbers, booleans, text and names; shared list helpers.

#include "sim/scenario/codecs.hpp"

#include <cmath>

#include "sim/scenario/schema_fragments.hpp"
#include "sim/scenario/units.hpp"

namespace fleetsim::scenario {

bool is_name(const std::string& s) {
  if (s.empty()) return false;
  auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  if (!alnum(s[0])) return false;
  for (char c : s) {
    if (!alnum(c) && c != '-' && c != '_') return false;
  }
  return true;
}

void check_unique(const YamlNode& list, const std::string& path, const std::string& key,
                  const std::string& what, Decoder& d) {
  std::map<std::string, int> seen;
  for (std::size_t i = 0; i < list.items.size(); ++i) {
    const YamlNode* v = list.items[i].find(key);
    if (!v || !v->is_scalar()) continue;
    auto [it, fresh] = seen.emplace(v->text, v->where.line);
    if (!fresh) {
      d.error(*v, path + "[" + std::to_string(i) + "]." + key,
              "duplicate " + what + " '" + v->text + "' (first used at line " +
                  std::to_string(it->second) + ")",
              "each entry needs its own " + what);
    }
  }
}

// ---------------------------------------------------------------- numbers

TypeDoc IntC::doc() const {
  TypeDoc t;
  t.name = "integer";
  t.schema = Json::object().set("type", "integer");
  if (min != kNoMin) t.schema.set("minimum", min);
  if (max != kNoMax) t.schema.set("maximum", max);
  if (min != kNoMin && max != kNoMax)
    t.name += " in [" + std::to_string(min) + ", " + std::to_string(max) + "]";
  else if (min != kNoMin)
    t.name += " >= " + std::to_string(min);
  return t;
}

bool IntC::decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const {
  const std::string* s = d.scalar(n, path, "an integer");
  if (!s) return false;
  const auto v = parse_integer(*s);
  if (!v.value) {
    d.error(n, path,
            v.error.find("too large") != std::string::npos
                ? v.error
                : "expected an integer, got '" + *s + "'");
    return false;
  }
  if (*v.value < min || *v.value > max) {
    const std::string range =
        max == kNoMax   ? "at least " + std::to_string(min)
        : min == kNoMin ? "at most " + std::to_string(max)
                        : "between " + std::to_string(min) + " and " + std::to_string(max);
    d.error(n, path, "must be " + range + ", got " + *s);
    return false;
  }
  out = *v.value;
  return true;
}

TypeDoc NumC::doc() const {
  TypeDoc t;
  t.name = "number";
  t.schema = Json::object().set("type", "number");
  const bool has_min = std::isfinite(min);
  const bool has_max = std::isfinite(max);
  if (has_min) t.schema.set(min_open ? "exclusiveMinimum" : "minimum", min);
  if (has_max) t.schema.set(max_open ? "exclusiveMaximum" : "maximum", max);
  if (has_min && has_max) {
    t.name += std::string(" in ") + (min_open ? "(" : "[") + format_number(min) + ", " +
              format_number(max) + (max_open ? ")" : "]");
  } else if (has_min) {
    t.name += (min_open ? " > " : " >= ") + format_number(min);
  }
  return t;
}

bool NumC::decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const {
  const std::string* s = d.scalar(n, path, "a number");
  if (!s) return false;
  const auto v = parse_number(*s);
  if (!v.value) {
    d.error(n, path, "expected a number, got '" + *s + "'");
    return false;
  }
  const double x = *v.value;
  const bool low = min_open ? x <= min : x < min;
  const bool high = max_open ? x >= max : x > max;
  if (low || high) {
    d.error(n, path, "must be " + doc().name.substr(7) + ", got " + *s);
    return false;
  }
  out = x;
  return true;
}

TypeDoc BoolC::doc() const {
  return {"boolean", "", Json::object().set("type", "boolean"), nullptr, "", {}};
}

bool BoolC::decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const {
  const std::string* s = d.scalar(n, path, "true or false");
  if (!s) return false;
  const auto v = parse_bool(*s);
  if (!v.value) {
    d.error(n, path, "expected true or false, got '" + *s + "'");
    return false;
  }
  out = *v.value;
  return true;
}

TypeDoc StrC::doc() const {
  switch (style) {
    case Name:
      return {"name",
              "letters, digits, '-', '_'",
              schema::pattern("^[A-Za-z0-9][A-Za-z0-9_-]*$"),
              nullptr,
              "",
              {}};
    case Version:
      return {"string", "", Json::object().set("type", Json::strings({"string", "number"})),
              nullptr,  "", {}};
    case Text:
      break;
  }
  return {"string", "", Json::object().set("type", "string"), nullptr, "", {}};
}

bool StrC::decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const {
  const std::string* s = d.scalar(n, path, style == Name ? "a name" : "a string");
  if (!s) return false;
  if (s->empty()) {
    d.error(n, path, "must not be empty");
    return false;
  }
  if (style == Name && !is_name(*s)) {
    d.error(n, path, "'" + *s + "' is not a valid name",
            "use letters, digits, '-' and '_', starting with a letter or digit");
    return false;
  }
  out = *s;
  return true;
}

}  // namespace fleetsim::scenario
