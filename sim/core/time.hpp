#pragma once
/// Simulated time: a signed 64-bit count of microseconds since scenario start.
///
/// One tick is one microsecond; int64 covers about 292,000 years, so overflow only
/// happens on absurd input, which parse_duration rejects. Floating point appears
/// only at the edges (YAML, HDF5, JSON) through to_seconds / from_seconds.

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace fleetsim {

using Time = std::int64_t;      ///< absolute simulated time, microseconds since start
using Duration = std::int64_t;  ///< a span of simulated time, microseconds

inline constexpr Time kTimeMax = std::numeric_limits<Time>::max();

constexpr Duration microseconds(std::int64_t n) { return n; }
constexpr Duration milliseconds(std::int64_t n) { return n * 1000; }
constexpr Duration seconds(std::int64_t n) { return n * 1000'000; }
constexpr Duration minutes(std::int64_t n) { return seconds(n * 60); }
constexpr Duration hours(std::int64_t n) { return minutes(n * 60); }
constexpr Duration days(std::int64_t n) { return hours(n * 24); }
constexpr Duration weeks(std::int64_t n) { return days(n * 7); }
constexpr Duration years(std::int64_t n) { return days(n * 365); }  ///< a year is 365 days

/// Seconds as a double, for output only.
constexpr double to_seconds(Duration d) { return static_cast<double>(d) / 1e6; }

/// Rounds a number of seconds to the nearest tick; nullopt when out of range or not finite.
std::optional<Duration> from_seconds(double s);

/// Result of parsing a duration: a value or a human-readable reason.
struct DurationParse {
  std::optional<Duration> value;
  std::string error;  ///< empty when value is set
};

/// Parses "250ms", "30s", "5m", "4h", "30d", "2w", "1y", "1.5h", "100us".
/// A bare number is rejected unless allow_bare_seconds (then it means seconds).
/// Negative values are rejected unless allow_negative. Overflow is an error.
DurationParse parse_duration(std::string_view text, bool allow_bare_seconds = false,
                             bool allow_negative = false);

/// Formats a duration with the largest unit that keeps it readable: "1d 2h", "250ms".
std::string format_duration(Duration d);

}  // namespace fleetsim
