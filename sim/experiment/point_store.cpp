#include "sim/experiment/point_store.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "sim/core/rng.hpp"
#include "sim/io/atomic_file.hpp"
#include "sim/io/importers/json_reader.hpp"
#include "sim/io/json.hpp"
#include "sim/io/output_error.hpp"

namespace fleetsim::experiment {

namespace {

constexpr const char* kFormat = "fleetsim-sweep-point";

struct Hasher {
  std::uint64_t a = 0xcbf29ce484222325ull, b = 0x84222325cbf29ce4ull;
  void add(const std::string& s) {
    for (const char c : s) {
      a = (a ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
      b = (b ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
      b = core::mix64(b);
    }
    a = (a ^ 0xff) * 0x100000001b3ull;  // field separator
    b = core::mix64(b ^ 0xff);
  }
};

const io::JsonValue& member(const io::JsonValue& o, const char* key, const std::string& source) {
  const io::JsonValue* v = o.find(key);
  if (!v) io::json_fail(source, o, std::string("missing key '") + key + "'");
  return *v;
}

std::vector<std::string> strings(const io::JsonValue& v, const std::string& source) {
  if (!v.is_array()) io::json_fail(source, v, "expected an array of strings");
  std::vector<std::string> out;
  for (const io::JsonValue& s : v.as_array()) {
    if (!s.is_string()) io::json_fail(source, s, "expected a string");
    out.push_back(s.as_string());
  }
  return out;
}

}  // namespace

std::string point_key(const std::string& version, const std::string& base_text,
                      const std::vector<std::string>& overrides, std::int64_t replications) {
  Hasher h;
  h.add(kFormat);
  h.add(version);
  h.add(base_text);
  for (const std::string& o : overrides) h.add(o);
  h.add(std::to_string(replications));
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(core::mix64(h.a)),
                static_cast<unsigned long long>(h.b));
  return buf;
}

std::string point_json(const PointResult& r) {
  io::JsonWriter j(true);
  j.begin_object();
  j.field("format", kFormat);
  j.field("format_version", 1);
  j.field("key", r.key);
  j.field("index", static_cast<std::uint64_t>(r.index));
  j.key("values").begin_array();
  for (const auto& v : r.values) j.value(v);
  j.end_array();
  j.key("overrides").begin_array();
  for (const auto& o : r.overrides) j.value(o);
  j.end_array();
  j.field("status", r.ok ? "ok" : "error");
  j.field("exit_code", r.exit_code);
  j.key("errors").begin_array();
  for (const auto& e : r.errors) j.value(e);
  j.end_array();
  j.field("wall_s", r.wall_s);
  j.key("assertions").begin_array();
  for (const scenario::Assertion& a : r.assertions) {
    j.begin_object();
    j.field("metric", a.metric);
    j.field("op", a.op);
    j.field("value", a.value);
    j.field("value_text", a.value_text);
    j.field("aggregate", a.aggregate);
    j.end_object();
  }
  j.end_array();
  j.key("replications").begin_array();
  for (std::size_t i = 0; i < r.seeds.size(); ++i) {
    j.begin_object();
    j.field("seed", std::to_string(r.seeds[i]));  // text: JSON numbers lose 64-bit integers
    if (i < r.runs.size()) {
      j.key("metrics").begin_object();
      for (const auto& [name, value] : r.runs[i]) j.field(name, value);
      j.end_object();
    }
    j.end_object();
  }
  j.end_array();
  j.field("complete", true);  // last: a file without it is not a result
  j.end_object();
  return j.str() + "\n";
}

PointResult parse_point_json(const std::string& text, const std::string& source) {
  const io::JsonValue root = io::parse_json(text, source);
  if (!root.is_object()) io::json_fail(source, root, "expected an object");
  const io::JsonValue& format = member(root, "format", source);
  if (!format.is_string() || format.as_string() != kFormat) io::json_fail(source, format, "not a sweep point file");
  const io::JsonValue& complete = member(root, "complete", source);
  if (!complete.is_bool() || !complete.as_bool()) io::json_fail(source, complete, "incomplete");
  PointResult r;
  const io::JsonValue& key = member(root, "key", source);
  if (!key.is_string()) io::json_fail(source, key, "expected a string");
  r.key = key.as_string();
  const io::JsonValue& index = member(root, "index", source);
  if (!index.is_number()) io::json_fail(source, index, "expected a number");
  r.index = static_cast<std::size_t>(index.as_number());
  r.values = strings(member(root, "values", source), source);
  r.overrides = strings(member(root, "overrides", source), source);
  const io::JsonValue& status = member(root, "status", source);
  if (!status.is_string()) io::json_fail(source, status, "expected a string");
  r.ok = status.as_string() == "ok";
  const io::JsonValue& code = member(root, "exit_code", source);
  if (!code.is_number()) io::json_fail(source, code, "expected a number");
  r.exit_code = static_cast<int>(code.as_number());
  r.errors = strings(member(root, "errors", source), source);
  const io::JsonValue& wall = member(root, "wall_s", source);
  r.wall_s = wall.is_number() ? wall.as_number() : 0;
  const io::JsonValue& asserts = member(root, "assertions", source);
  if (!asserts.is_array()) io::json_fail(source, asserts, "expected an array");
  for (const io::JsonValue& a : asserts.as_array()) {
    scenario::Assertion x;
    const auto text = [&](const char* k) {
      const io::JsonValue& v = member(a, k, source);
      if (!v.is_string()) io::json_fail(source, v, "expected a string");
      return v.as_string();
    };
    x.metric = text("metric");
    x.op = text("op");
    x.value_text = text("value_text");
    x.aggregate = text("aggregate");
    const io::JsonValue& v = member(a, "value", source);
    if (!v.is_number()) io::json_fail(source, v, "expected a number");
    x.value = v.as_number();
    r.assertions.push_back(std::move(x));
  }
  const io::JsonValue& reps = member(root, "replications", source);
  if (!reps.is_array()) io::json_fail(source, reps, "expected an array");
  for (const io::JsonValue& rep : reps.as_array()) {
    const io::JsonValue& seed = member(rep, "seed", source);
    if (!seed.is_string()) io::json_fail(source, seed, "expected the seed as a string");
    r.seeds.push_back(std::stoull(seed.as_string()));
    if (const io::JsonValue* m = rep.find("metrics")) {
      if (!m->is_object()) io::json_fail(source, *m, "expected an object");
      Metrics metrics;
      for (const auto& [name, value] : m->as_object()) {
        // NaN is written as null (JSON has no NaN).
        metrics[name] = value.is_number() ? value.as_number() : std::numeric_limits<double>::quiet_NaN();
      }
      r.runs.push_back(std::move(metrics));
    }
  }
  if (r.ok && r.runs.size() != r.seeds.size()) io::json_fail(source, reps, "a replication has no metrics");
  return r;
}

PointStore::PointStore(std::string dir) : dir_(std::move(dir)) {}

std::string PointStore::path_of(const std::string& key) const { return dir_ + "/points/" + key + ".json"; }

std::optional<PointResult> PointStore::load(const std::string& key) const {
  const std::string path = path_of(key);
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  try {
    PointResult r = parse_point_json(text.str(), path);
    if (r.key != key) return std::nullopt;
    return r;
  } catch (const std::exception&) {
    return std::nullopt;  // a damaged file is recomputed and overwritten
  }
}

void PointStore::save(const PointResult& result) const {
  std::error_code ec;
  std::filesystem::create_directories(dir_ + "/points", ec);
  if (ec) throw io::OutputError("cannot create directory '" + dir_ + "/points': " + ec.message());
  io::AtomicTextFile f(path_of(result.key));
  f.stream() << point_json(result);
  f.commit();
}

}  // namespace fleetsim::experiment
