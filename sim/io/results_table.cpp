#include "sim/io/results_table.hpp"

#include <cmath>
#include <stdexcept>

#include "sim/io/atomic_file.hpp"
#include "sim/io/json.hpp"

namespace fleetsim::io {

namespace {

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos && (s.empty() || (s.front() != ' ' && s.back() != ' '))) {
    return s;
  }
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string table_csv(const ResultsTable& table) {
  const std::size_t rows = table.rows();
  for (const TableColumn& c : table.columns) {
    if (c.size() != rows) throw std::invalid_argument("column '" + c.name + "' has a different length");
  }
  std::string out;
  for (std::size_t j = 0; j < table.columns.size(); ++j) {
    out += (j ? "," : "") + csv_cell(table.columns[j].name);
  }
  out += "\n";
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t j = 0; j < table.columns.size(); ++j) {
      const TableColumn& c = table.columns[j];
      if (j) out += ",";
      if (!c.numeric) {
        out += csv_cell(c.texts[i]);
      } else if (std::isfinite(c.numbers[i])) {
        out += format_double(c.numbers[i]);
      }
    }
    out += "\n";
  }
  return out;
}

void write_table_csv(const std::string& path, const ResultsTable& table) {
  const std::string text = table_csv(table);
  AtomicTextFile f(path);
  f.stream() << text;
  f.commit();
}

}  // namespace fleetsim::io
