#include "sim/io/importers/civil_time.hpp"

#include <charconv>
#include <string>

namespace fleetsim::io {

std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) {
  // Howard Hinnant's algorithm (public domain description of the proleptic Gregorian count).
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

namespace {

bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

bool valid(const CivilTime& t) {
  return t.month >= 1 && t.month <= 12 && t.day >= 1 && t.day <= days_in_month(t.year, t.month) &&
         t.hour >= 0 && t.hour <= 23 && t.minute >= 0 && t.minute <= 59 && t.second >= 0 &&
         t.second < 61;
}

// Reads exactly `width` digits (or 1..width when min_width < width) at s[pos].
bool digits(std::string_view s, std::size_t& pos, std::size_t min_width, std::size_t max_width,
            int& out) {
  std::size_t n = 0;
  int v = 0;
  while (pos + n < s.size() && n < max_width && s[pos + n] >= '0' && s[pos + n] <= '9') {
    v = v * 10 + (s[pos + n] - '0');
    ++n;
  }
  if (n < min_width) return false;
  pos += n;
  out = v;
  return true;
}

bool expect(std::string_view s, std::size_t& pos, char c) {
  if (pos < s.size() && s[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

// Day of month of the n-th (1-based) Sunday of a month, or of the last when n == 0.
int sunday(int year, int month, int n) {
  const std::int64_t first = days_from_civil(year, static_cast<unsigned>(month), 1);
  const int weekday = static_cast<int>(((first % 7) + 11) % 7);  // 0 = Sunday (1970-01-01 was Thu)
  const int first_sunday = 1 + (7 - weekday) % 7;
  if (n > 0) return first_sunday + 7 * (n - 1);
  int d = first_sunday;
  while (d + 7 <= days_in_month(year, month)) d += 7;
  return d;
}

}  // namespace

double CivilTime::as_utc_seconds() const {
  const std::int64_t days =
      days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return static_cast<double>(days * 86400 + hour * 3600 + minute * 60) + second;
}

std::optional<double> parse_rfc3339(std::string_view s) {
  CivilTime t;
  std::size_t p = 0;
  if (!digits(s, p, 4, 4, t.year) || !expect(s, p, '-') || !digits(s, p, 2, 2, t.month) ||
      !expect(s, p, '-') || !digits(s, p, 2, 2, t.day)) {
    return std::nullopt;
  }
  if (!(expect(s, p, 'T') || expect(s, p, 't') || expect(s, p, ' '))) return std::nullopt;
  int sec = 0;
  if (!digits(s, p, 2, 2, t.hour) || !expect(s, p, ':') || !digits(s, p, 2, 2, t.minute) ||
      !expect(s, p, ':') || !digits(s, p, 2, 2, sec)) {
    return std::nullopt;
  }
  t.second = sec;
  if (expect(s, p, '.')) {
    const std::size_t start = p;
    while (p < s.size() && s[p] >= '0' && s[p] <= '9') ++p;
    if (p == start) return std::nullopt;
    double frac = 0;
    const std::string_view f = s.substr(start - 1, p - start + 1);  // ".ddd"
    std::string buf = "0";
    buf.append(f);
    std::from_chars(buf.data(), buf.data() + buf.size(), frac);
    t.second += frac;
  }
  double offset_s = 0;
  if (p < s.size()) {
    if (s[p] == 'Z' || s[p] == 'z') {
      ++p;
    } else if (s[p] == '+' || s[p] == '-') {
      const double sign = s[p] == '-' ? -1.0 : 1.0;
      ++p;
      int oh = 0;
      int om = 0;
      if (!digits(s, p, 2, 2, oh) || !expect(s, p, ':') || !digits(s, p, 2, 2, om) || oh > 23 ||
          om > 59) {
        return std::nullopt;
      }
      offset_s = sign * (oh * 3600 + om * 60);
    }
  }
  if (p != s.size() || !valid(t)) return std::nullopt;
  return t.as_utc_seconds() - offset_s;
}

std::optional<CivilTime> parse_us_date_time(std::string_view s) {
  CivilTime t;
  std::size_t p = 0;
  if (!digits(s, p, 1, 2, t.month) || !expect(s, p, '/') || !digits(s, p, 1, 2, t.day) ||
      !expect(s, p, '/') || !digits(s, p, 4, 4, t.year) || !expect(s, p, ' ')) {
    return std::nullopt;
  }
  while (p < s.size() && s[p] == ' ') ++p;
  if (!digits(s, p, 1, 2, t.hour) || !expect(s, p, ':') || !digits(s, p, 2, 2, t.minute)) {
    return std::nullopt;
  }
  if (p != s.size() || !valid(t)) return std::nullopt;
  return t;
}

double us_mountain_to_utc_seconds(const CivilTime& local) {
  int start_month = 4, start_sunday = 1, end_month = 10, end_sunday = 0;  // 1987-2006
  if (local.year >= 2007) {
    start_month = 3, start_sunday = 2, end_month = 11, end_sunday = 1;
  }
  const double wall = local.as_utc_seconds();
  CivilTime s{local.year, start_month, sunday(local.year, start_month, start_sunday), 2, 0, 0};
  CivilTime e{local.year, end_month, sunday(local.year, end_month, end_sunday), 2, 0, 0};
  // Daylight time covers wall clock [start 03:00, end 02:00) after the jump, and the hour
  // [end 01:00, end 02:00) is read as daylight (first occurrence). The skipped hour
  // [start 02:00, start 03:00) is read as standard time.
  const bool daylight = wall >= s.as_utc_seconds() + 3600 && wall < e.as_utc_seconds();
  return wall + (daylight ? 6 : 7) * 3600.0;
}

}  // namespace fleetsim::io
