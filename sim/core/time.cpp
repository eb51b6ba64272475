#include "sim/core/time.hpp"

#include <cmath>
#include <cstdio>

namespace fleetsim {

std::optional<Duration> from_seconds(double s) {
  if (!std::isfinite(s)) return std::nullopt;
  const double ticks = std::round(s * 1e6);
  // 9.2e18 is the int64 limit; stay a little below so the cast is exact and defined.
  if (ticks >= 9.2e18 || ticks <= -9.2e18) return std::nullopt;
  return static_cast<Duration>(ticks);
}

namespace {

struct Unit {
  std::string_view name;
  Duration ticks;
};

constexpr Unit kUnits[] = {
    {"us", microseconds(1)}, {"ms", milliseconds(1)}, {"s", seconds(1)}, {"m", minutes(1)},
    {"min", minutes(1)},     {"h", hours(1)},         {"d", days(1)},    {"w", weeks(1)},
    {"y", years(1)},
};

constexpr std::string_view kUnitHint = "units: us, ms, s, m, h, d, w, y (365 days)";

}  // namespace

DurationParse parse_duration(std::string_view text, bool allow_bare_seconds,
                             bool allow_negative) {
  DurationParse out;
  auto fail = [&](std::string msg) {
    out.error = std::move(msg);
    return out;
  };
  std::string_view s = text;
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  if (s.empty()) return fail("empty duration (" + std::string(kUnitHint) + ")");

  bool negative = false;
  if (s.front() == '-' || s.front() == '+') {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  // Integer and fractional digits, parsed exactly for the integer part.
  std::size_t i = 0;
  unsigned __int128 whole = 0;
  bool digits = false;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    whole = whole * 10 + static_cast<unsigned>(s[i] - '0');
    if (whole > (static_cast<unsigned __int128>(1) << 80)) {
      return fail("duration '" + std::string(text) + "' is too large");
    }
    digits = true;
    ++i;
  }
  double frac = 0.0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    double scale = 0.1;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      frac += scale * (s[i] - '0');
      scale /= 10;
      digits = true;
      ++i;
    }
  }
  if (!digits) {
    return fail("'" + std::string(text) + "' is not a duration (expected e.g. 30s, 5m, 4h; " +
                std::string(kUnitHint) + ")");
  }
  std::string_view unit = s.substr(i);
  while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  Duration per = 0;
  if (unit.empty()) {
    if (!allow_bare_seconds && !(whole == 0 && frac == 0.0)) {
      return fail("duration '" + std::string(text) + "' has no unit (" + std::string(kUnitHint) +
                  ")");
    }
    per = seconds(1);
  } else {
    for (const Unit& u : kUnits) {
      if (u.name == unit) per = u.ticks;
    }
    if (per == 0) {
      return fail("unknown duration unit '" + std::string(unit) + "' in '" + std::string(text) +
                  "' (" + std::string(kUnitHint) + ")");
    }
  }
  if (negative && !allow_negative && (whole != 0 || frac != 0.0)) {
    return fail("duration '" + std::string(text) + "' is negative");
  }
  const unsigned __int128 whole_ticks = whole * static_cast<unsigned __int128>(per);
  const double frac_ticks = std::round(frac * static_cast<double>(per));
  const unsigned __int128 total = whole_ticks + static_cast<unsigned __int128>(frac_ticks);
  if (total > static_cast<unsigned __int128>(std::numeric_limits<Duration>::max())) {
    return fail("duration '" + std::string(text) + "' overflows the simulation clock (max ~292000y)");
  }
  const auto value = static_cast<Duration>(total);
  out.value = negative ? -value : value;
  return out;
}

std::string format_duration(Duration d) {
  char buf[64];
  const char* sign = d < 0 ? "-" : "";
  const Duration a = d < 0 ? -d : d;
  if (a == 0) return "0s";
  if (a < milliseconds(1)) {
    std::snprintf(buf, sizeof buf, "%s%lldus", sign, static_cast<long long>(a));
  } else if (a < seconds(1)) {
    std::snprintf(buf, sizeof buf, "%s%gms", sign, static_cast<double>(a) / 1e3);
  } else if (a < minutes(1)) {
    std::snprintf(buf, sizeof buf, "%s%gs", sign, to_seconds(a));
  } else if (a < hours(1)) {
    std::snprintf(buf, sizeof buf, "%s%.4gm", sign, to_seconds(a) / 60);
  } else if (a < days(1)) {
    std::snprintf(buf, sizeof buf, "%s%.4gh", sign, to_seconds(a) / 3600);
  } else {
    std::snprintf(buf, sizeof buf, "%s%.4gd", sign, to_seconds(a) / 86400);
  }
  return buf;
}

}  // namespace fleetsim
