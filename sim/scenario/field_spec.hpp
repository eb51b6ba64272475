#pragma once
/// Declarative field tables. Every scenario parameter is declared once, in an ObjectSpec:
/// its name, its codec (type and unit), its default, its help and which variant it belongs
/// to. That one declaration drives the loader, `fleetsim describe` and the JSON Schema.
///
///   spec.field("replicas", &Workload::replicas, IntC{1, kMaxReplicas}, "replicas to keep running")
///       .only({"service"}).required();
///
/// A codec is a small value type with `using Out`, `TypeDoc doc() const` and
/// `bool decode(const YamlNode&, const std::string& path, Decoder&, Out&) const` (see codecs.hpp).

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "sim/scenario/decoder.hpp"
#include "sim/scenario/json_value.hpp"
#include "sim/scenario/yaml_tree.hpp"

namespace fleetsim::scenario {

struct ObjectDoc;

/// What a value is, for messages, `describe` and the schema.
struct TypeDoc {
  std::string name;                   ///< "duration", "integer >= 1", "list of workload"
  std::string unit;                   ///< how it is written, e.g. "us ms s m h d w y"; may be empty
  Json schema;                        ///< its draft-07 JSON Schema
  const ObjectDoc* object = nullptr;  ///< the object the value (or each element) is, if any
  std::string nesting;                ///< how a path continues into `object`: "", "[]" or ".<name>"
  std::vector<std::string> choices;   ///< enumerations: the accepted words
};

/// One key of a YAML mapping.
struct FieldDoc {
  std::string name;
  TypeDoc type;
  std::string help;
  std::string default_text;               ///< YAML scalar used when the key is absent; "" = none
  bool required = false;                  ///< must be given wherever it applies
  std::vector<std::string> only_for;      ///< discriminator values it applies to; empty = all
  std::vector<std::string> required_for;  ///< discriminator values that require it
  bool applies(const std::string& variant) const;
  bool required_when(const std::string& variant) const;
};

/// When the discriminator equals `when` (or always, when empty), exactly one group of keys
/// must be given, completely: {{"racks"}, {"racks_per_zone", "host_type"}}.
struct Alternative {
  std::string when;
  std::vector<std::vector<std::string>> groups;
};

/// The documentation side of an ObjectSpec: enough to describe and validate its keys.
struct ObjectDoc {
  std::string id;  ///< schema definition name, e.g. "workload"
  std::string help;
  std::string discriminator;  ///< the key that selects the variant (kind, dist); "" = none
  std::vector<FieldDoc> fields;
  std::vector<Alternative> alternatives;
  std::optional<TypeDoc> extra;  ///< type of keys beyond the fields (resource dimensions)
  std::string extra_name;        ///< how such a key is named in docs, e.g. "<dimension>"
  std::string extra_help;
  bool shared = false;  ///< documented once as a type, not under every path using it

  const FieldDoc* field(std::string_view name) const;
  std::vector<std::string> field_names() const;
  /// The discriminator's accepted words (empty when not discriminated).
  std::vector<std::string> variants() const;
};

/// Decodes the keys of a mapping against doc: reports unknown and misplaced keys (with
/// "did you mean"), missing required keys and broken alternatives, applies defaults, and
/// calls decode_field(i, value, path) for field i in declaration order (the discriminator
/// first); decode_extra(key, value, path) gets keys outside the table when doc.extra is set.
void decode_fields(
    const ObjectDoc& doc, const YamlNode& map, const std::string& path, Decoder& d,
    const std::function<void(std::size_t, const YamlNode&, const std::string&)>& decode_field,
    const std::function<void(const YamlNode&, const YamlNode&, const std::string&)>& decode_extra);

/// Decodes into a slot of the codec's type, an optional of it, or anything it converts to.
template <class C, class V>
bool decode_into(const C& codec, const YamlNode& n, const std::string& path, Decoder& d, V& slot) {
  using Out = typename C::Out;
  if constexpr (std::is_same_v<V, Out>) {
    return codec.decode(n, path, d, slot);
  } else if constexpr (std::is_same_v<V, std::optional<Out>>) {
    slot.emplace();
    return codec.decode(n, path, d, *slot);
  } else {
    Out v{};
    if (!codec.decode(n, path, d, v)) return false;
    slot = static_cast<V>(v);
    return true;
  }
}

/// A YAML mapping decoded into a T: a table of fields plus optional hooks.
template <class T>
class ObjectSpec : public ObjectDoc {
 public:
  using DecodeFn = std::function<void(T&, const YamlNode&, const std::string&, Decoder&)>;
  using ExtraFn = std::function<void(T&, const YamlNode& key, const YamlNode& value,
                                     const std::string&, Decoder&)>;

  /// Options of a declared field, chained after field(...).
  class FieldRef {
   public:
    FieldRef(ObjectDoc& doc, std::size_t index) : doc_(doc), index_(index) {}
    FieldRef& required() {
      return set([](FieldDoc& f) { f.required = true; });
    }
    /// The YAML scalar used when the key is absent (decoded like a written value).
    FieldRef& defaults(std::string yaml) {
      return set([&](FieldDoc& f) { f.default_text = std::move(yaml); });
    }
    /// The discriminator values this field applies to.
    FieldRef& only(std::vector<std::string> variants) {
      return set([&](FieldDoc& f) { f.only_for = std::move(variants); });
    }
    /// The discriminator values that require this field.
    FieldRef& required_for(std::vector<std::string> variants) {
      return set([&](FieldDoc& f) { f.required_for = std::move(variants); });
    }

   private:
    template <class F>
    FieldRef& set(F f) {
      f(doc_.fields[index_]);
      return *this;
    }
    ObjectDoc& doc_;
    std::size_t index_;
  };

  ObjectSpec(std::string id_, std::string help_) {
    id = std::move(id_);
    help = std::move(help_);
  }
  ObjectSpec(const ObjectSpec&) = delete;
  ObjectSpec& operator=(const ObjectSpec&) = delete;

  /// A field stored in a member (of the codec's type, an optional of it, or convertible).
  template <class C, class M>
  FieldRef field(std::string name, M T::*member, C codec, std::string help_text) {
    TypeDoc doc = codec.doc();
    return add(std::move(name), std::move(doc), std::move(help_text),
               [member, codec](T& t, const YamlNode& n, const std::string& p, Decoder& d) {
                 decode_into(codec, n, p, d, t.*member);
               });
  }

  /// A field stored by a setter: set(T&, Out&&) runs when the value decoded cleanly;
  /// set(T&, Out&&, bool ok, Decoder&) always runs, with what could be decoded.
  template <class C, class F>
  FieldRef field_with(std::string name, C codec, F set, std::string help_text) {
    TypeDoc doc = codec.doc();
    return add(std::move(name), std::move(doc), std::move(help_text),
               [codec, set](T& t, const YamlNode& n, const std::string& p, Decoder& d) {
                 typename C::Out v{};
                 const bool ok = codec.decode(n, p, d, v);
                 if constexpr (std::is_invocable_v<F, T&, typename C::Out&&, bool, Decoder&>) {
                   set(t, std::move(v), ok, d);
                 } else if (ok) {
                   set(t, std::move(v));
                 }
               });
  }

  /// A sub-mapping whose keys fill the same struct (metadata and spec fill Scenario).
  FieldRef nest(std::string name, const ObjectSpec<T>& inner, std::string help_text) {
    TypeDoc doc;
    doc.name = inner.id;
    doc.schema = Json::object().set("$ref", "#/definitions/" + inner.id);
    doc.object = &inner;
    return add(std::move(name), std::move(doc), std::move(help_text),
               [&inner](T& t, const YamlNode& n, const std::string& p, Decoder& d) {
                 inner.decode(n, p, d, t);
               });
  }

  ObjectSpec& discriminated_by(std::string key) {
    discriminator = std::move(key);
    return *this;
  }
  ObjectSpec& alternative(std::string when, std::vector<std::vector<std::string>> groups) {
    alternatives.push_back({std::move(when), std::move(groups)});
    return *this;
  }
  /// Stores the mapping's location in a member.
  ObjectSpec& located(Location T::*where) {
    where_ = where;
    return *this;
  }
  /// Runs after the fields, for checks across fields (gets the mapping node).
  ObjectSpec& finish(DecodeFn fn) {
    finish_ = std::move(fn);
    return *this;
  }
  /// Accepts keys beyond the table, documented as `name` of type `doc`.
  ObjectSpec& extra_keys(std::string name, TypeDoc doc, std::string help_text, ExtraFn fn) {
    extra_name = std::move(name);
    extra = std::move(doc);
    extra_help = std::move(help_text);
    extra_ = std::move(fn);
    return *this;
  }
  /// Documented once as a type (distribution, resources) rather than under every path.
  ObjectSpec& documented_once() {
    shared = true;
    return *this;
  }

  /// Decodes a mapping (or nothing, as an empty mapping) into out; errors go to d.
  void decode(const YamlNode& n, const std::string& path, Decoder& d, T& out) const {
    if (!n.is_map() && !n.is_null()) {
      d.error(n, path, "expected a mapping (" + id + "), got " + n.describe());
      return;
    }
    if (where_) out.*where_ = n.where;
    decode_fields(
        *this, n, path, d,
        [&](std::size_t i, const YamlNode& v, const std::string& p) { decoders_[i](out, v, p, d); },
        [&](const YamlNode& k, const YamlNode& v, const std::string& p) {
          extra_(out, k, v, p, d);
        });
    if (finish_) finish_(out, n, path, d);
  }

 private:
  FieldRef add(std::string name, TypeDoc doc, std::string help_text, DecodeFn fn) {
    FieldDoc f;
    f.name = std::move(name);
    f.type = std::move(doc);
    f.help = std::move(help_text);
    fields.push_back(std::move(f));
    decoders_.push_back(std::move(fn));
    return FieldRef(*this, fields.size() - 1);
  }

  std::vector<DecodeFn> decoders_;
  DecodeFn finish_;
  ExtraFn extra_;
  Location T::*where_ = nullptr;
};

}  // namespace fleetsim::scenario
