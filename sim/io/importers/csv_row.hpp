#pragma once
/// Comma-separated rows (RFC 4180 quoting within one line) and header lookup by name.
///
/// A field may be quoted: `"MPI, PVM"`; a doubled quote inside is one quote. Quoted fields
/// cannot span lines (no importer's format needs that). A quote inside an unquoted field,
/// text after a closing quote and an unterminated quote are errors.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/io/importers/import_error.hpp"

namespace fleetsim::io {

/// One parsed row; the views stay valid until the next split() on this object.
class CsvRow {
 public:
  /// Splits line on separator; throws ImportError at loc on bad quoting.
  void split(std::string_view line, const SourceLocation& loc, char separator = ',');

  std::size_t size() const { return fields_.size(); }
  std::string_view operator[](std::size_t i) const { return fields_[i]; }
  const std::vector<std::string_view>& fields() const { return fields_; }

 private:
  std::vector<std::string_view> fields_;
  std::string unquoted_;  // storage for fields that needed unescaping
};

/// Column names of a header row, looked up by exact name.
class CsvHeader {
 public:
  CsvHeader() = default;
  /// Takes the fields of the header row (trimmed of spaces); duplicate names are an error.
  CsvHeader(const CsvRow& row, const SourceLocation& loc);

  /// Index of a column, or -1 when absent.
  int find(std::string_view name) const;
  /// Index of a column; throws ImportError at loc listing the columns when absent.
  std::size_t require(std::string_view name, const SourceLocation& loc) const;
  const std::vector<std::string>& names() const { return names_; }
  std::size_t size() const { return names_.size(); }

 private:
  std::vector<std::string> names_;
};

/// Throws at loc unless row has exactly expected fields.
void require_field_count(const CsvRow& row, std::size_t expected, const SourceLocation& loc);

}  // namespace fleetsim::io
