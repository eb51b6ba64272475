#include "sim/scenario/empirical.hpp"

#include <fstream>
#include <sstream>

#include "sim/core/time.hpp"
#include "sim/scenario/units.hpp"

namespace fleetsim::scenario {

namespace {

constexpr std::size_t kMaxErrors = 5;

struct Cell {
  std::string text;
  int column = 1;  // 1-based character column where the cell starts
};

std::string trim(const std::string& s) {
  const auto a = s.find_first_not_of(" \t");
  if (a == std::string::npos) return "";
  const auto b = s.find_last_not_of(" \t");
  return s.substr(a, b - a + 1);
}

/// Splits a CSV line; fields may be quoted with "..." ("" is a quote inside).
std::vector<Cell> split_csv(const std::string& line) {
  std::vector<Cell> cells;
  Cell cur;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cur.text += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cur.text += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      cur.text = trim(cur.text);
      cells.push_back(cur);
      cur = Cell{"", static_cast<int>(i) + 2};
    } else {
      cur.text += c;
    }
  }
  cur.text = trim(cur.text);
  cells.push_back(cur);
  return cells;
}

}  // namespace

EmpiricalColumn read_empirical_column(const std::string& file, const std::string& column,
                                      const Location& column_where, const std::string& path) {
  EmpiricalColumn out;
  auto add = [&](const Location& where, std::string msg, std::string hint = {}) {
    out.errors.push_back(Diagnostic::make(where, path, std::move(msg), std::move(hint)));
  };
  std::ifstream in(file);
  if (!in) {
    add(column_where, "cannot read '" + file + "'");
    return out;
  }
  auto error = [&](int line, int col, std::string msg) {
    if (out.errors.size() < kMaxErrors) add(Location{file, line, col}, std::move(msg));
  };
  std::string line;
  int line_no = 0;
  std::vector<Cell> header;
  std::size_t index = 0;
  std::size_t bad = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (trim(line).empty()) continue;
    std::vector<Cell> cells = split_csv(line);
    if (header.empty()) {
      header = cells;
      std::vector<std::string> names;
      for (const Cell& c : header) names.push_back(c.text);
      index = header.size();
      for (std::size_t i = 0; i < header.size(); ++i) {
        if (header[i].text == column) index = i;
      }
      if (index == header.size()) {
        const auto n = parse_integer(column);
        if (n.value && *n.value >= 1 && static_cast<std::size_t>(*n.value) <= header.size()) {
          index = static_cast<std::size_t>(*n.value - 1);
        } else {
          add(column_where, "no column '" + column + "' in " + file,
              "columns: " + join_names(names) + "; or a 1-based index up to " +
                  std::to_string(names.size()));
          return out;
        }
      }
      continue;
    }
    if (index >= cells.size()) {
      ++bad;
      error(line_no, 1,
            "this row has " + std::to_string(cells.size()) +
                (cells.size() == 1 ? " column" : " columns") + ", the header has " +
                std::to_string(header.size()));
      continue;
    }
    const Cell& c = cells[index];
    if (c.text.empty()) {
      ++bad;
      error(line_no, c.column, "empty value in column '" + header[index].text + "'");
      continue;
    }
    double seconds = 0;
    if (const auto v = parse_number(c.text); v.value) {
      seconds = *v.value;
    } else if (const auto dv = parse_duration(c.text, false, true); dv.value) {
      seconds = to_seconds(*dv.value);
    } else {
      ++bad;
      error(line_no, c.column, "'" + c.text + "' is not a number of seconds or a duration");
      continue;
    }
    if (seconds < 0) {
      ++bad;
      error(line_no, c.column, "negative value '" + c.text + "'");
      continue;
    }
    out.samples.push_back(seconds);
  }
  if (bad > kMaxErrors) {
    add(Location{file, 0, 0}, std::to_string(bad - kMaxErrors) + " more bad values not shown");
  }
  if (header.empty()) {
    add(Location{file, 0, 0}, "the file is empty (expected a header line, then values)");
  } else if (out.samples.empty() && bad == 0) {
    add(Location{file, line_no, 0}, "column '" + header[index].text + "' has no values");
  }
  return out;
}

}  // namespace fleetsim::scenario
