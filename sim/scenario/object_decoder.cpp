/// The table-driven part of decoding a mapping: keys against an ObjectDoc.

#include <algorithm>
#include <cctype>

#include "sim/scenario/field_spec.hpp"

namespace fleetsim::scenario {

namespace {

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::string first_sentence(const std::string& help) {
  const auto dot = help.find(". ");
  std::string s = dot == std::string::npos ? help : help.substr(0, dot);
  if (!s.empty() && s.back() == '.') s.pop_back();
  if (s.size() > 1 && std::isupper(static_cast<unsigned char>(s[0])) &&
      std::islower(static_cast<unsigned char>(s[1]))) {
    s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  }
  return s;
}

std::string group_text(const std::vector<std::string>& group) {
  std::string s;
  for (const auto& k : group) s += (s.empty() ? "'" : " + '") + k + "'";
  return s;
}

bool applicable(const Alternative& alt, bool variant_known, const std::string& variant) {
  return alt.when.empty() || (variant_known && alt.when == variant);
}

bool in_alternative(const ObjectDoc& doc, const std::string& name, bool variant_known,
                    const std::string& variant) {
  for (const Alternative& alt : doc.alternatives) {
    if (!applicable(alt, variant_known, variant)) continue;
    for (const auto& g : alt.groups) {
      if (contains(g, name)) return true;
    }
  }
  return false;
}

void unknown_key(const ObjectDoc& doc, const YamlNode& key, const std::string& path, Decoder& d,
                 bool variant_known, const std::string& variant) {
  if (key.text == "<<") {
    d.error(key, path, "YAML merge keys ('<<') are not supported", "repeat the keys instead");
    return;
  }
  std::vector<std::string> names;
  for (const FieldDoc& f : doc.fields) {
    if (!variant_known || f.applies(variant)) names.push_back(f.name);
  }
  std::string hint;
  if (auto c = closest_name(key.text, doc.field_names())) {
    hint = "did you mean '" + *c + "'?";
  } else {
    hint = "valid keys here: " + join_names(names);
  }
  d.error(key, path, "unknown key '" + key.text + "'", hint);
}

void check_alternative(const ObjectDoc& doc, const Alternative& alt, const YamlNode& map,
                       const std::string& path, Decoder& d) {
  std::vector<std::size_t> present;
  for (std::size_t g = 0; g < alt.groups.size(); ++g) {
    for (const auto& k : alt.groups[g]) {
      if (map.find(k)) {
        present.push_back(g);
        break;
      }
    }
  }
  std::vector<std::string> options;
  for (const auto& g : alt.groups) options.push_back(group_text(g));
  if (present.empty()) {
    d.error(map, path, "missing " + join_names(options, " or "),
            doc.id + " needs exactly one of them");
    return;
  }
  if (present.size() > 1) {
    const auto& second = alt.groups[present[1]];
    const YamlNode* key = nullptr;
    for (const auto& k : second) {
      if (!key) key = map.find_key(k);
    }
    std::vector<std::string> given;
    for (const auto& k : alt.groups[present[0]]) {
      if (map.find(k)) given.push_back(k);
    }
    d.error(*key, join_path(path, key->text),
            "'" + key->text + "' cannot be combined with " + group_text(given),
            "give either " + join_names(options, " or "));
    return;
  }
  const auto& group = alt.groups[present[0]];
  std::vector<std::string> missing;
  for (const auto& k : group) {
    if (!map.find(k)) missing.push_back("'" + k + "'");
  }
  if (!missing.empty()) {
    d.error(map, path, "missing " + join_names(missing, " and "),
            "needed together: " + group_text(group));
  }
}

}  // namespace

bool FieldDoc::applies(const std::string& variant) const {
  return only_for.empty() || contains(only_for, variant);
}

bool FieldDoc::required_when(const std::string& variant) const {
  return required || contains(required_for, variant);
}

const FieldDoc* ObjectDoc::field(std::string_view name) const {
  for (const FieldDoc& f : fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::vector<std::string> ObjectDoc::field_names() const {
  std::vector<std::string> names;
  for (const FieldDoc& f : fields) names.push_back(f.name);
  return names;
}

std::vector<std::string> ObjectDoc::variants() const {
  if (discriminator.empty()) return {};
  const FieldDoc* f = field(discriminator);
  return f ? f->type.choices : std::vector<std::string>{};
}

void decode_fields(
    const ObjectDoc& doc, const YamlNode& map, const std::string& path, Decoder& d,
    const std::function<void(std::size_t, const YamlNode&, const std::string&)>& decode_field,
    const std::function<void(const YamlNode&, const YamlNode&, const std::string&)>& decode_extra) {
  auto default_node = [&](const FieldDoc& f) {
    YamlNode n;
    n.kind = YamlNode::Kind::Scalar;
    n.text = f.default_text;
    n.where = map.where;
    n.origin = map.origin;
    return n;
  };

  // The variant first: which keys apply depends on it.
  std::string variant;
  bool variant_known = doc.discriminator.empty();
  std::size_t disc = doc.fields.size();
  if (!doc.discriminator.empty()) {
    for (std::size_t i = 0; i < doc.fields.size(); ++i) {
      if (doc.fields[i].name == doc.discriminator) disc = i;
    }
    const FieldDoc& f = doc.fields[disc];
    const std::string p = join_path(path, f.name);
    if (const YamlNode* v = map.find(f.name)) {
      decode_field(disc, *v, p);
      if (v->is_scalar() && contains(f.type.choices, v->text)) variant = v->text;
    } else if (!f.default_text.empty()) {
      decode_field(disc, default_node(f), p);
      variant = f.default_text;
    } else {
      d.error(map, path, "missing required key '" + f.name + "'",
              "one of: " + join_names(f.type.choices));
    }
    variant_known = !variant.empty();
  }

  // Every key written must be a field that applies here. A misspelt key is reported
  // once, as a typo, not also as the required field it was meant to be.
  std::vector<std::string> misspelt;
  for (std::size_t i = 0; i < map.keys.size(); ++i) {
    const YamlNode& key = map.keys[i];
    const std::string p = join_path(path, key.text);
    const FieldDoc* f = doc.field(key.text);
    if (!f) {
      if (auto c = closest_name(key.text, doc.field_names())) misspelt.push_back(*c);
      if (doc.extra)
        decode_extra(key, map.items[i], p);
      else
        unknown_key(doc, key, p, d, variant_known, variant);
      continue;
    }
    if (variant_known && !f->applies(variant)) {
      d.error(key, p,
              "'" + key.text + "' does not apply when " + doc.discriminator + " is " + variant,
              "it is for " + doc.discriminator + ": " + join_names(f->only_for));
    }
  }

  // Fields in declaration order: decode what is written, else check required, else default.
  for (std::size_t i = 0; i < doc.fields.size(); ++i) {
    if (i == disc) continue;
    const FieldDoc& f = doc.fields[i];
    if (variant_known && !f.applies(variant)) continue;
    if (!variant_known && !f.only_for.empty()) continue;
    const std::string p = join_path(path, f.name);
    if (const YamlNode* v = map.find(f.name)) {
      decode_field(i, *v, p);
      continue;
    }
    if (in_alternative(doc, f.name, variant_known, variant)) continue;
    if (contains(misspelt, f.name)) continue;
    if (f.required || (variant_known && f.required_when(variant))) {
      std::string hint = f.name + ": " + f.type.name;
      if (!f.help.empty()) hint += ", " + first_sentence(f.help);
      d.error(map, path, "missing required key '" + f.name + "'", hint);
      continue;
    }
    if (!f.default_text.empty()) decode_field(i, default_node(f), p);
  }

  for (const Alternative& alt : doc.alternatives) {
    if (applicable(alt, variant_known, variant)) check_alternative(doc, alt, map, path, d);
  }
}

}  // namespace fleetsim::scenario
