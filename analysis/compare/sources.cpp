#include "analysis/compare/sources.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <stdexcept>

#include "sim/io/chrome_trace.hpp"
#include "sim/io/importers/csv_row.hpp"
#include "sim/io/importers/event_table.hpp"
#include "sim/io/importers/line_reader.hpp"
#include "sim/io/importers/prometheus_json.hpp"
#include "sim/io/importers/swf_reader.hpp"
#include "sim/io/importers/telemetry_csv.hpp"
#include "sim/io/importers/text_parse.hpp"
#include "sim/io/trace_reader.hpp"

namespace fleetsim::analysis {

namespace {

const char* const kFormats[] = {"trace", "series-csv", "csv", "swf", "telemetry", "prometheus", "events"};

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// "name[column]" -> (name, column).
std::pair<std::string, std::string> split_column(const std::string& sel) {
  const auto open = sel.find('[');
  if (open == std::string::npos || sel.back() != ']') return {sel, ""};
  return {sel.substr(0, open), sel.substr(open + 1, sel.size() - open - 2)};
}

/// "metric{a=b,c=d}" -> (metric, {a: b, c: d}); values may be quoted.
std::pair<std::string, std::map<std::string, std::string>> split_labels(const std::string& sel) {
  std::map<std::string, std::string> labels;
  const auto open = sel.find('{');
  if (open == std::string::npos) return {sel, labels};
  if (sel.back() != '}') throw std::invalid_argument("selector '" + sel + "': labels must end with '}'");
  std::string body = sel.substr(open + 1, sel.size() - open - 2);
  std::size_t pos = 0;
  while (pos < body.size()) {
    auto comma = body.find(',', pos);
    if (comma == std::string::npos) comma = body.size();
    const std::string item = body.substr(pos, comma - pos);
    const auto eq = item.find('=');
    if (eq == std::string::npos) throw std::invalid_argument("selector '" + sel + "': expected label=value, got '" + item + "'");
    std::string v = item.substr(eq + 1);
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    labels[std::string(io::trim(item.substr(0, eq)))] = v;
    pos = comma + 1;
  }
  return {sel.substr(0, open), labels};
}

std::string describe(const io::TelemetrySeries& s) {
  std::string out = s.name + "{";
  bool first = true;
  for (const auto& [k, v] : s.labels) {
    out += (first ? "" : ",") + k + "=" + v;
    first = false;
  }
  return out + "}";
}

/// The one series matching name (empty = any) and labels (a subset).
CompareData pick_series(const std::vector<io::TelemetrySeries>& all, const std::string& file,
                        const std::string& selector) {
  const auto [name, labels] = split_labels(selector);
  std::vector<const io::TelemetrySeries*> hits;
  for (const auto& s : all) {
    if (!name.empty() && s.name != name) continue;
    bool ok = true;
    for (const auto& [k, v] : labels) {
      const auto it = s.labels.find(k);
      ok = ok && it != s.labels.end() && it->second == v;
    }
    if (ok) hits.push_back(&s);
  }
  if (hits.size() != 1) {
    std::string list;
    for (std::size_t i = 0; i < all.size() && i < 8; ++i) list += (i ? ", " : "") + describe(all[i]);
    if (all.size() > 8) list += ", ...";
    throw io::ImportError(file, 0,
                          (hits.empty() ? "no series matches '" : "several series match '") + selector +
                              "' (series: " + list + ")");
  }
  CompareData d;
  d.times = hits[0]->times_s;
  d.values = hits[0]->values;
  return d;
}

CompareData from_trace(const std::string& file, const std::string& selector) {
  io::TraceReader r(file);
  CompareData d;
  const auto [path, column] = split_column(selector);
  if (path.rfind("series/", 0) == 0) {
    d.values = r.numbers(path, column);
    d.times = r.series_time();
    d.unit = r.unit(path);
    return d;
  }
  if (path.rfind("jobs/", 0) == 0) {
    for (double v : r.numbers(path)) {
      if (std::isfinite(v)) d.values.push_back(v);
    }
    d.unit = r.unit(path);
    return d;
  }
  const bool events = path.rfind("events/", 0) == 0, spans = path.rfind("spans/", 0) == 0;
  if (events || spans) {
    const std::string name = path.substr(events ? 7 : 6);
    const std::vector<std::string> kinds = r.strings("names/kind");
    const std::vector<io::TraceEvent> log = r.events();
    if (events) {
      const auto it = std::find(kinds.begin(), kinds.end(), name);
      if (it == kinds.end()) throw io::ImportError(file, 0, "no event kind '" + name + "' in /names/kind");
      const auto code = static_cast<std::uint16_t>(it - kinds.begin());
      for (const auto& e : log) {
        if (e.kind == code) d.values.push_back(e.value);
      }
      return d;
    }
    const double end_s = r.number_attribute("duration_s");
    const io::SpanSet set = io::pair_spans(log, kinds, static_cast<std::int64_t>(std::llround(end_s * 1e6)));
    for (const auto& s : set.spans) {
      if (s.name == name && !s.open_at_end) d.values.push_back(static_cast<double>(s.end_us - s.begin_us) / 1e6);
    }
    d.unit = "s";
    return d;
  }
  throw io::ImportError(file, 0, "selector '" + selector +
                                     "': expected series/<group>/<metric>[<column>], jobs/<workload>/<column>, "
                                     "events/<kind> or spans/<name>");
}

CompareData from_csv_column(const std::string& file, const std::string& column) {
  io::LineReader reader(file);
  std::string_view line;
  io::CsvRow row;
  if (!reader.next(line)) throw io::ImportError(file, 1, "empty file: expected a header line");
  row.split(line, reader.location());
  const io::CsvHeader header(row, reader.location());
  const std::size_t c = header.require(column, reader.location());
  CompareData d;
  while (reader.next(line)) {
    if (io::trim(line).empty()) continue;
    row.split(line, reader.location());
    io::require_field_count(row, header.size(), reader.location());
    const std::string_view cell = io::trim(row[c]);
    if (cell.empty()) continue;
    const double v = io::require_double(cell, column, reader.location());
    if (std::isfinite(v)) d.values.push_back(v);
  }
  return d;
}

CompareData from_swf(const std::string& file, const std::string& field) {
  const io::SwfLog log = io::read_swf(file);
  CompareData d;
  d.unit = field == "procs" ? "processors" : "s";
  for (const auto& j : log.jobs) {
    std::optional<double> v;
    if (field == "wait" && j.wait_s) v = static_cast<double>(*j.wait_s);
    else if (field == "run" && j.run_s) v = static_cast<double>(*j.run_s);
    else if (field == "submit") v = static_cast<double>(j.submit_s);
    else if (field == "requested_time" && j.requested_time_s) v = static_cast<double>(*j.requested_time_s);
    else if (field == "procs" && (j.allocated_procs || j.requested_procs))
      v = static_cast<double>(j.allocated_procs ? *j.allocated_procs : *j.requested_procs);
    else if (field != "wait" && field != "run" && field != "submit" && field != "requested_time" && field != "procs")
      throw io::ImportError(file, 0, "SWF field '" + field + "': expected wait, run, submit, procs or requested_time");
    if (v) d.values.push_back(*v);
  }
  return d;
}

CompareData from_events(const std::string& file, const std::string& selector) {
  if (!selector.empty() && selector != "duration") {
    throw io::ImportError(file, 0, "event table selector '" + selector + "': expected duration");
  }
  CompareData d;
  d.unit = "s";
  for (const auto& e : io::read_event_table(file)) {
    if (e.end_s) d.values.push_back(*e.end_s - e.start_s);
  }
  return d;
}

void adjust(CompareData& d, const SourceAdjust& a) {
  for (double& v : d.values) v *= a.scale;
  if (!d.is_series()) return;
  std::size_t k = 0;  // missing samples (NaN) carry no information for an aligned comparison
  for (std::size_t i = 0; i < d.values.size(); ++i) {
    if (!std::isfinite(d.values[i]) || !std::isfinite(d.times[i])) continue;
    d.times[k] = d.times[i];
    d.values[k++] = d.values[i];
  }
  d.times.resize(k);
  d.values.resize(k);
  if (d.times.empty()) return;
  double shift = a.shift_s.value_or(0);
  if (a.shift_first) shift = d.times.front();
  if (shift != 0) {
    for (double& t : d.times) t -= shift;
  }
}

}  // namespace

CompareData load_source(const std::string& source, const std::string& default_trace, const std::string& base_dir,
                        const SourceAdjust& adj) {
  if (source.empty()) throw std::invalid_argument("empty source");
  std::string format, rest = source;
  const auto colon = source.find(':');
  if (colon != std::string::npos) {
    const std::string head = source.substr(0, colon);
    for (const char* f : kFormats) {
      if (head == f) {
        format = head;
        rest = source.substr(colon + 1);
      }
    }
  }
  std::string file, selector;
  const auto hash = rest.find('#');
  if (hash == std::string::npos && format.empty() && !std::filesystem::exists(std::filesystem::path(base_dir) / rest)) {
    if (default_trace.empty()) {
      throw std::invalid_argument("source '" + source + "' is neither a file nor a selector of a trace (no trace given)");
    }
    file = default_trace;
    selector = rest;
    format = "trace";
  } else {
    file = hash == std::string::npos ? rest : rest.substr(0, hash);
    selector = hash == std::string::npos ? "" : rest.substr(hash + 1);
    if (!base_dir.empty() && std::filesystem::path(file).is_relative()) file = (std::filesystem::path(base_dir) / file).string();
  }
  if (format.empty()) {
    if (ends_with(file, ".h5") || ends_with(file, ".hdf5")) format = "trace";
    else if (ends_with(file, ".swf") || ends_with(file, ".swf.gz")) format = "swf";
    else if (ends_with(file, ".json") || ends_with(file, ".json.gz")) format = "prometheus";
    else throw std::invalid_argument("source '" + source + "': say its format, e.g. csv:" + file + "#<column> (formats: trace, series-csv, csv, swf, telemetry, prometheus, events)");
  }
  CompareData d;
  if (format == "trace") {
    d = from_trace(file, selector);
  } else if (format == "series-csv") {
    io::TelemetryCsvOptions o;
    o.time_column = "time_s";
    o.label_columns = {"group", "column"};
    o.skip_missing_values = true;
    const auto [path, column] = split_column(selector);
    const auto slash = path.find('/');
    if (slash == std::string::npos) throw std::invalid_argument("series-csv selector '" + selector + "': expected <group>/<metric>[<column>]");
    std::string sel = path.substr(slash + 1) + "{group=" + path.substr(0, slash);
    sel += column.empty() ? "}" : ",column=" + column + "}";
    auto all = io::read_telemetry_csv(file, o);
    if (column.empty()) {  // fleet series have no column label: keep those only
      std::erase_if(all, [](const io::TelemetrySeries& s) { return s.labels.count("column") > 0; });
    }
    d = pick_series(all, file, sel);
  } else if (format == "csv") {
    if (selector.empty()) throw std::invalid_argument("source '" + source + "': name the column, csv:FILE#<column>");
    d = from_csv_column(file, selector);
  } else if (format == "swf") {
    d = from_swf(file, selector.empty() ? "wait" : selector);
  } else if (format == "telemetry") {
    d = pick_series(io::read_telemetry_csv(file), file, selector);
  } else if (format == "prometheus") {
    d = pick_series(io::read_prometheus_json(file), file, selector);
  } else {
    d = from_events(file, selector);
  }
  d.label = source;
  adjust(d, adj);
  if (d.values.empty()) throw io::ImportError(file, 0, "source '" + source + "' has no values");
  return d;
}

}  // namespace fleetsim::analysis
