#include "sim/io/importers/lanl_failures.hpp"

#include <array>
#include <limits>

#include "sim/io/importers/civil_time.hpp"
#include "sim/io/importers/csv_row.hpp"
#include "sim/io/importers/line_reader.hpp"
#include "sim/io/importers/text_parse.hpp"

namespace fleetsim::io {

namespace {

constexpr std::array<const char*, 6> kCauseColumns = {"Facilities", "Hardware",     "Human Error",
                                                      "Network",    "Undetermined", "Software"};

std::optional<int> opt_small_int(std::string_view s, const char* column,
                                 const SourceLocation& loc) {
  s = trim(s);
  if (s.empty()) return std::nullopt;
  const std::int64_t v = require_int(s, column, loc);
  if (v < 0 || v > std::numeric_limits<int>::max()) {
    loc.fail(std::string(column) + ": value " + quoted(s) + " out of range");
  }
  return static_cast<int>(v);
}

double parse_when(std::string_view s, const char* column, LanlTimeZone zone,
                  const SourceLocation& loc) {
  const auto t = parse_us_date_time(trim(s));
  if (!t) loc.fail(std::string(column) + ": expected 'm/d/yyyy H:MM', got " + quoted(s));
  return zone == LanlTimeZone::kUsMountain ? us_mountain_to_utc_seconds(*t) : t->as_utc_seconds();
}

}  // namespace

const char* outage_cause_name(OutageCause c) {
  return kCauseColumns[static_cast<std::size_t>(c)];
}

std::vector<LanlOutage> read_lanl_failures(const std::string& path, LanlTimeZone zone) {
  LineReader reader(path);
  std::string_view line;
  CsvRow row;
  if (!reader.next(line))
    reader.fail("empty file: expected a header row (System,machine type,...)");
  row.split(line, reader.location());
  const CsvHeader header(row, reader.location());
  const SourceLocation h = reader.location();
  const std::size_t c_system = header.require("System", h);
  const std::size_t c_type = header.require("machine type", h);
  const std::size_t c_nodes = header.require("nodes", h);
  const std::size_t c_procs = header.require("procstot", h);
  const std::size_t c_pin = header.require("procsinnode", h);
  const std::size_t c_node = header.require("nodenumz", h);
  const std::size_t c_purpose = header.require("purpose", h);
  const std::size_t c_start = header.require("Prob Started", h);
  const std::size_t c_end = header.require("Prob Fixed", h);
  const std::size_t c_down = header.require("Down Time", h);
  const std::size_t c_same = header.require("Same Event", h);
  std::array<std::size_t, 6> c_cause{};
  for (std::size_t i = 0; i < kCauseColumns.size(); ++i)
    c_cause[i] = header.require(kCauseColumns[i], h);

  std::vector<LanlOutage> out;
  while (reader.next(line)) {
    const SourceLocation loc = reader.location();
    if (trim(line).empty()) continue;
    row.split(line, loc);
    require_field_count(row, header.size(), loc);
    LanlOutage o;
    const auto system = opt_small_int(row[c_system], "System", loc);
    if (!system) loc.fail("System is empty");
    o.system = *system;
    o.machine_type = std::string(trim(row[c_type]));
    o.system_nodes = opt_small_int(row[c_nodes], "nodes", loc);
    o.procs_total = opt_small_int(row[c_procs], "procstot", loc);
    o.procs_in_node = opt_small_int(row[c_pin], "procsinnode", loc);
    o.node = opt_small_int(row[c_node], "nodenumz", loc);
    o.purpose = std::string(trim(row[c_purpose]));
    o.start_s = parse_when(row[c_start], "Prob Started", zone, loc);
    o.end_s = parse_when(row[c_end], "Prob Fixed", zone, loc);
    if (o.end_s < o.start_s) {
      loc.fail("Prob Fixed " + quoted(row[c_end]) + " is before Prob Started " +
               quoted(row[c_start]));
    }
    o.down_time_min = require_int(trim(row[c_down]), "Down Time", loc);
    if (o.down_time_min < 0) loc.fail("Down Time: negative value " + quoted(row[c_down]));
    for (std::size_t i = 0; i < c_cause.size(); ++i) {
      const std::string_view text = trim(row[c_cause[i]]);
      if (text.empty()) continue;
      if (o.cause) {
        loc.fail(std::string("two root-cause columns are filled: ") + outage_cause_name(*o.cause) +
                 " and " + kCauseColumns[i]);
      }
      o.cause = static_cast<OutageCause>(i);
      o.cause_detail = std::string(text);
    }
    const std::string_view same = trim(row[c_same]);
    if (same == "Yes" || same == "Y")
      o.same_event = true;
    else if (same == "No" || same == "N" || same.empty())
      o.same_event = false;
    else
      loc.fail("Same Event: expected Yes or No, got " + quoted(same));
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace fleetsim::io
