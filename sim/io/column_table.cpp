#include "sim/io/column_table.hpp"

#include <cmath>
#include <stdexcept>

#include "sim/io/atomic_file.hpp"
#include "sim/io/json.hpp"
#include "sim/io/series_csv.hpp"

namespace fleetsim::io {

std::size_t ColumnTable::rows() const {
  const std::size_t n = columns.empty() ? 0 : columns.front().values.size();
  for (const Column& c : columns) {
    if (c.values.size() != n) {
      throw std::invalid_argument("table '" + name + "': column '" + c.name + "' has " +
                                  std::to_string(c.values.size()) + " rows, '" +
                                  columns.front().name + "' has " + std::to_string(n));
    }
  }
  return n;
}

std::string column_table_csv(const ColumnTable& table) {
  const std::size_t n = table.rows();
  std::string out;
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    if (c) out += ',';
    append_csv_field(out, table.columns[c].name);
  }
  out += '\n';
  for (std::size_t r = 0; r < n; ++r) {
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      if (c) out += ',';
      const double v = table.columns[c].values[r];
      if (std::isnan(v)) continue;
      if (std::isinf(v)) {
        out += v > 0 ? "inf" : "-inf";
      } else {
        out += format_double(v);
      }
    }
    out += '\n';
  }
  return out;
}

void write_column_table_csv(const std::string& path, const ColumnTable& table) {
  AtomicTextFile f(path);
  f.stream() << column_table_csv(table);
  f.commit();
}

}  // namespace fleetsim::io
