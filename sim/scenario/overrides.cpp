#include "sim/scenario/overrides.hpp"

#include "sim/scenario/units.hpp"

namespace fleetsim::scenario {

namespace {

bool key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

std::string step_text(const PathStep& s) {
  switch (s.kind) {
    case PathStep::Kind::Key:
      return "." + s.key;
    case PathStep::Kind::Index:
      return "[" + std::to_string(s.index) + "]";
    case PathStep::Kind::Select:
      return "[" + s.key + "=" + s.value + "]";
  }
  return "";
}

}  // namespace

OverrideParse parse_override(const std::string& text) {
  OverrideParse out;
  int depth = 0;
  std::size_t eq = std::string::npos;
  for (std::size_t i = 0; i < text.size() && eq == std::string::npos; ++i) {
    if (text[i] == '[')
      ++depth;
    else if (text[i] == ']')
      --depth;
    else if (text[i] == '=' && depth == 0)
      eq = i;
  }
  if (eq == std::string::npos) {
    out.error = depth > 0 ? "bad path: '[' without ']'" : "expected path=value, e.g. spec.seed=7";
    return out;
  }
  out.path = text.substr(0, eq);
  out.value = text.substr(eq + 1);
  const std::string& p = out.path;
  std::size_t i = 0;
  auto fail = [&](const std::string& why) {
    out.error = "bad path '" + p + "': " + why;
    out.steps.clear();
    return out;
  };
  if (p.empty()) return fail("it is empty");
  while (i < p.size()) {
    const std::size_t start = i;
    while (i < p.size() && key_char(p[i])) ++i;
    if (i == start) return fail("expected a key at character " + std::to_string(start + 1));
    out.steps.push_back({PathStep::Kind::Key, p.substr(start, i - start), 0, ""});
    while (i < p.size() && p[i] == '[') {
      const auto close = p.find(']', i);
      if (close == std::string::npos) return fail("'[' without ']'");
      const std::string inside = p.substr(i + 1, close - i - 1);
      if (const auto e = inside.find('='); e != std::string::npos) {
        if (e == 0 || e + 1 == inside.size()) return fail("write [key=value], e.g. [name=web]");
        out.steps.push_back({PathStep::Kind::Select, inside.substr(0, e), 0, inside.substr(e + 1)});
      } else {
        const auto n = parse_integer(inside);
        if (!n.value || *n.value < 0 || inside.empty() || inside[0] == '+' || inside[0] == '-') {
          return fail("'[" + inside + "]' is not an index (0, 1, ...) or a selector ([name=web])");
        }
        out.steps.push_back({PathStep::Kind::Index, "", static_cast<std::size_t>(*n.value), ""});
      }
      i = close + 1;
    }
    if (i < p.size()) {
      if (p[i] != '.')
        return fail("unexpected '" + std::string(1, p[i]) + "' at character " +
                    std::to_string(i + 1));
      ++i;
      if (i == p.size()) return fail("it ends with '.'");
    }
  }
  return out;
}

void apply_overrides(YamlNode& root, const std::vector<std::string>& overrides,
                     std::vector<Diagnostic>& errors) {
  const Location where{kOverrideFile, 0, 0};
  for (const std::string& text : overrides) {
    const OverrideParse o = parse_override(text);
    auto error = [&](std::string msg, std::string hint = {}) {
      hint = hint.empty() ? "in --set " + text : hint + "; in --set " + text;
      errors.push_back(Diagnostic::make(where, o.path, std::move(msg), std::move(hint)));
    };
    if (!o.error.empty()) {
      error(o.error);
      continue;
    }
    // The value: a YAML scalar, or flow YAML such as {dist: fixed, value: 5m}.
    YamlNode value;
    if (o.value.find_first_not_of(" \t") != std::string::npos) {
      YamlParse v = parse_yaml(o.value, kOverrideFile);
      if (!v.root || !v.errors.empty()) {
        error("the value '" + o.value + "' is not valid YAML" +
                  (v.errors.empty() ? "" : ": " + v.errors.front().message),
              "quote it, or write flow YAML such as {dist: fixed, value: 5m}");
        continue;
      }
      value = std::move(*v.root);
    }
    stamp(value, where, text);

    YamlNode edited = root;  // a failed path leaves the document as it was
    YamlNode* node = &edited;
    std::string walked;
    bool ok = true;
    for (const PathStep& step : o.steps) {
      const std::string here = walked.empty() ? "the document" : "'" + walked + "'";
      if (step.kind == PathStep::Kind::Key) {
        if (node->is_null()) node->kind = YamlNode::Kind::Map;
        if (!node->is_map()) {
          error(here + " is " + node->describe() + ", not a mapping: it has no key '" + step.key +
                "'");
          ok = false;
          break;
        }
        YamlNode* child = node->find(step.key);
        if (!child) {
          YamlNode key;
          key.kind = YamlNode::Kind::Scalar;
          key.text = step.key;
          key.where = where;
          key.origin = text;
          node->keys.push_back(std::move(key));
          node->items.emplace_back();
          stamp(node->items.back(), where, text);
          child = &node->items.back();
        }
        node = child;
        walked += (walked.empty() ? "" : ".") + step.key;
        continue;
      }
      if (!node->is_sequence()) {
        error(here + " is " + node->describe() + ", not a list: " + step_text(step) +
              " does not apply");
        ok = false;
        break;
      }
      if (step.kind == PathStep::Kind::Index) {
        if (step.index >= node->items.size()) {
          error("index " + std::to_string(step.index) + " is out of range: " + here + " has " +
                    std::to_string(node->items.size()) + " entries",
                "indexes start at 0");
          ok = false;
          break;
        }
        node = &node->items[step.index];
      } else {
        YamlNode* found = nullptr;
        std::vector<std::string> have;
        for (YamlNode& item : node->items) {
          const YamlNode* k = item.is_map() ? item.find(step.key) : nullptr;
          if (!k || !k->is_scalar()) continue;
          have.push_back(k->text);
          if (k->text == step.value && !found) found = &item;
        }
        if (!found) {
          error(
              "no entry of " + here + " has " + step.key + "=" + step.value,
              have.empty() ? "its entries have no '" + step.key + "'" : suggest(step.value, have));
          ok = false;
          break;
        }
        node = found;
      }
      walked += step_text(step);
    }
    if (!ok) continue;
    *node = std::move(value);
    root = std::move(edited);
  }
}

}  // namespace fleetsim::scenario
