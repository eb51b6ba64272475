#include "sim/io/importers/vm_utilisation.hpp"

#include <cmath>
#include <cstdio>
#include <unordered_map>

#include "sim/io/importers/civil_time.hpp"
#include "sim/io/importers/csv_row.hpp"
#include "sim/io/importers/line_reader.hpp"
#include "sim/io/importers/text_parse.hpp"

namespace fleetsim::io {

namespace {

// Midnight UTC of a "YYYYMMDD" day, or nullopt.
std::optional<double> day_start(std::string_view day) {
  if (day.size() != 8) return std::nullopt;
  for (const char c : day) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  const std::string iso = std::string(day.substr(0, 4)) + "-" + std::string(day.substr(4, 2)) +
                          "-" + std::string(day.substr(6, 2)) + "T00:00:00Z";
  return parse_rfc3339(iso);
}

std::string day_from_name(const std::string& path) {
  const std::string stem = file_stem(path);
  std::size_t run = 0;
  for (std::size_t i = 0; i < stem.size(); ++i) {
    run = (stem[i] >= '0' && stem[i] <= '9') ? run + 1 : 0;
    if (run == 8 && (i + 1 == stem.size() || stem[i + 1] < '0' || stem[i + 1] > '9')) {
      return stem.substr(i - 7, 8);
    }
  }
  return {};
}

double non_negative(std::string_view s, const std::string& column, const SourceLocation& loc) {
  const double v = require_double(trim(s), column, loc);
  if (!(v >= 0) || std::isinf(v))
    loc.fail(column + ": expected a finite value >= 0, got " + quoted(s));
  return v;
}

}  // namespace

std::vector<VmCpuSeries> read_planetlab_cpu(const std::string& path,
                                            const PlanetLabOptions& options) {
  LineReader reader(path);
  std::string_view line;
  CsvRow row;
  if (!reader.next(line)) reader.fail("empty file: expected a header row (day,vm,t000,...)");
  row.split(line, reader.location());
  const CsvHeader header(row, reader.location());
  const SourceLocation h = reader.location();
  const int c_day = header.find("day");
  const std::size_t c_vm = header.require("vm", h);
  const std::size_t first = c_vm + 1;
  if (c_vm != (c_day >= 0 ? 1u : 0u))
    h.fail("expected the columns day (optional), vm, then t000, t001, ...");
  const std::size_t samples = header.size() - first;
  if (samples == 0) h.fail("no sample columns t000, t001, ... after vm");
  for (std::size_t i = 0; i < samples; ++i) {
    char want[16];
    std::snprintf(want, sizeof want, "t%03zu", i);
    if (header.names()[first + i] != want) {
      h.fail("column " + std::to_string(first + i + 1) + " is " +
             quoted(header.names()[first + i]) + ", expected " + want);
    }
  }
  std::string fixed_day = options.day.empty() ? day_from_name(path) : options.day;
  if (c_day < 0 && !day_start(fixed_day)) {
    h.fail("the file has no day column and no YYYYMMDD day was given or found in its name");
  }

  std::vector<VmCpuSeries> out;
  while (reader.next(line)) {
    const SourceLocation loc = reader.location();
    if (trim(line).empty()) continue;
    row.split(line, loc);
    require_field_count(row, header.size(), loc);
    VmCpuSeries s;
    s.period = c_day >= 0 ? std::string(trim(row[static_cast<std::size_t>(c_day)])) : fixed_day;
    const auto t0 = day_start(s.period);
    if (!t0) loc.fail("day: expected YYYYMMDD, got " + quoted(s.period));
    s.vm = std::string(trim(row[c_vm]));
    if (s.vm.empty()) loc.fail("vm is empty");
    s.times_s.resize(samples);
    s.cpu_pct.resize(samples);
    for (std::size_t i = 0; i < samples; ++i) {
      s.times_s[i] = *t0 + static_cast<double>(i) * options.sample_interval_s;
      s.cpu_pct[i] = non_negative(row[first + i], header.names()[first + i], loc);
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<VmCpuSeries> read_bitbrains_cpu(const std::string& path,
                                            const BitbrainsOptions& options) {
  LineReader reader(path);
  std::string_view line;
  CsvRow row;
  if (!reader.next(line))
    reader.fail("empty file: expected a header row (vm,month,timestamp_s,...)");
  row.split(line, reader.location());
  const CsvHeader header(row, reader.location());
  const SourceLocation h = reader.location();
  const std::size_t c_vm = header.require("vm", h);
  const std::size_t c_time = header.require("timestamp_s", h);
  const std::size_t c_cap = header.require("cpu_capacity_provisioned_mhz", h);
  const std::size_t c_mhz = header.require("cpu_usage_mhz", h);
  const std::size_t c_pct = header.require("cpu_usage_pct", h);

  std::vector<VmCpuSeries> out;
  std::unordered_map<std::string, std::size_t> index;
  while (reader.next(line)) {
    const SourceLocation loc = reader.location();
    if (trim(line).empty()) continue;
    row.split(line, loc);
    require_field_count(row, header.size(), loc);
    const std::string_view vm = trim(row[c_vm]);
    if (vm.empty()) loc.fail("vm is empty");
    auto [it, inserted] = index.try_emplace(std::string(vm), out.size());
    if (inserted) {
      out.emplace_back();
      out.back().vm = std::string(vm);
    }
    VmCpuSeries& s = out[it->second];
    const double t = static_cast<double>(require_int(trim(row[c_time]), "timestamp_s", loc));
    if (!s.times_s.empty() && t < s.times_s.back()) {
      loc.fail("timestamp_s " + quoted(trim(row[c_time])) + " goes back in time for vm " +
               quoted(vm));
    }
    if (options.drop_repeated_timestamps && !s.times_s.empty() && t == s.times_s.back()) continue;
    s.times_s.push_back(t);
    s.capacity_mhz.push_back(non_negative(row[c_cap], "cpu_capacity_provisioned_mhz", loc));
    s.cpu_mhz.push_back(non_negative(row[c_mhz], "cpu_usage_mhz", loc));
    s.cpu_pct.push_back(non_negative(row[c_pct], "cpu_usage_pct", loc));
  }
  return out;
}

}  // namespace fleetsim::io
