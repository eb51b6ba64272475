#include "sim/io/series_csv.hpp"

#include <cmath>

#include "sim/core/time.hpp"
#include "sim/io/atomic_file.hpp"
#include "sim/io/json.hpp"

namespace fleetsim::io {

namespace {

constexpr std::size_t kFlushBytes = 1 << 20;

std::string csv_number(double v) {
  if (std::isnan(v)) return "";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  return format_double(v);
}

}  // namespace

void append_csv_field(std::string& out, const std::string& field) {
  if (field.find_first_of(",\"\r\n") == std::string::npos) {
    out += field;
    return;
  }
  out += '"';
  for (const char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void write_series_csv(const std::string& path, const std::vector<std::int64_t>& sample_times_us,
                      const std::vector<SeriesGroup>& groups) {
  check_series(sample_times_us, groups);
  std::vector<std::string> times;
  times.reserve(sample_times_us.size());
  for (const std::int64_t t : sample_times_us) times.push_back(format_double(to_seconds(t)));

  AtomicTextFile file(path);
  std::string buf = "time_s,group,metric,column,value\n";
  for (const SeriesGroup& g : groups) {
    std::string prefix;  // ",group,metric," after the time
    prefix += ',';
    append_csv_field(prefix, g.group);
    prefix += ',';
    append_csv_field(prefix, g.metric);
    prefix += ',';
    std::vector<std::string> columns;
    for (const std::string& c : g.columns) {
      columns.emplace_back();
      append_csv_field(columns.back(), c);
    }
    if (columns.empty()) columns.emplace_back();
    for (std::size_t t = 0; t < times.size(); ++t) {
      for (std::size_t c = 0; c < columns.size(); ++c) {
        buf += times[t];
        buf += prefix;
        buf += columns[c];
        buf += ',';
        buf += csv_number(g.values[t * columns.size() + c]);
        buf += '\n';
      }
      if (buf.size() >= kFlushBytes) {
        file.stream().write(buf.data(), static_cast<std::streamsize>(buf.size()));
        buf.clear();
      }
    }
  }
  file.stream().write(buf.data(), static_cast<std::streamsize>(buf.size()));
  file.commit();
}

}  // namespace fleetsim::io
