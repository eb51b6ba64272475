#include "policies/params.hpp"

#include <stdexcept>

#include "sim/scenario/units.hpp"

namespace fleetsim::policies {

std::string type_name(ParamType t) {
  switch (t) {
    case ParamType::Integer: return "integer";
    case ParamType::Number: return "number";
    case ParamType::Probability: return "probability";
    case ParamType::Duration: return "duration";
    case ParamType::Text: return "text";
    case ParamType::List: return "list";
    case ParamType::Bool: return "bool";
  }
  return "?";
}

Params::Params(const scenario::PolicySpec& spec, const PolicyInfo& info, std::string path,
               std::vector<scenario::Diagnostic>& errors)
    : spec_(spec), info_(info), path_(std::move(path)), errors_(errors) {
  std::vector<std::string> known;
  for (const ParamSpec& p : info_.params) known.push_back(p.name);
  for (const auto& [name, value] : spec_.params) {
    bool found = false;
    for (const ParamSpec& p : info_.params) found = found || p.name == name;
    if (!found) {
      errors_.push_back({value.where, path_ + ".params." + name,
                         "unknown parameter '" + name + "' of " + info_.family + " policy '" + info_.name + "'",
                         known.empty() ? "it takes no parameters" : scenario::suggest(name, known)});
    }
  }
  // Check every given value once, so all problems are reported up front.
  for (const ParamSpec& p : info_.params) {
    if (!given(p.name)) {
      if (p.default_value.empty()) error(p.name, "required parameter '" + p.name + "' is missing");
      continue;
    }
    switch (p.type) {
      case ParamType::Integer: integer(p.name); break;
      case ParamType::Number: case ParamType::Probability: number(p.name); break;
      case ParamType::Duration: duration(p.name); break;
      case ParamType::Text: text(p.name); break;
      case ParamType::List: list(p.name); break;
      case ParamType::Bool: flag(p.name); break;
    }
  }
}

const ParamSpec& Params::spec(const std::string& name) const {
  for (const ParamSpec& p : info_.params) {
    if (p.name == name) return p;
  }
  throw std::logic_error("policy '" + info_.name + "' reads undeclared parameter '" + name + "'");
}

const scenario::PolicyParam* Params::given(const std::string& name) const {
  const auto it = spec_.params.find(name);
  return it == spec_.params.end() ? nullptr : &it->second;
}

void Params::error(const std::string& name, const std::string& message, const std::string& hint) const {
  if (!reported_.insert(name).second) return;
  const scenario::PolicyParam* g = given(name);
  errors_.push_back({g ? g->where : spec_.where, path_ + ".params." + name, message, hint});
}

namespace {
std::string scalar(const scenario::PolicyParam* g, const ParamSpec& p) {
  return g && !g->is_list ? g->text : p.default_value;
}
}  // namespace

std::int64_t Params::integer(const std::string& name) const {
  const ParamSpec& p = spec(name);
  const scenario::PolicyParam* g = given(name);
  if (g && g->is_list) error(name, "expected an integer, got a list");
  const auto v = scenario::parse_integer(scalar(g, p));
  if (!v.value) {
    error(name, v.error);
    return scenario::parse_integer(p.default_value).value.value_or(0);
  }
  return *v.value;
}

double Params::number(const std::string& name) const {
  const ParamSpec& p = spec(name);
  const scenario::PolicyParam* g = given(name);
  if (g && g->is_list) error(name, "expected a number, got a list");
  const auto v = p.type == ParamType::Probability ? scenario::parse_probability(scalar(g, p))
                                                   : scenario::parse_number(scalar(g, p));
  if (!v.value) {
    error(name, v.error);
    return scenario::parse_number(p.default_value).value.value_or(0);
  }
  return *v.value;
}

Duration Params::duration(const std::string& name) const {
  const ParamSpec& p = spec(name);
  const scenario::PolicyParam* g = given(name);
  if (g && g->is_list) error(name, "expected a duration, got a list");
  const auto v = parse_duration(scalar(g, p));
  if (!v.value) {
    error(name, v.error);
    return parse_duration(p.default_value).value.value_or(0);
  }
  return *v.value;
}

std::string Params::text(const std::string& name) const {
  const ParamSpec& p = spec(name);
  const scenario::PolicyParam* g = given(name);
  if (g && g->is_list) error(name, "expected a single value, got a list");
  const std::string v = scalar(g, p);
  if (!p.choices.empty()) {
    bool ok = false;
    for (const auto& c : p.choices) ok = ok || c == v;
    if (!ok) {
      error(name, "'" + v + "' is not a valid value", scenario::suggest(v, p.choices));
      return p.default_value;
    }
  }
  return v;
}

std::vector<std::string> Params::list(const std::string& name) const {
  const ParamSpec& p = spec(name);
  const scenario::PolicyParam* g = given(name);
  std::vector<std::string> out;
  if (!g) {
    // Defaults of lists are written "a,b,c".
    std::string cur;
    for (char c : p.default_value) {
      if (c == ',') {
        out.push_back(cur);
        cur.clear();
      } else {
        cur += c;
      }
    }
    if (!cur.empty()) out.push_back(cur);
  } else {
    out = g->is_list ? g->list : std::vector<std::string>{g->text};
  }
  if (!p.choices.empty()) {
    for (const auto& v : out) {
      bool ok = false;
      for (const auto& c : p.choices) ok = ok || c == v;
      if (!ok) error(name, "'" + v + "' is not a valid value", scenario::suggest(v, p.choices));
    }
  }
  return out;
}

bool Params::flag(const std::string& name) const {
  const ParamSpec& p = spec(name);
  const scenario::PolicyParam* g = given(name);
  const auto v = scenario::parse_bool(scalar(g, p));
  if (!v.value) {
    error(name, v.error);
    return false;
  }
  return *v.value;
}

}  // namespace fleetsim::policies
