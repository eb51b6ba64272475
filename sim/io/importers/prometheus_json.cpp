#include "sim/io/importers/prometheus_json.hpp"

#include "sim/io/importers/json_reader.hpp"
#include "sim/io/importers/line_reader.hpp"
#include "sim/io/importers/text_parse.hpp"

namespace fleetsim::io {

namespace {

class PromReader {
 public:
  explicit PromReader(const std::string& source) : source_(source) {}

  const JsonValue& member(const JsonValue& obj, const char* key, JsonValue::Kind kind) const {
    const JsonValue* v = obj.find(key);
    if (v == nullptr) json_fail(source_, obj, std::string("missing \"") + key + "\"");
    if (v->kind() != kind) {
      json_fail(
          source_, *v,
          std::string("\"") + key + "\" must be " + article(kind) + ", not " + article(v->kind()));
    }
    return *v;
  }

  void sample(const JsonValue& pair, TelemetrySeries& s) const {
    if (!pair.is_array() || pair.as_array().size() != 2) {
      json_fail(source_, pair, "a sample must be a [timestamp, \"value\"] pair");
    }
    const JsonValue& t = pair.as_array()[0];
    const JsonValue& v = pair.as_array()[1];
    if (!t.is_number()) json_fail(source_, t, "sample timestamp must be a number of seconds");
    if (!v.is_string()) json_fail(source_, v, "sample value must be a string such as \"1.5\"");
    const auto x = parse_double(v.as_string());
    if (!x) json_fail(source_, v, "sample value " + quoted(v.as_string()) + " is not a number");
    s.times_s.push_back(t.as_number());
    s.values.push_back(*x);
  }

  std::vector<TelemetrySeries> read(const JsonValue& doc) const {
    if (!doc.is_object())
      json_fail(source_, doc, "expected a JSON object with \"status\" and \"data\"");
    const std::string& status = member(doc, "status", JsonValue::Kind::kString).as_string();
    if (status == "error") {
      const JsonValue* type = doc.find("errorType");
      const JsonValue* err = doc.find("error");
      json_fail(source_, doc,
                "the query failed: " +
                    (type != nullptr && type->is_string() ? type->as_string() + ": " : "") +
                    (err != nullptr && err->is_string() ? err->as_string() : "no error text"));
    }
    if (status != "success") {
      json_fail(source_, *doc.find("status"),
                "status must be \"success\" or \"error\", not \"" + status + "\"");
    }
    const JsonValue& data = member(doc, "data", JsonValue::Kind::kObject);
    const JsonValue& type_v = member(data, "resultType", JsonValue::Kind::kString);
    const std::string& type = type_v.as_string();
    if (type != "matrix" && type != "vector") {
      json_fail(source_, type_v, "resultType \"" + type + "\" is not supported (matrix or vector)");
    }
    const JsonValue& result = member(data, "result", JsonValue::Kind::kArray);
    std::vector<TelemetrySeries> out;
    for (const JsonValue& item : result.as_array()) {
      if (!item.is_object()) json_fail(source_, item, "each result must be an object");
      TelemetrySeries s;
      for (const auto& [k, v] : member(item, "metric", JsonValue::Kind::kObject).as_object()) {
        if (!v.is_string()) json_fail(source_, v, "label \"" + k + "\" must be a string");
        if (k == "__name__")
          s.name = v.as_string();
        else if (!v.as_string().empty())
          s.labels.emplace(k, v.as_string());
      }
      if (type == "matrix") {
        for (const JsonValue& pair : member(item, "values", JsonValue::Kind::kArray).as_array()) {
          sample(pair, s);
        }
      } else {
        sample(member(item, "value", JsonValue::Kind::kArray), s);
      }
      sort_samples_by_time(s);
      out.push_back(std::move(s));
    }
    return out;
  }

 private:
  static std::string article(JsonValue::Kind k) {
    const std::string name = JsonValue::kind_name(k);
    return (k == JsonValue::Kind::kArray || k == JsonValue::Kind::kObject ? "an " : "a ") + name;
  }

  const std::string& source_;
};

}  // namespace

std::vector<TelemetrySeries> parse_prometheus_json(std::string_view text,
                                                   const std::string& source_name) {
  const JsonValue doc = parse_json(text, source_name);
  return PromReader(source_name).read(doc);
}

std::vector<TelemetrySeries> read_prometheus_json(const std::string& path) {
  return parse_prometheus_json(read_text_file(path), path);
}

}  // namespace fleetsim::io
