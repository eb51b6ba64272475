#pragma once
/// Small locale-independent text helpers shared by the importers: trimming, splitting and
/// strict number parsing (std::from_chars: the whole field must be the number).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sim/io/importers/import_error.hpp"

namespace fleetsim::io {

/// Removes leading and trailing spaces and tabs.
std::string_view trim(std::string_view s);

/// Splits on runs of spaces/tabs into out (up to max_fields; returns the number found,
/// which may exceed max_fields: the extra fields are counted, not stored).
std::size_t split_whitespace(std::string_view line, std::string_view* out, std::size_t max_fields);

/// Whole-field integer (optional leading '-' or '+'); nullopt when not an integer or out of range.
std::optional<std::int64_t> parse_int(std::string_view s);
/// Whole-field decimal or scientific number, also "nan", "inf", "+Inf", "-Inf"
/// (case-insensitive); nullopt otherwise.
std::optional<double> parse_double(std::string_view s);

/// Strict versions that throw ImportError at loc naming the field when the text is not a number.
std::int64_t require_int(std::string_view s, std::string_view field, const SourceLocation& loc);
double require_double(std::string_view s, std::string_view field, const SourceLocation& loc);

/// Quotes a field for an error message, shortened to 40 characters.
std::string quoted(std::string_view s);

/// The file name without directories and without `.gz` and one more extension:
/// "/a/b/cpu_util.csv.gz" -> "cpu_util".
std::string file_stem(std::string_view path);

}  // namespace fleetsim::io
