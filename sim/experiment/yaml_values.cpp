#include "sim/experiment/yaml_values.hpp"

#include "sim/scenario/overrides.hpp"

namespace fleetsim::experiment {

using scenario::Decoder;
using scenario::TypeDoc;
using scenario::YamlNode;

namespace {

/// A scalar that reads back as the same plain scalar in flow context.
bool plain_safe(const std::string& s) {
  if (s.empty() || s.front() == ' ' || s.back() == ' ') return false;
  if (std::string("-?:!&*|>%@`'\"#").find(s.front()) != std::string::npos) {
    // "-5" and "-1.5" are fine; other leading indicators are not.
    if (!(s.front() == '-' && s.size() > 1 && s[1] != ' ')) return false;
  }
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == ',' || c == '[' || c == ']' || c == '{' || c == '}' || c == '\n' || c == '\t') {
      return false;
    }
    if (c == ':' && (i + 1 == s.size() || s[i + 1] == ' ')) return false;
    if (c == '#' && i > 0 && s[i - 1] == ' ') return false;
  }
  return true;
}

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string flow_yaml(const YamlNode& n) {
  switch (n.kind) {
    case YamlNode::Kind::Null:
      return "";
    case YamlNode::Kind::Scalar:
      return !n.quoted && plain_safe(n.text) ? n.text : quote(n.text);
    case YamlNode::Kind::Sequence: {
      std::string out = "[";
      for (std::size_t i = 0; i < n.items.size(); ++i) {
        out += (i ? ", " : "") + (n.items[i].is_null() ? std::string("null") : flow_yaml(n.items[i]));
      }
      return out + "]";
    }
    case YamlNode::Kind::Map: {
      std::string out = "{";
      for (std::size_t i = 0; i < n.keys.size(); ++i) {
        out += (i ? ", " : "") + flow_yaml(n.keys[i]) + ": " +
               (n.items[i].is_null() ? std::string("null") : flow_yaml(n.items[i]));
      }
      return out + "}";
    }
  }
  return "";
}

TypeDoc RawValueC::doc() const {
  TypeDoc t;
  t.name = what;
  t.schema = scenario::Json::object();
  return t;
}

bool RawValueC::decode(const YamlNode& n, const std::string&, Decoder&, Out& out) const {
  out.text = flow_yaml(n);
  out.where = n.where;
  return true;
}

TypeDoc ValueListC::doc() const {
  TypeDoc t;
  t.name = "list of values (any YAML the path accepts)";
  t.schema = scenario::Json::object().set("type", "array").set("minItems", std::int64_t{1});
  return t;
}

bool ValueListC::decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const {
  out.clear();
  if (!n.is_sequence() || n.items.empty()) {
    d.error(n, path, "expected a non-empty list of values, got " + n.describe(),
            "e.g. values: [2, 4, 8]");
    return false;
  }
  for (const YamlNode& item : n.items) out.push_back({flow_yaml(item), item.where});
  return true;
}

TypeDoc OverridePathC::doc() const {
  TypeDoc t;
  t.name = "scenario field path";
  t.unit = "as in --set: spec.a.b[0].c, spec.workloads[name=web].replicas";
  t.schema = scenario::Json::object().set("type", "string").set("pattern", "^spec\\.");
  return t;
}

bool OverridePathC::decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const {
  const std::string* s = d.scalar(n, path, "a scenario field path such as spec.seed");
  if (!s) return false;
  const scenario::OverrideParse p = scenario::parse_override(*s + "=0");
  if (!p.error.empty()) {
    d.error(n, path, p.error, "e.g. spec.topology.regions[0].racks_per_zone");
    return false;
  }
  if (s->rfind("spec.", 0) != 0) {
    d.error(n, path, "the path '" + *s + "' does not start with 'spec.'",
            "sweeps and plans vary scenario fields, e.g. spec.seed");
    return false;
  }
  out = *s;
  return true;
}

TypeDoc OverrideC::doc() const {
  TypeDoc t;
  t.name = "override";
  t.unit = "PATH=VALUE as in --set";
  t.schema = scenario::Json::object().set("type", "string");
  return t;
}

bool OverrideC::decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const {
  const std::string* s = d.scalar(n, path, "an override PATH=VALUE such as spec.duration=7d");
  if (!s) return false;
  const scenario::OverrideParse p = scenario::parse_override(*s);
  if (!p.error.empty()) {
    d.error(n, path, p.error, "e.g. spec.duration=7d");
    return false;
  }
  out.text = *s;
  out.where = n.where;
  return true;
}

void relocate(std::vector<scenario::Diagnostic>& errors, const OverrideOrigins& origins) {
  for (scenario::Diagnostic& e : errors) {
    if (e.where.file != scenario::kOverrideFile) continue;
    for (const auto& [text, where] : origins) {
      const std::string tag = "--set " + text;
      const auto at = e.hint.find(tag);
      if (at == std::string::npos || at + tag.size() != e.hint.size()) continue;
      e.where = where;
      break;
    }
  }
}

}  // namespace fleetsim::experiment
