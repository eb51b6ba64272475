#include "sim/io/importers/csv_row.hpp"

#include "sim/io/importers/text_parse.hpp"

namespace fleetsim::io {

void CsvRow::split(std::string_view line, const SourceLocation& loc, char separator) {
  fields_.clear();
  if (line.find('"') == std::string_view::npos) {
    // Fast path: no quoting anywhere on the line.
    std::size_t start = 0;
    for (;;) {
      const std::size_t pos = line.find(separator, start);
      if (pos == std::string_view::npos) {
        fields_.push_back(line.substr(start));
        return;
      }
      fields_.push_back(line.substr(start, pos - start));
      start = pos + 1;
    }
  }
  // Quoted fields are unescaped into unquoted_, reserved up front so that views into it
  // stay valid while it grows.
  unquoted_.clear();
  unquoted_.reserve(line.size());
  std::size_t i = 0;
  for (;;) {
    if (i < line.size() && line[i] == '"') {
      const std::size_t out_start = unquoted_.size();
      const std::size_t open = i++;
      for (;;) {
        if (i >= line.size()) {
          loc.fail("unterminated quote in field " + std::to_string(fields_.size() + 1) +
                   " (opened at column " + std::to_string(open + 1) + ")");
        }
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            unquoted_ += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        unquoted_ += line[i++];
      }
      fields_.push_back(std::string_view(unquoted_).substr(out_start));
      if (i == line.size()) return;
      if (line[i] != separator) {
        loc.fail("text after the closing quote of field " + std::to_string(fields_.size()) +
                 " at column " + std::to_string(i + 1));
      }
      ++i;
      continue;
    }
    std::size_t end = line.find(separator, i);
    if (end == std::string_view::npos) end = line.size();
    const std::string_view field = line.substr(i, end - i);
    if (field.find('"') != std::string_view::npos) {
      loc.fail("stray quote inside unquoted field " + std::to_string(fields_.size() + 1) + " " +
               quoted(field));
    }
    fields_.push_back(field);
    if (end == line.size()) return;
    i = end + 1;
  }
}

CsvHeader::CsvHeader(const CsvRow& row, const SourceLocation& loc) {
  names_.reserve(row.size());
  for (std::size_t i = 0; i < row.size(); ++i) {
    std::string name(trim(row[i]));
    if (i == 0 && name.size() >= 3 && name.compare(0, 3, "\xEF\xBB\xBF") == 0) name.erase(0, 3);
    if (find(name) >= 0) loc.fail("duplicate column " + quoted(name) + " in the header");
    names_.push_back(std::move(name));
  }
}

int CsvHeader::find(std::string_view name) const {
  for (std::size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == name) return static_cast<int>(i);
  }
  return -1;
}

std::size_t CsvHeader::require(std::string_view name, const SourceLocation& loc) const {
  const int i = find(name);
  if (i < 0) {
    std::string list;
    for (const auto& n : names_) list += (list.empty() ? "" : ", ") + n;
    loc.fail("missing column " + quoted(name) + " (the header has: " + list + ")");
  }
  return static_cast<std::size_t>(i);
}

void require_field_count(const CsvRow& row, std::size_t expected, const SourceLocation& loc) {
  if (row.size() != expected) {
    loc.fail("expected " + std::to_string(expected) + " fields, found " +
             std::to_string(row.size()));
  }
}

}  // namespace fleetsim::io
