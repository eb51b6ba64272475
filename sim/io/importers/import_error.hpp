#pragma once
/// The one error type of the importers: where in which file the input is wrong, and how.
///
/// what() reads `file:line: message` (or `file:line:column: message` when the column is
/// known, or `file: message` for file-level problems such as a missing file), the form
/// compilers and editors jump to.

#include <cstdint>
#include <stdexcept>
#include <string>

namespace fleetsim::io {

class ImportError : public std::runtime_error {
 public:
  /// line and column are 1-based; 0 means "not about one line" / "column unknown".
  ImportError(std::string file, std::int64_t line, std::string message, std::int64_t column = 0);

  const std::string& file() const { return file_; }        ///< the path as given to the importer
  std::int64_t line() const { return line_; }              ///< 1-based line, 0 = whole file
  std::int64_t column() const { return column_; }          ///< 1-based column, 0 = unknown
  const std::string& message() const { return message_; }  ///< what is wrong, without location

 private:
  std::string file_;
  std::int64_t line_;
  std::int64_t column_;
  std::string message_;
};

/// Where an importer currently is; fail() throws an ImportError located there.
struct SourceLocation {
  const std::string* file = nullptr;  ///< never null while parsing
  std::int64_t line = 0;              ///< 1-based

  [[noreturn]] void fail(std::string message) const;
};

}  // namespace fleetsim::io
