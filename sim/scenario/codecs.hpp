#pragma once
/// Codecs: how one YAML value becomes one C++ value, with its documentation and schema.
/// Each has `using Out`, `TypeDoc doc() const` and
/// `bool decode(const YamlNode&, const std::string& path, Decoder&, Out&) const`, which
/// records a located error and returns false when the value is wrong.

#include <cstdint>
#include <limits>
#include <map>
#include <set>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/scenario/field_spec.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleetsim::scenario {

inline constexpr std::int64_t kNoMin = std::numeric_limits<std::int64_t>::min();
inline constexpr std::int64_t kNoMax = std::numeric_limits<std::int64_t>::max();

/// A whole number within [min, max].
struct IntC {
  using Out = std::int64_t;
  std::int64_t min = kNoMin;
  std::int64_t max = kNoMax;
  TypeDoc doc() const;
  bool decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const;
};

/// A plain number within bounds; `*_open` excludes the bound itself.
struct NumC {
  using Out = double;
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool min_open = false;
  bool max_open = false;
  TypeDoc doc() const;
  bool decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const;
};

/// true or false.
struct BoolC {
  using Out = bool;
  TypeDoc doc() const;
  bool decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const;
};

/// Text. Name: a name other fields and metric names refer to (letters, digits, '-', '_');
/// Text: any non-empty scalar; Version: any scalar, numbers included ("6.1").
struct StrC {
  using Out = std::string;
  enum Style { Text, Name, Version };
  Style style = Text;
  TypeDoc doc() const;
  bool decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const;
};

/// A duration (30s, 5m, 4h, 30d) in ticks; `positive` rejects 0.
struct DurC {
  using Out = Duration;
  bool positive = false;
  TypeDoc doc() const;
  bool decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const;
};

/// `first` (the earliest record of a trace becomes time 0) or a duration in the trace's own
/// clock; `example` shows a typical duration in the hint.
struct TraceOffsetC {
  using Out = std::optional<Duration>;
  const char* example = "366d";
  TypeDoc doc() const;
  bool decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const;
};

/// A duration stored as seconds (distribution parameters); `positive` rejects 0.
struct SecondsC {
  using Out = double;
  bool positive = false;
  TypeDoc doc() const;
  bool decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const;
};

/// A size in bytes: 256Gi, 10G, 1024; `positive` rejects 0.
struct SizeC {
  using Out = std::int64_t;
  bool positive = false;
  TypeDoc doc() const;
  bool decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const;
};

/// A cpu or extra-dimension amount in thousandths: 64, 0.5, 500m; `positive` rejects 0.
struct MilliC {
  using Out = std::int64_t;
  bool positive = false;
  TypeDoc doc() const;
  bool decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const;
};

/// A rate > 0, per second: 120/h, 2/m, 0.5/s.
struct RateC {
  using Out = double;
  TypeDoc doc() const;
  bool decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const;
};

/// A count or a share: 3 or 5%; `positive` rejects 0 and 0%.
struct QuantC {
  using Out = Quantity;
  bool positive = true;
  TypeDoc doc() const;
  bool decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const;
};

/// A probability: 0.999 or 99.9%.
struct ProbC {
  using Out = double;
  TypeDoc doc() const;
  bool decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const;
};

/// A bandwidth > 0 in bytes per second: 10Gbit/s, 1.25GB/s.
struct BandwidthC {
  using Out = double;
  TypeDoc doc() const;
  bool decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const;
};

/// A file relative to the scenario's directory that must exist; Out is the resolved path.
struct FileC {
  using Out = std::string;
  TypeDoc doc() const;
  bool decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const;
};

/// Local working hours "9-17": start and end hour, 0 <= start < end <= 24.
struct HoursC {
  using Out = std::pair<std::int64_t, std::int64_t>;
  TypeDoc doc() const;
  bool decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const;
};

/// An assertion threshold: a number, a percentage (99.95% = 0.9995) or a duration (in seconds).
struct AssertValueC {
  struct Value {
    double value = 0;
    std::string text;
  };
  using Out = Value;
  TypeDoc doc() const;
  bool decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const;
};

/// Policy parameters: a mapping of scalars or lists of scalars, kept as text.
struct ParamsC {
  using Out = std::map<std::string, PolicyParam>;
  TypeDoc doc() const;
  bool decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const;
};

/// A policy: `best-fit` or `{name: best-fit, params: {...}}`.
struct PolicyC {
  using Out = PolicySpec;
  TypeDoc doc() const;
  bool decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const;
};

/// A time-valued distribution: `{dist: exponential, mean: 2h}`, or a duration for a fixed value.
struct DistC {
  using Out = Distribution;
  TypeDoc doc() const;
  bool decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const;
};

/// One word out of a fixed set; `what` names the set in messages ("spread level").
template <class E>
struct EnumC {
  using Out = E;
  std::string what;
  std::vector<std::pair<std::string, E>> choices;
  bool near = true;  ///< suggest the closest word; false lists them all (for symbols like <=)

  std::vector<std::string> words() const {
    std::vector<std::string> w;
    for (const auto& c : choices) w.push_back(c.first);
    return w;
  }
  TypeDoc doc() const {
    TypeDoc t;
    t.name = "one of " + join_names(words(), " | ");
    t.schema = Json::object().set("enum", Json::strings(words()));
    t.choices = words();
    return t;
  }
  bool decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const {
    const std::string* s = d.scalar(n, path, "a " + what + " (" + join_names(words(), ", ") + ")");
    if (!s) return false;
    for (const auto& [word, value] : choices) {
      if (word == *s) {
        out = value;
        return true;
      }
    }
    d.error(n, path, "unknown " + what + " '" + *s + "'",
            near ? suggest(*s, words()) : "one of: " + join_names(words()));
    return false;
  }
};

/// A nested mapping decoded by another ObjectSpec.
template <class U>
struct ObjC {
  using Out = U;
  const ObjectSpec<U>* spec;
  TypeDoc doc() const {
    TypeDoc t;
    t.name = spec->id;
    t.schema = Json::object().set("$ref", "#/definitions/" + spec->id);
    t.object = spec;
    return t;
  }
  bool decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const {
    const std::size_t before = d.errors().size();
    spec->decode(n, path, d, out);
    return d.errors().size() == before;
  }
};

/// Reports elements of a list of mappings that repeat the scalar under `key` (at the second).
void check_unique(const YamlNode& list, const std::string& path, const std::string& key,
                  const std::string& what, Decoder& d);

/// A sequence of values; nothing (`key:` alone) is an empty list. Elements that repeat
/// `unique_key` are errors.
template <class C>
struct ListC {
  using Out = std::vector<typename C::Out>;
  C item;
  std::string unique_key{};   ///< element mappings must differ in this key; "" = no check
  std::size_t max_items = 0;  ///< 0 = no limit
  TypeDoc doc() const {
    TypeDoc inner = item.doc();
    TypeDoc t;
    t.name = "list of " + inner.name;
    t.unit = inner.unit;
    t.schema = Json::object().set("type", "array").set("items", inner.schema);
    if (max_items) t.schema.set("maxItems", static_cast<std::int64_t>(max_items));
    t.object = inner.object;
    t.nesting = "[]";
    return t;
  }
  bool decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const {
    out.clear();
    if (n.is_null()) return true;
    if (!n.is_sequence()) {
      d.error(n, path, "expected a list of " + item.doc().name + ", got " + n.describe(),
              "write one '- ...' entry per line, or [a, b]");
      return false;
    }
    if (max_items && n.items.size() > max_items) {
      d.error(n, path,
              "at most " + std::to_string(max_items) + " entries, got " +
                  std::to_string(n.items.size()));
    }
    bool ok = true;
    for (std::size_t i = 0; i < n.items.size(); ++i) {
      out.emplace_back();
      ok = item.decode(n.items[i], path + "[" + std::to_string(i) + "]", d, out.back()) && ok;
    }
    if (!unique_key.empty()) check_unique(n, path, unique_key, unique_key, d);
    return ok;
  }
};

/// A value under a user-chosen name, with the name's location.
template <class V>
struct Keyed {
  std::string key;
  Location where;
  V value;
};

/// True for names made of letters, digits, '-' and '_' that start with a letter or digit.
bool is_name(const std::string& s);

/// A mapping from user-chosen names (letters, digits, '-', '_') to values.
template <class C>
struct MapC {
  using Out = std::vector<Keyed<typename C::Out>>;
  C value;
  TypeDoc doc() const {
    TypeDoc inner = value.doc();
    TypeDoc t;
    t.name = "map of name to " + inner.name;
    t.unit = inner.unit;
    t.schema =
        Json::object()
            .set("type", "object")
            .set("propertyNames", Json::object().set("pattern", "^[A-Za-z0-9][A-Za-z0-9_-]*$"))
            .set("additionalProperties", inner.schema);
    t.object = inner.object;
    t.nesting = ".<name>";
    return t;
  }
  bool decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const {
    out.clear();
    if (n.is_null()) return true;
    if (!n.is_map()) {
      d.error(n, path,
              "expected a mapping of names to " + value.doc().name + ", got " + n.describe());
      return false;
    }
    bool ok = true;
    for (std::size_t i = 0; i < n.keys.size(); ++i) {
      const YamlNode& key = n.keys[i];
      const std::string p = join_path(path, key.text);
      if (!is_name(key.text)) {
        d.error(key, p, "'" + key.text + "' is not a valid name",
                "use letters, digits, '-' and '_'");
        ok = false;
      }
      out.emplace_back();
      out.back().key = key.text;
      out.back().where = key.where;
      ok = value.decode(n.items[i], p, d, out.back().value) && ok;
    }
    return ok;
  }
};

}  // namespace fleetsim::scenario
