#include "sim/scenario/describe.hpp"

#include <algorithm>

#include "sim/scenario/specs.hpp"
#include "sim/scenario/units.hpp"

namespace fleetsim::scenario {

namespace {

constexpr std::size_t kWidth = 92;

bool contains(const std::vector<const ObjectDoc*>& v, const ObjectDoc* d) {
  return std::find(v.begin(), v.end(), d) != v.end();
}

/// Word-wraps text at kWidth with the given indent.
std::string wrap(const std::string& text, const std::string& indent) {
  std::string out;
  std::string line = indent;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto sp = text.find(' ', i);
    const std::string word = text.substr(i, sp == std::string::npos ? std::string::npos : sp - i);
    if (line.size() > indent.size() && line.size() + 1 + word.size() > kWidth) {
      out += line + "\n";
      line = indent;
    }
    line += (line.size() > indent.size() ? " " : "") + word;
    i = sp == std::string::npos ? text.size() : sp + 1;
  }
  if (line.size() > indent.size()) out += line + "\n";
  return out;
}

/// "a", "a or b", "a, b or c".
std::string or_list(const std::vector<std::string>& words) {
  std::string s;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i) s += i + 1 == words.size() ? " or " : ", ";
    s += words[i];
  }
  return s;
}

std::string when(const ObjectDoc& doc, const std::vector<std::string>& variants) {
  return doc.discriminator + " is " + or_list(variants);
}

/// "exactly one of 'racks' or 'racks_per_zone' + 'host_type'" for each alternative holding the
/// field.
std::vector<std::string> alternative_notes(const ObjectDoc& doc, const std::string& field) {
  std::vector<std::string> notes;
  for (const Alternative& alt : doc.alternatives) {
    bool holds = false;
    std::vector<std::string> groups;
    for (const auto& g : alt.groups) {
      std::string text;
      for (const auto& k : g) {
        text += (text.empty() ? "'" : " + '") + k + "'";
        holds = holds || k == field;
      }
      groups.push_back(text);
    }
    if (!holds) continue;
    notes.push_back(
        (alt.when.empty() ? "" : "when " + doc.discriminator + " is " + alt.when + ", ") +
        "give exactly one of " + or_list(groups));
  }
  return notes;
}

class TextDescriber {
 public:
  explicit TextDescriber(std::string prefix, const ObjectDoc* root = nullptr, std::string title = {})
      : prefix_(std::move(prefix)), root_(root), title_(std::move(title)) {}

  std::string run() {
    out_ += (title_.empty() ? std::string("fleetsim scenario fields") : title_) + " (apiVersion: fleetsim/v1)\n\n";
    out_ += wrap(
        "Each field: its path ([] is any entry of a list, <name> a name you choose), its type [and "
        "how "
        "it is written], whether it is required or its default, and what it means. Omitted "
        "sections "
        "mean none; omitted fields take their defaults. docs/scenario-reference.md has examples.",
        "");
    out_ += "\n";
    object(root_ ? *root_ : scenario_spec(), "");
    const std::size_t before_types = printed_;
    for (std::size_t i = 0; i < shared_.size(); ++i) {
      const ObjectDoc& d = *shared_[i];
      if (!prefix_.empty() && d.id.rfind(prefix_, 0) != 0 && prefix_.rfind(d.id, 0) != 0) continue;
      out_ += "\n--- type '" + d.id + "' (used where a field's type says " + d.id + ")\n";
      out_ += wrap(d.help, "");
      object(d, d.id);
    }
    if (printed_ == 0 && before_types == 0) {
      out_ += "\nno field path starts with '" + prefix_ +
              "' (try spec, spec.workloads or distribution)\n";
    }
    return out_;
  }

 private:
  void object(const ObjectDoc& doc, const std::string& base) {
    for (const FieldDoc& f : doc.fields) field(doc, f, base.empty() ? f.name : base + "." + f.name);
    if (doc.extra) {
      const std::string path = base + "." + doc.extra_name;
      if (matches(path)) {
        ++printed_;
        out_ += "\n" + path + "  " + doc.extra->name +
                (doc.extra->unit.empty() ? "" : "  [" + doc.extra->unit + "]") + "\n";
        out_ += wrap(doc.extra_help, "    ");
      }
    }
  }

  bool matches(const std::string& path) const {
    return prefix_.empty() || path.rfind(prefix_, 0) == 0;
  }

  void field(const ObjectDoc& doc, const FieldDoc& f, const std::string& path) {
    const ObjectDoc* obj = f.type.object;
    if (obj && obj->shared && !contains(shared_, obj)) shared_.push_back(obj);
    if (matches(path)) {
      ++printed_;
      out_ += "\n" + path + "  " + f.type.name +
              (f.type.unit.empty() ? "" : "  [" + f.type.unit + "]") + "\n";
      std::string status;
      if (f.required)
        status = "required";
      else if (!f.required_for.empty())
        status = "required when " + when(doc, f.required_for);
      else if (!f.default_text.empty())
        status = "default: " + f.default_text;
      else
        status = "optional";
      if (!f.only_for.empty() && f.only_for != f.required_for)
        status += "; only when " + when(doc, f.only_for);
      for (const std::string& note : alternative_notes(doc, f.name)) {
        status = (status == "optional" ? "" : status + "; ") + note;
      }
      if (obj && obj->shared) status += "; see type '" + obj->id + "' below";
      out_ += "    " + status + "\n" + wrap(f.help, "    ");
    }
    if (obj && !obj->shared) object(*obj, path + f.type.nesting);
  }

  std::string prefix_;
  const ObjectDoc* root_ = nullptr;  // the document described; nullptr = the scenario
  std::string title_;
  std::string out_;
  std::vector<const ObjectDoc*> shared_;
  std::size_t printed_ = 0;
};

// ---------------------------------------------------------------- JSON Schema

Json default_value(const std::string& text) {
  if (text == "true") return Json(true);
  if (text == "false") return Json(false);
  if (const auto i = parse_integer(text); i.value) return Json(*i.value);
  if (const auto n = parse_number(text); n.value) return Json(*n.value);
  return Json(text);
}

Json when_variant(const ObjectDoc& doc, const std::string& variant, Json then) {
  return Json::object()
      .set("if", Json::object()
                     .set("properties", Json::object().set(doc.discriminator,
                                                           Json::object().set("const", variant)))
                     .set("required", Json::strings({doc.discriminator})))
      .set("then", std::move(then));
}

Json alternative_schema(const Alternative& alt) {
  Json branches = Json::array();
  for (std::size_t g = 0; g < alt.groups.size(); ++g) {
    Json others = Json::array();
    for (std::size_t h = 0; h < alt.groups.size(); ++h) {
      if (h == g) continue;
      for (const auto& k : alt.groups[h])
        others.push(Json::object().set("required", Json::strings({k})));
    }
    Json branch = Json::object().set("required", Json::strings(alt.groups[g]));
    if (!others.empty()) branch.set("not", Json::object().set("anyOf", std::move(others)));
    branches.push(std::move(branch));
  }
  return Json::object().set("oneOf", std::move(branches));
}

bool in_alternative(const ObjectDoc& doc, const std::string& name, const std::string& variant) {
  for (const Alternative& alt : doc.alternatives) {
    if (!alt.when.empty() && alt.when != variant) continue;
    for (const auto& g : alt.groups) {
      if (std::find(g.begin(), g.end(), name) != g.end()) return true;
    }
  }
  return false;
}

/// The object's schema members (type, properties, required, ...) set on `o`.
void object_schema(const ObjectDoc& doc, Json& o) {
  o.set("type", "object");
  o.set("description", doc.help);
  Json props = Json::object();
  std::vector<std::string> required;
  for (const FieldDoc& f : doc.fields) {
    Json s = f.type.schema;
    s.set("description", f.help);
    if (!f.default_text.empty()) s.set("default", default_value(f.default_text));
    props.set(f.name, std::move(s));
    if (f.required && !in_alternative(doc, f.name, "")) required.push_back(f.name);
  }
  o.set("properties", std::move(props));
  if (!required.empty()) o.set("required", Json::strings(required));
  o.set("additionalProperties", doc.extra ? doc.extra->schema : Json(false));
  Json all = Json::array();
  for (const std::string& v : doc.variants()) {
    std::vector<std::string> need;
    Json forbidden = Json::object();
    for (const FieldDoc& f : doc.fields) {
      if (!f.applies(v))
        forbidden.set(f.name, Json(false));
      else if (!f.required && f.required_when(v) && !in_alternative(doc, f.name, v))
        need.push_back(f.name);
    }
    if (need.empty() && forbidden.empty()) continue;
    Json then = Json::object();
    if (!need.empty()) then.set("required", Json::strings(need));
    if (!forbidden.empty()) then.set("properties", std::move(forbidden));
    all.push(when_variant(doc, v, std::move(then)));
  }
  for (const Alternative& alt : doc.alternatives) {
    all.push(alt.when.empty() ? alternative_schema(alt)
                              : when_variant(doc, alt.when, alternative_schema(alt)));
  }
  if (!all.empty()) o.set("allOf", std::move(all));
}

void collect(const ObjectDoc& doc, std::vector<const ObjectDoc*>& seen) {
  for (const FieldDoc& f : doc.fields) {
    const ObjectDoc* obj = f.type.object;
    if (obj && !contains(seen, obj)) {
      seen.push_back(obj);
      collect(*obj, seen);
    }
  }
}

}  // namespace

std::string describe_scenario_fields(const std::string& prefix) {
  return TextDescriber(prefix).run();
}

std::string describe_document_fields(const ObjectDoc& root, const std::string& title,
                                     const std::string& prefix) {
  return TextDescriber(prefix, &root, title).run();
}

std::string scenario_json_schema() {
  const ObjectDoc& root = scenario_spec();
  Json schema = Json::object();
  schema.set("$schema", "http://json-schema.org/draft-07/schema#");
  schema.set("title", "fleetsim scenario (fleetsim/v1)");
  object_schema(root, schema);
  schema.set("description",
             root.help + " Generated by `fleetsim describe --json-schema`; do not edit by hand.");
  std::vector<const ObjectDoc*> objects;
  collect(root, objects);
  Json defs = Json::object();
  for (const ObjectDoc* d : objects) {
    Json o = Json::object();
    object_schema(*d, o);
    defs.set(d->id, std::move(o));
  }
  schema.set("definitions", std::move(defs));
  return schema.dump();
}

}  // namespace fleetsim::scenario
