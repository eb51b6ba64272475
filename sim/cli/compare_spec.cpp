#include "sim/cli/compare_spec.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/scenario/units.hpp"
#include "sim/scenario/yaml_tree.hpp"

namespace fleetsim::cli {

using scenario::Diagnostic;
using scenario::YamlNode;

std::optional<analysis::Threshold> parse_threshold(const std::string& stat, const std::string& value) {
  analysis::Threshold t{stat, 0, value};
  if (const auto n = scenario::parse_number(value); n.value) {
    t.max = *n.value;
  } else if (const auto p = scenario::parse_percent(value); p.value) {
    t.max = *p.value / 100.0;
  } else if (const auto d = parse_duration(value); d.value) {
    t.max = to_seconds(*d.value);
  } else {
    return std::nullopt;
  }
  if (t.max < 0) return std::nullopt;
  return t;
}

bool parse_shift(const std::string& text, analysis::SourceAdjust& adjust) {
  adjust.shift_first = false;
  adjust.shift_s.reset();
  if (text == "first") {
    adjust.shift_first = true;
    return true;
  }
  if (text == "none") return true;
  if (const auto n = scenario::parse_number(text); n.value) {  // seconds, e.g. a Unix time
    adjust.shift_s = *n.value;
    return true;
  }
  const auto d = parse_duration(text);
  if (!d.value) return false;
  adjust.shift_s = to_seconds(*d.value);
  return true;
}

namespace {

class SpecReader {
 public:
  SpecReader(std::vector<Diagnostic>& errors) : errors_(errors) {}

  void error(const YamlNode& at, const std::string& path, std::string message, std::string hint = {}) {
    errors_.push_back(Diagnostic::make(at.where, path, std::move(message), std::move(hint)));
  }

  const std::string* scalar(const YamlNode& n, const std::string& path, const char* what) {
    if (n.is_scalar()) return &n.text;
    error(n, path, std::string("expected ") + what + ", got " + n.describe());
    return nullptr;
  }

  void keys(const YamlNode& n, const std::string& path, const std::vector<std::string>& allowed) {
    for (const YamlNode& k : n.keys) {
      bool ok = false;
      for (const auto& a : allowed) ok = ok || a == k.text;
      if (!ok) error(k, path + "." + k.text, "unknown key '" + k.text + "'", scenario::suggest(k.text, allowed));
    }
  }

  void source(const YamlNode& n, const std::string& path, SourceSpec& out) {
    if (n.is_scalar()) {
      out.source = n.text;
      return;
    }
    if (!n.is_map()) {
      error(n, path, "expected a source (text) or {source, scale, shift}, got " + n.describe());
      return;
    }
    keys(n, path, {"source", "scale", "shift"});
    if (const YamlNode* s = n.find("source")) {
      if (const std::string* t = scalar(*s, path + ".source", "a source")) out.source = *t;
    } else {
      error(n, path, "missing 'source'", "e.g. source: \"prometheus:cpu.json#node_cpu\"");
    }
    if (const YamlNode* s = n.find("scale")) {
      const std::string* t = scalar(*s, path + ".scale", "a number");
      const auto v = t ? scenario::parse_number(*t) : scenario::Parsed<double>{};
      if (t && !v.value) error(*s, path + ".scale", "expected a number, got '" + *t + "'");
      if (v.value) out.adjust.scale = *v.value;
    }
    if (const YamlNode* s = n.find("shift")) {
      const std::string* t = scalar(*s, path + ".shift", "first, none or a duration");
      if (t && !parse_shift(*t, out.adjust)) {
        error(*s, path + ".shift", "expected first, none, seconds or a duration, got '" + *t + "'");
      }
    }
  }

  void comparison(const YamlNode& n, const std::string& path, ComparisonSpec& c) {
    c.where = n.where;
    if (!n.is_map()) {
      error(n, path, "expected a comparison (a mapping with name, sim, real), got " + n.describe());
      return;
    }
    keys(n, path, {"name", "sim", "real", "kind", "step", "max"});
    for (const char* required : {"name", "sim", "real"}) {
      if (!n.find(required)) error(n, path, std::string("missing '") + required + "'");
    }
    if (const YamlNode* v = n.find("name")) {
      if (const std::string* t = scalar(*v, path + ".name", "a name")) c.name = *t;
    }
    if (const YamlNode* v = n.find("sim")) source(*v, path + ".sim", c.sim);
    c.real.adjust.shift_first = true;  // real series start at their first sample unless told otherwise
    if (const YamlNode* v = n.find("real")) source(*v, path + ".real", c.real);
    if (const YamlNode* v = n.find("kind")) {
      if (const std::string* t = scalar(*v, path + ".kind", "distribution or series")) {
        if (*t == "distribution") c.kind = analysis::CompareKind::Distribution;
        else if (*t == "series") c.kind = analysis::CompareKind::Series;
        else error(*v, path + ".kind", "unknown kind '" + *t + "'", scenario::suggest(*t, {"distribution", "series"}));
      }
    }
    if (const YamlNode* v = n.find("step")) {
      if (const std::string* t = scalar(*v, path + ".step", "a duration")) {
        const auto d = parse_duration(*t);
        if (!d.value || *d.value <= 0) error(*v, path + ".step", d.value ? "must be longer than 0" : d.error);
        else c.step_s = to_seconds(*d.value);
      }
    }
    if (const YamlNode* v = n.find("max")) {
      if (!v->is_map()) {
        error(*v, path + ".max", "expected a mapping of statistic to threshold, got " + v->describe(),
              "e.g. max: {ks_d: 0.2, w1: 30m}");
        return;
      }
      for (std::size_t i = 0; i < v->keys.size(); ++i) {
        const std::string p = path + ".max." + v->keys[i].text;
        const std::string* t = scalar(v->items[i], p, "a threshold");
        if (!t) continue;
        std::vector<std::string> stats = analysis::judged_stats(analysis::CompareKind::Distribution);
        for (const auto& x : analysis::judged_stats(analysis::CompareKind::Series)) stats.push_back(x);
        if (std::find(stats.begin(), stats.end(), v->keys[i].text) == stats.end()) {
          error(v->keys[i], p, "unknown statistic '" + v->keys[i].text + "'", scenario::suggest(v->keys[i].text, stats));
          continue;
        }
        const auto th = parse_threshold(v->keys[i].text, *t);
        if (!th) {
          error(v->items[i], p, "expected a number, a percentage or a duration >= 0, got '" + *t + "'");
        } else {
          c.max.push_back(*th);
        }
      }
    }
  }

 private:
  std::vector<Diagnostic>& errors_;
};

}  // namespace

CompareSpec read_compare_spec(const std::string& path, std::vector<Diagnostic>& errors) {
  CompareSpec spec;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    errors.push_back(Diagnostic::make({path, 0, 0}, "", "cannot read the comparison spec"));
    return spec;
  }
  std::ostringstream text;
  text << in.rdbuf();
  scenario::YamlParse parsed = scenario::parse_yaml(text.str(), path);
  errors.insert(errors.end(), parsed.errors.begin(), parsed.errors.end());
  if (!parsed.root) return spec;
  spec.base_dir = std::filesystem::path(path).parent_path().string();
  const YamlNode& root = *parsed.root;
  SpecReader r(errors);
  if (!root.is_map()) {
    r.error(root, "", "expected a mapping with 'comparisons', got " + root.describe());
    return spec;
  }
  r.keys(root, "", {"trace", "comparisons"});
  if (const YamlNode* t = root.find("trace")) {
    if (const std::string* s = r.scalar(*t, "trace", "a file name")) {
      spec.trace = (std::filesystem::path(spec.base_dir) / *s).string();
    }
  }
  const YamlNode* list = root.find("comparisons");
  if (!list || !list->is_sequence() || list->items.empty()) {
    r.error(list ? *list : root, "comparisons", "expected a non-empty list of comparisons");
    return spec;
  }
  for (std::size_t i = 0; i < list->items.size(); ++i) {
    spec.comparisons.emplace_back();
    r.comparison(list->items[i], "comparisons[" + std::to_string(i) + "]", spec.comparisons.back());
  }
  return spec;
}

}  // namespace fleetsim::cli
