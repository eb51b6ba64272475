#pragma once
/// A table stored column by column: what a replay records per job (simulated wait next
/// to the log's recorded wait, ...). The HDF5 trace keeps it as /jobs/<name>/<column>
/// (1-D datasets of equal length), the CSV export as one row per table row.

#include <cstddef>
#include <string>
#include <vector>

namespace fleetsim::io {

struct Column {
  std::string name;         ///< dataset / CSV column name
  std::string unit;         ///< "s", "1", "processors", ...
  std::string description;
  std::vector<double> values;
  bool integer = false;     ///< stored as int64 (values are whole numbers); else float64, NaN = missing
};

struct ColumnTable {
  std::string name;         ///< e.g. the workload name; a valid dataset name
  std::string description;
  std::vector<Column> columns;
  /// Rows (the common column length); throws std::invalid_argument when columns differ.
  std::size_t rows() const;
};

/// The CSV text: a header of column names, then one row per table row; numbers in
/// shortest round-trip form, integers without a decimal point, NaN as an empty cell.
std::string column_table_csv(const ColumnTable& table);

/// Writes column_table_csv(table) atomically (temporary file, then rename); throws OutputError.
void write_column_table_csv(const std::string& path, const ColumnTable& table);

}  // namespace fleetsim::io
