#include "sim/io/importers/import_error.hpp"

#include <utility>

namespace fleetsim::io {

namespace {

std::string located(const std::string& file, std::int64_t line, std::int64_t column,
                    const std::string& message) {
  std::string out = file;
  if (line > 0) {
    out += ':' + std::to_string(line);
    if (column > 0) out += ':' + std::to_string(column);
  }
  out += ": ";
  out += message;
  return out;
}

}  // namespace

ImportError::ImportError(std::string file, std::int64_t line, std::string message,
                         std::int64_t column)
    : std::runtime_error(located(file, line, column, message)),
      file_(std::move(file)),
      line_(line),
      column_(column),
      message_(std::move(message)) {}

void SourceLocation::fail(std::string message) const {
  throw ImportError(file != nullptr ? *file : std::string("<input>"), line, std::move(message));
}

}  // namespace fleetsim::io
