#pragma once
/// Calendar dates and wall-clock times in text, converted to Unix epoch seconds.
///
/// Proleptic Gregorian calendar, no leap seconds (as Unix time). Used by the importers only:
/// simulated time stays an integer count of microseconds (sim/core/time.hpp).

#include <cstdint>
#include <optional>
#include <string_view>

namespace fleetsim::io {

/// Days since 1970-01-01 of a civil date (month 1-12, day 1-31; not range-checked).
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day);

/// A date and time of day without a zone.
struct CivilTime {
  int year = 1970;
  int month = 1;      ///< 1-12
  int day = 1;        ///< 1-31 (checked against the month)
  int hour = 0;       ///< 0-23
  int minute = 0;     ///< 0-59
  double second = 0;  ///< 0 <= s < 61 (a leap second 60 is accepted and counted as 60)

  /// Seconds since the Unix epoch when this wall-clock time is read as UTC.
  double as_utc_seconds() const;
};

/// Parses RFC 3339 / ISO 8601 timestamps: `2014-02-14T14:30:00Z`, `...T14:30:00.25+01:00`,
/// and the common `2014-02-14 14:30:00` (space instead of T). Without a zone suffix the
/// time is read as UTC. Returns Unix epoch seconds; nullopt when the text is not such a time
/// or a field is out of range.
std::optional<double> parse_rfc3339(std::string_view text);

/// Parses `m/d/yyyy H:MM` (one- or two-digit month, day and hour), as in the LANL records.
std::optional<CivilTime> parse_us_date_time(std::string_view text);

/// Converts a wall-clock time in US Mountain time (America/Denver: UTC-7, daylight UTC-6)
/// to Unix epoch seconds, with the US daylight-saving rules of 1987-2006 (first Sunday of
/// April to last Sunday of October, at 02:00) and of 2007 on (second Sunday of March to
/// first Sunday of November). A time in the skipped spring hour is read as standard time;
/// a time in the repeated autumn hour as its first (daylight) occurrence. Years before
/// 1987 use the 1987 rules (the LANL records start in 1995).
double us_mountain_to_utc_seconds(const CivilTime& local);

}  // namespace fleetsim::io
