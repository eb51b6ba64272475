#include "sim/io/importers/event_table.hpp"

#include "sim/io/importers/csv_row.hpp"
#include "sim/io/importers/line_reader.hpp"
#include "sim/io/importers/text_parse.hpp"

namespace fleetsim::io {

std::vector<TableEvent> read_event_table(const std::string& path,
                                         const EventTableOptions& options) {
  LineReader reader(path);
  std::string_view line;
  CsvRow row;
  if (!reader.next(line)) reader.fail("empty file: expected a header row naming the columns");
  row.split(line, reader.location());
  const CsvHeader header(row, reader.location());
  const std::size_t c_start = header.require(options.start_column, reader.location());
  const std::size_t c_end = header.require(options.end_column, reader.location());

  std::vector<TableEvent> out;
  while (reader.next(line)) {
    const SourceLocation loc = reader.location();
    if (trim(line).empty()) continue;
    row.split(line, loc);
    require_field_count(row, header.size(), loc);
    TableEvent e;
    e.line = loc.line;
    const std::string_view start = trim(row[c_start]);
    const auto s = parse_timestamp(start, options.time_unit);
    if (!s) {
      loc.fail(options.start_column + ": expected seconds or an RFC 3339 time, got " +
               quoted(start));
    }
    e.start_s = *s;
    const std::string_view end = trim(row[c_end]);
    if (end.empty()) {
      if (!options.allow_open_end) loc.fail(options.end_column + " is empty");
    } else {
      const auto t = parse_timestamp(end, options.time_unit);
      if (!t) {
        loc.fail(options.end_column + ": expected seconds or an RFC 3339 time, got " + quoted(end));
      }
      if (*t < *s) {
        loc.fail(options.end_column + " " + quoted(end) + " is before " + options.start_column +
                 " " + quoted(start));
      }
      e.end_s = *t;
    }
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (i == c_start || i == c_end) continue;
      const std::string_view v = trim(row[i]);
      if (!v.empty()) e.attributes.emplace(header.names()[i], std::string(v));
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace fleetsim::io
