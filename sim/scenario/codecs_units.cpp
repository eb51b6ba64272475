/// Codecs for values with units: durations, sizes, amounts, rates, shares, probabilities,
/// bandwidths; files, hour ranges and assertion thresholds.

#include <filesystem>

#include "sim/scenario/codecs.hpp"
#include "sim/scenario/schema_fragments.hpp"
#include "sim/scenario/units.hpp"

namespace fleetsim::scenario {

namespace {

double magnitude(double x) {
  return x;
}
double magnitude(std::int64_t x) {
  return static_cast<double>(x);
}
double magnitude(const Quantity& q) {
  return q.value;
}

/// The shared body of the unit codecs: the scalar text, parsed by `parse` (units.hpp), its
/// error at the node if it does not parse; with `refuse` set, a value <= 0 is refused with
/// "<refuse>, got <text>" and `hint`.
template <class Parse, class Value>
bool decode_parsed(const YamlNode& n, const std::string& path, Decoder& d, const char* example,
                   Parse parse, Value& out, const char* refuse = nullptr, const char* hint = "") {
  const std::string* s = d.scalar(n, path, example);
  if (!s) return false;
  const auto v = parse(*s);
  if (!v.value) {
    d.error(n, path, v.error);
    return false;
  }
  if (refuse && magnitude(*v.value) <= 0) {
    d.error(n, path, std::string(refuse) + ", got " + *s, hint);
    return false;
  }
  out = *v.value;
  return true;
}

}  // namespace

// ---------------------------------------------------------------- units

TypeDoc DurC::doc() const {
  return {positive ? "duration > 0" : "duration",
          schema::kDurationUnits,
          schema::duration(),
          nullptr,
          "",
          {}};
}

bool DurC::decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const {
  const auto parse = [](std::string_view t) { return parse_duration(t); };  // default options
  return decode_parsed(n, path, d, "a duration like 30m", parse, out,
                       positive ? "must be longer than 0" : nullptr);
}

TypeDoc TraceOffsetC::doc() const {
  TypeDoc t;
  t.name = "first | duration";
  t.unit = schema::kDurationUnits;
  t.schema = schema::any_of(Json::object().set("const", "first"), schema::duration());
  return t;
}

bool TraceOffsetC::decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const {
  const std::string* s = d.scalar(n, path, std::string("'first' or a duration like ") + example);
  if (!s) return false;
  if (*s == "first") {
    out.reset();
    return true;
  }
  const auto v = parse_duration(*s);
  if (!v.value) {
    d.error(n, path, v.error, "or 'first': the earliest record becomes time 0");
    return false;
  }
  out = *v.value;
  return true;
}

TypeDoc SecondsC::doc() const {
  return {positive ? "duration > 0" : "duration",
          schema::kDurationUnits,
          schema::duration(),
          nullptr,
          "",
          {}};
}

bool SecondsC::decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const {
  Duration v = 0;
  if (!DurC{positive}.decode(n, path, d, v)) return false;
  out = to_seconds(v);
  return true;
}

TypeDoc SizeC::doc() const {
  return {positive ? "size > 0" : "size",
          "bytes; Ki Mi Gi Ti Pi (x1024), k M G T P (x1000)",
          schema::any_of(Json::object().set("type", "integer").set("minimum", 0),
                         schema::pattern(std::string("^ *") + schema::kNum +
                                         " ?(Ki|Mi|Gi|Ti|Pi|k|K|M|G|T|P)? *$")),
          nullptr,
          "",
          {}};
}

bool SizeC::decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const {
  return decode_parsed(n, path, d, "a size like 256Gi", parse_size, out,
                       positive ? "must be more than 0" : nullptr);
}

TypeDoc MilliC::doc() const {
  return {positive ? "amount > 0" : "amount",
          "units (64, 0.5) or thousandths (500m)",
          schema::any_of(Json::object().set("type", "number").set("minimum", 0),
                         schema::pattern(std::string("^ *") + schema::kNum + " ?m? *$")),
          nullptr,
          "",
          {}};
}

bool MilliC::decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const {
  return decode_parsed(n, path, d, "an amount like 64 or 500m", parse_milli, out,
                       positive ? "must be more than 0" : nullptr);
}

TypeDoc RateC::doc() const {
  return {"rate > 0",
          "events per s, m, h, d or w (120/h)",
          schema::pattern(std::string("^ *") + schema::kNum + " */ *(s|sec|m|min|h|d|w) *$"),
          nullptr,
          "",
          {}};
}

bool RateC::decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const {
  return decode_parsed(n, path, d, "a rate like 120/h", parse_rate, out, "rate must be more than 0",
                       "remove the workload to have no arrivals");
}

TypeDoc QuantC::doc() const {
  return {positive ? "count or percentage > 0" : "count or percentage",
          "a count (3) or a share (5%)",
          schema::any_of(Json::object().set("type", "integer").set("minimum", positive ? 1 : 0),
                         schema::percent()),
          nullptr,
          "",
          {}};
}

bool QuantC::decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const {
  return decode_parsed(n, path, d, "a count or a percentage like 3 or 5%", parse_quantity, out,
                       positive ? "must be more than 0" : nullptr);
}

TypeDoc ProbC::doc() const {
  return {"probability",
          "0..1 or 0%..100%",
          schema::any_of(Json::object().set("type", "number").set("minimum", 0).set("maximum", 1),
                         schema::percent()),
          nullptr,
          "",
          {}};
}

bool ProbC::decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const {
  return decode_parsed(n, path, d, "a probability like 0.99 or 99%", parse_probability, out);
}

TypeDoc BandwidthC::doc() const {
  return {"bandwidth > 0",
          "bits or bytes per second (10Gbit/s, 1.25GB/s, 10Gbps)",
          schema::pattern(std::string("^ *") + schema::kNum +
                          " ?((bit|kbit|Kbit|Mbit|Gbit|Tbit|B|kB|KB|MB|GB|TB|KiB|MiB|GiB|TiB)/"
                          "s|(k|K|M|G|T)?bps) *$"),
          nullptr,
          "",
          {}};
}

bool BandwidthC::decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const {
  return decode_parsed(n, path, d, "a bandwidth like 10Gbit/s", parse_bandwidth, out,
                       "must be more than 0");
}

TypeDoc FileC::doc() const {
  return {"file",
          "path relative to the scenario file",
          Json::object().set("type", "string"),
          nullptr,
          "",
          {}};
}

bool FileC::decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const {
  const std::string* s = d.scalar(n, path, "a file name");
  if (!s) return false;
  const std::string resolved = d.resolve(*s);
  std::error_code ec;
  if (s->empty() || !std::filesystem::is_regular_file(resolved, ec)) {
    d.error(n, path, "file '" + *s + "' not found",
            "looked for " + resolved + "; names are relative to the scenario file");
    return false;
  }
  out = resolved;
  return true;
}

TypeDoc HoursC::doc() const {
  return {"hour range",
          "local hours START-END (9-17)",
          schema::pattern("^ *[0-9]{1,2} *- *[0-9]{1,2} *$"),
          nullptr,
          "",
          {}};
}

bool HoursC::decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const {
  const std::string* s = d.scalar(n, path, "an hour range like 9-17");
  if (!s) return false;
  const auto dash = s->find('-');
  const auto a =
      dash == std::string::npos ? Parsed<std::int64_t>{} : parse_integer(s->substr(0, dash));
  const auto b =
      dash == std::string::npos ? Parsed<std::int64_t>{} : parse_integer(s->substr(dash + 1));
  if (!a.value || !b.value) {
    d.error(n, path, "expected an hour range like 9-17, got '" + *s + "'");
    return false;
  }
  if (*a.value < 0 || *b.value > 24 || *a.value >= *b.value) {
    d.error(n, path, "hours must satisfy 0 <= start < end <= 24, got '" + *s + "'");
    return false;
  }
  out = {*a.value, *b.value};
  return true;
}

TypeDoc AssertValueC::doc() const {
  return {"number",
          "plain, a percentage (99.95% = 0.9995) or a duration in seconds (14d = 1209600)",
          schema::any_of(Json::object().set("type", "number"),
                         schema::pattern(std::string("^ *-?") + schema::kNum + " *% *$|^ *\\+?" +
                                         schema::kNum + " ?(us|ms|s|m|min|h|d|w|y) *$")),
          nullptr,
          "",
          {}};
}

bool AssertValueC::decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const {
  const std::string* s = d.scalar(n, path, "a number, a percentage or a duration");
  if (!s) return false;
  out.text = *s;
  if (const auto v = parse_number(*s); v.value) {
    out.value = *v.value;
    return true;
  }
  if (!s->empty() && s->back() == '%') {
    const auto v = parse_number(s->substr(0, s->size() - 1));
    if (v.value) {
      out.value = *v.value / 100.0;
      return true;
    }
  }
  if (const auto v = parse_duration(*s); v.value) {
    out.value = to_seconds(*v.value);
    return true;
  }
  d.error(n, path, "expected a number, a percentage (99.9%) or a duration (14d), got '" + *s + "'");
  return false;
}

}  // namespace fleetsim::scenario
