#include "sim/io/importers/telemetry_csv.hpp"

#include <unordered_map>

#include "sim/io/importers/csv_row.hpp"
#include "sim/io/importers/line_reader.hpp"
#include "sim/io/importers/text_parse.hpp"

namespace fleetsim::io {

namespace {

bool is_missing(std::string_view s) {
  return s.empty() || s == "NULL" || s == "None";
}

}  // namespace

std::vector<TelemetrySeries> read_telemetry_csv(const std::string& path,
                                                const TelemetryCsvOptions& options) {
  LineReader reader(path);
  std::string_view line;
  CsvRow row;
  if (!reader.next(line)) reader.fail("empty file: expected a header row naming the columns");
  row.split(line, reader.location());
  const CsvHeader header(row, reader.location());
  const SourceLocation h = reader.location();
  const std::size_t c_time = header.require(options.time_column, h);
  const std::size_t c_value = header.require(options.value_column, h);
  const int c_metric = header.find(options.metric_column);
  const std::string fixed_name =
      options.metric_name.empty() ? file_stem(path) : options.metric_name;

  std::vector<std::size_t> label_cols;
  if (options.label_columns.empty()) {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (i != c_time && i != c_value && static_cast<int>(i) != c_metric) label_cols.push_back(i);
    }
  } else {
    for (const auto& name : options.label_columns) label_cols.push_back(header.require(name, h));
  }

  std::vector<TelemetrySeries> out;
  std::unordered_map<std::string, std::size_t> index;  // series key -> position in out
  std::string key;
  while (reader.next(line)) {
    const SourceLocation loc = reader.location();
    if (trim(line).empty()) continue;
    row.split(line, loc);
    require_field_count(row, header.size(), loc);
    const std::string_view value_text = trim(row[c_value]);
    if (is_missing(value_text) && options.skip_missing_values) continue;
    const auto value = parse_double(value_text);
    if (!value) loc.fail(options.value_column + ": expected a number, got " + quoted(value_text));
    const std::string_view time_text = trim(row[c_time]);
    const auto t = parse_timestamp(time_text, options.time_unit);
    if (!t) {
      loc.fail(options.time_column + ": expected seconds or an RFC 3339 time, got " +
               quoted(time_text));
    }
    const std::string_view metric = c_metric >= 0 ? trim(row[static_cast<std::size_t>(c_metric)])
                                                  : std::string_view(fixed_name);
    if (metric.empty()) loc.fail(options.metric_column + " is empty");
    // The key separates fields with characters that cannot appear in one CSV line.
    key.assign(metric);
    for (const std::size_t c : label_cols) {
      key += '\n';
      const std::string_view v = trim(row[c]);
      if (!is_missing(v)) key.append(v);
    }
    auto [it, inserted] = index.try_emplace(key, out.size());
    if (inserted) {
      TelemetrySeries s;
      s.name = std::string(metric);
      for (const std::size_t c : label_cols) {
        const std::string_view v = trim(row[c]);
        if (!is_missing(v)) s.labels.emplace(header.names()[c], std::string(v));
      }
      out.push_back(std::move(s));
    }
    TelemetrySeries& s = out[it->second];
    s.times_s.push_back(*t);
    s.values.push_back(*value);
  }
  for (auto& s : out) sort_samples_by_time(s);
  return out;
}

}  // namespace fleetsim::io
