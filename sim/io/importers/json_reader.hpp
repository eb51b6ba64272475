#pragma once
/// A minimal, strict JSON reader (RFC 8259): objects, arrays, strings with all escapes
/// (including surrogate pairs), numbers, true, false, null. No comments, no trailing
/// commas, no NaN literals, no duplicate keys, nesting depth at most 256. Errors carry
/// the 1-based line and column. Every value remembers where it starts, so callers can
/// report semantic errors (a wrong type, a missing key) at the right place.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "sim/io/importers/import_error.hpp"

namespace fleetsim::io {

class JsonValue;
using JsonArray = std::vector<JsonValue>;
/// Members in document order.
using JsonObject = std::vector<std::pair<std::string, JsonValue>>;

class JsonValue {
 public:
  enum class Kind : std::int8_t { kNull, kBool, kNumber, kString, kArray, kObject };

  JsonValue() = default;

  Kind kind() const { return static_cast<Kind>(data_.index()); }
  bool is_null() const { return kind() == Kind::kNull; }
  bool is_bool() const { return kind() == Kind::kBool; }
  bool is_number() const { return kind() == Kind::kNumber; }
  bool is_string() const { return kind() == Kind::kString; }
  bool is_array() const { return kind() == Kind::kArray; }
  bool is_object() const { return kind() == Kind::kObject; }

  /// Accessors; precondition: the matching is_*() is true (std::bad_variant_access otherwise).
  bool as_bool() const { return std::get<bool>(data_); }
  double as_number() const { return std::get<double>(data_); }
  const std::string& as_string() const { return std::get<std::string>(data_); }
  const JsonArray& as_array() const { return *std::get<std::shared_ptr<JsonArray>>(data_); }
  const JsonObject& as_object() const { return *std::get<std::shared_ptr<JsonObject>>(data_); }

  /// Member of an object by key, or nullptr (also when this is not an object).
  const JsonValue* find(std::string_view key) const;

  std::int64_t line() const { return line_; }      ///< 1-based line where the value starts
  std::int64_t column() const { return column_; }  ///< 1-based column (in bytes)

  /// "object", "array", "string", "number", "true/false" or "null".
  static const char* kind_name(Kind k);

 private:
  friend class JsonParser;
  std::variant<std::monostate, bool, double, std::string, std::shared_ptr<JsonArray>,
               std::shared_ptr<JsonObject>>
      data_;
  std::int64_t line_ = 0;
  std::int64_t column_ = 0;
};

/// Parses a complete document; throws ImportError(source_name, line, message, column).
JsonValue parse_json(std::string_view text, const std::string& source_name = "<json>");

/// Reads and parses a (possibly gzip-compressed) file.
JsonValue read_json_file(const std::string& path);

/// Throws ImportError located at value v in file source_name.
[[noreturn]] void json_fail(const std::string& source_name, const JsonValue& v,
                            std::string message);

}  // namespace fleetsim::io
