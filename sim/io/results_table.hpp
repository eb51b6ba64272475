#pragma once
/// A results table (one row per experiment point, typed columns) and its two file forms:
/// CSV (RFC 4180: a header row, text quoted when needed, numbers in shortest round-trip
/// form, an empty cell for NaN) and HDF5 (one 1-D dataset per column under /table, read
/// with `pandas.DataFrame({c: f["table"][c][:] for c in f["table"].attrs["columns"]})`).
/// Both are written atomically and are byte-identical for identical tables.

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace fleetsim::io {

/// One column: numbers (float64) or text, with a unit and a description for HDF5.
struct TableColumn {
  std::string name;
  bool numeric = true;
  std::vector<double> numbers;     ///< when numeric
  std::vector<std::string> texts;  ///< when not numeric
  std::string unit;                ///< e.g. "1", "s", "text"
  std::string description;
  std::size_t size() const { return numeric ? numbers.size() : texts.size(); }
};

struct ResultsTable {
  std::vector<TableColumn> columns;
  /// File-level metadata: HDF5 root attributes (not written to CSV).
  std::vector<std::pair<std::string, std::string>> attributes;
  /// Rows (all columns must have this many values).
  std::size_t rows() const { return columns.empty() ? 0 : columns.front().size(); }
};

/// The CSV text; throws std::invalid_argument when columns differ in length.
std::string table_csv(const ResultsTable& table);

/// Writes table_csv(table) atomically; throws OutputError.
void write_table_csv(const std::string& path, const ResultsTable& table);

/// Writes the HDF5 form atomically: root attributes format="fleetsim-results-table",
/// format_version=1 and table.attributes; group /table with attribute `columns` (the
/// names in order) and one dataset per column (float64, or variable-length UTF-8 text),
/// each with attributes name, unit and description. A '/' in a column name becomes
/// '\u2215' in its dataset name (the `columns` attribute keeps the real names in order).
/// Throws OutputError.
void write_table_hdf5(const std::string& path, const ResultsTable& table);

}  // namespace fleetsim::io
