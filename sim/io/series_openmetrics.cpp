#include "sim/io/series_openmetrics.hpp"

#include <cmath>
#include <map>
#include <stdexcept>

#include "sim/core/time.hpp"
#include "sim/io/atomic_file.hpp"
#include "sim/io/json.hpp"

namespace fleetsim::io {

namespace {

constexpr std::size_t kFlushBytes = 1 << 20;

// ASCII only, whatever the global locale says.
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_name_char(char c, bool allow_colon) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_' ||
         (allow_colon && c == ':');
}

std::string sanitize(std::string_view name, bool allow_colon) {
  std::string out;
  out.reserve(name.size() + 1);
  for (const char c : name) out += is_name_char(c, allow_colon) ? c : '_';
  if (out.empty() || is_digit(out[0])) out.insert(0, "_");
  return out;
}

// Label values: backslash, double quote and line feed are escaped.
void append_label_value(std::string& out, const std::string& value) {
  for (const char c : value) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
}

// HELP text: backslash and line feed escaped; a double quote becomes a single quote, the
// one spelling both the OpenMetrics and the Prometheus text parsers accept.
std::string help_text(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        break;
      case '"':
        out += '\'';
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string number(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  return format_double(v);
}

}  // namespace

std::string sanitize_metric_name(std::string_view name) {
  return sanitize(name, true);
}

std::string sanitize_label_name(std::string_view name) {
  std::string out = sanitize(name, false);
  while (out.size() > 1 && out[0] == '_' && out[1] == '_') out.erase(0, 1);
  return out;
}

std::string openmetrics_unit(std::string_view unit) {
  // Spellings of physical units -> the OpenMetrics (base-unit style) name. Anything else
  // (hosts, replicas, cores, people: counts) has no OpenMetrics unit.
  static const std::map<std::string_view, std::string_view> kUnits = {
      {"s", "seconds"},       {"sec", "seconds"},
      {"second", "seconds"},  {"seconds", "seconds"},
      {"ms", "milliseconds"}, {"milliseconds", "milliseconds"},
      {"us", "microseconds"}, {"microseconds", "microseconds"},
      {"min", "minutes"},     {"minutes", "minutes"},
      {"h", "hours"},         {"hours", "hours"},
      {"d", "days"},          {"days", "days"},
      {"B", "bytes"},         {"byte", "bytes"},
      {"bytes", "bytes"},     {"ratio", "ratio"},
      {"fraction", "ratio"},  {"%", "percent"},
      {"percent", "percent"}, {"W", "watts"},
      {"watts", "watts"},     {"J", "joules"},
      {"joules", "joules"},   {"celsius", "celsius"}};
  const auto it = kUnits.find(unit);
  return it != kUnits.end() ? std::string(it->second) : std::string();
}

std::string openmetrics_family_name(const std::string& prefix, const SeriesGroup& series) {
  std::string name = sanitize_metric_name(prefix + series.group + "_" + series.metric);
  const std::string unit = openmetrics_unit(series.unit);
  const std::string suffix = "_" + unit;
  if (!unit.empty() && (name.size() < suffix.size() ||
                        name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)) {
    name += suffix;
  }
  return name;
}

std::string openmetrics_timestamp(std::int64_t time_us) {
  const bool negative = time_us < 0;
  const std::uint64_t magnitude =
      negative ? 0 - static_cast<std::uint64_t>(time_us) : static_cast<std::uint64_t>(time_us);
  std::string out = (negative ? "-" : "") + std::to_string(magnitude / 1'000'000);
  std::uint64_t frac = magnitude % 1'000'000;
  if (frac != 0) {
    std::string digits = std::to_string(frac);
    digits.insert(0, 6 - digits.size(), '0');
    while (digits.back() == '0') digits.pop_back();
    out += "." + digits;
  }
  return out;
}

void write_series_openmetrics(const std::string& path,
                              const std::vector<std::int64_t>& sample_times_us,
                              const std::vector<SeriesGroup>& groups, const std::string& prefix,
                              std::int64_t start_unix_s) {
  check_series(sample_times_us, groups);
  std::map<std::string, const SeriesGroup*> families;
  for (const SeriesGroup& g : groups) {
    const auto [it, fresh] = families.emplace(openmetrics_family_name(prefix, g), &g);
    if (!fresh) {
      throw std::invalid_argument("series " + g.group + "/" + g.metric + " and " +
                                  it->second->group + "/" + it->second->metric +
                                  " both become OpenMetrics family '" + it->first + "'");
    }
  }
  std::vector<std::string> stamps;
  for (const std::int64_t t : sample_times_us) {
    stamps.push_back(openmetrics_timestamp(t + seconds(start_unix_s)));
  }

  AtomicTextFile file(path);
  std::string buf;
  auto flush = [&] {
    file.stream().write(buf.data(), static_cast<std::streamsize>(buf.size()));
    buf.clear();
  };
  for (const SeriesGroup& g : groups) {
    const std::string name = openmetrics_family_name(prefix, g);
    const std::string unit = openmetrics_unit(g.unit);
    buf += "# TYPE " + name + " gauge\n";
    if (!unit.empty()) buf += "# UNIT " + name + " " + unit + "\n";
    std::string help = g.description.empty() ? g.group + " " + g.metric : g.description;
    if (unit.empty() && !g.unit.empty() && g.unit != "1") help += " (unit: " + g.unit + ")";
    buf += "# HELP " + name + " " + help_text(help) + "\n";
    const std::string label = sanitize_label_name(g.group);
    const std::size_t width = g.width();
    for (std::size_t c = 0; c < width; ++c) {
      std::string series = name;
      if (!g.columns.empty()) {
        series += "{" + label + "=\"";
        append_label_value(series, g.columns[c]);
        series += "\"}";
      }
      for (std::size_t t = 0; t < stamps.size(); ++t) {
        buf += series;
        buf += ' ';
        buf += number(g.values[t * width + c]);
        buf += ' ';
        buf += stamps[t];
        buf += '\n';
      }
      if (buf.size() >= kFlushBytes) flush();
    }
  }
  buf += "# EOF\n";
  flush();
  file.commit();
}

}  // namespace fleetsim::io
