#include "sim/scenario/units.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>

namespace fleetsim::scenario {

namespace {

constexpr std::string_view kSizeUnits =
    "Ki Mi Gi Ti Pi (x1024), k M G T P (x1000), no unit = bytes";
constexpr std::string_view kRateUnits = "write e.g. 120/h, 2/m, 0.5/s or 10/d";
constexpr std::string_view kBandwidthUnits =
    "units: bit kbit Mbit Gbit Tbit, B kB MB GB TB KiB MiB GiB TiB, each per second (/s), or "
    "Mbps/Gbps";

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

/// A decimal number at the start of s: [+-]? (d+ (. d*)? | . d+) ([eE][+-]? d+)?.
/// Sets len to the characters used and whole to whether it has no fraction or exponent.
bool scan_number(std::string_view s, double& value, std::size_t& len, bool& whole) {
  std::size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  const std::size_t start = i;
  std::size_t digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  whole = true;
  if (i < s.size() && s[i] == '.') {
    whole = false;
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    if (j < s.size() && is_digit(s[j])) {
      while (j < s.size() && is_digit(s[j])) ++j;
      i = j;
      whole = false;
    }
  }
  double v = 0;
  const auto r = std::from_chars(s.data() + start, s.data() + i, v);
  if (r.ec != std::errc() || !std::isfinite(v)) return false;
  value = negative ? -v : v;
  len = i;
  return true;
}

/// Splits "<number><unit>" (one optional space between); fails when no number leads.
bool split_unit(std::string_view s, double& value, std::string_view& unit, bool& whole) {
  std::size_t len = 0;
  if (!scan_number(s, value, len, whole)) return false;
  unit = s.substr(len);
  if (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  return true;
}

std::string quote(std::string_view s) {
  return "'" + std::string(s) + "'";
}

}  // namespace

Parsed<std::int64_t> parse_integer(std::string_view text) {
  std::string_view s = trim(text);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  std::int64_t v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec == std::errc::result_out_of_range)
    return Parsed<std::int64_t>::fail(quote(text) + " is too large");
  if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size()) {
    return Parsed<std::int64_t>::fail(quote(text) + " is not a whole number");
  }
  return Parsed<std::int64_t>::ok(v);
}

Parsed<double> parse_number(std::string_view text) {
  const std::string_view s = trim(text);
  double v = 0;
  std::size_t len = 0;
  bool whole = false;
  if (!scan_number(s, v, len, whole) || len != s.size()) {
    return Parsed<double>::fail(quote(text) + " is not a number");
  }
  return Parsed<double>::ok(v);
}

Parsed<bool> parse_bool(std::string_view text) {
  const std::string_view s = trim(text);
  if (s == "true" || s == "True" || s == "TRUE") return Parsed<bool>::ok(true);
  if (s == "false" || s == "False" || s == "FALSE") return Parsed<bool>::ok(false);
  return Parsed<bool>::fail(quote(text) + " is not true or false");
}

Parsed<std::int64_t> parse_size(std::string_view text) {
  using P = Parsed<std::int64_t>;
  struct Unit {
    std::string_view name;
    std::int64_t bytes;
  };
  static constexpr Unit kUnits[] = {
      {"", 1},
      {"k", 1000},
      {"K", 1000},
      {"M", 1000'000},
      {"G", 1000'000'000},
      {"T", 1000'000'000'000},
      {"P", 1000'000'000'000'000},
      {"Ki", std::int64_t{1} << 10},
      {"Mi", std::int64_t{1} << 20},
      {"Gi", std::int64_t{1} << 30},
      {"Ti", std::int64_t{1} << 40},
      {"Pi", std::int64_t{1} << 50},
  };
  double v = 0;
  std::string_view unit;
  bool whole = false;
  const std::string_view s = trim(text);
  if (!split_unit(s, v, unit, whole))
    return P::fail(quote(text) + " is not a size (" + std::string(kSizeUnits) + ")");
  if (v < 0) return P::fail("size " + quote(text) + " is negative");
  for (const Unit& u : kUnits) {
    if (u.name != unit) continue;
    if (whole) {
      const auto n = parse_integer(s.substr(0, s.size() - unit.size()));
      if (!n.value) return P::fail("size " + quote(text) + " is too large");
      const __int128 bytes = static_cast<__int128>(*n.value) * u.bytes;
      if (bytes > std::numeric_limits<std::int64_t>::max())
        return P::fail("size " + quote(text) + " is too large");
      return P::ok(static_cast<std::int64_t>(bytes));
    }
    const double bytes = std::round(v * static_cast<double>(u.bytes));
    if (bytes >= 9.2e18) return P::fail("size " + quote(text) + " is too large");
    return P::ok(static_cast<std::int64_t>(bytes));
  }
  return P::fail("unknown size unit " + quote(unit) + " in " + quote(text) + " (" +
                 std::string(kSizeUnits) + ")");
}

Parsed<std::int64_t> parse_milli(std::string_view text) {
  using P = Parsed<std::int64_t>;
  double v = 0;
  std::string_view unit;
  bool whole = false;
  const std::string_view s = trim(text);
  if (!split_unit(s, v, unit, whole)) {
    return P::fail(quote(text) + " is not an amount (write e.g. 64, 0.5 or 500m)");
  }
  if (unit != "" && unit != "m") {
    return P::fail("unknown unit " + quote(unit) + " in " + quote(text) +
                   " (write a plain number such as 64 or 0.5, or thousandths such as 500m)");
  }
  if (v < 0) return P::fail("amount " + quote(text) + " is negative");
  const double milli = unit == "m" ? v : v * 1000.0;
  if (milli >= 9.2e15) return P::fail("amount " + quote(text) + " is too large");
  const double rounded = std::round(milli);
  if (std::fabs(milli - rounded) > 1e-6) {
    return P::fail("amount " + quote(text) + " is finer than a thousandth (1m)");
  }
  return P::ok(static_cast<std::int64_t>(rounded));
}

Parsed<double> parse_rate(std::string_view text) {
  using P = Parsed<double>;
  const std::string_view s = trim(text);
  const auto slash = s.find('/');
  if (slash == std::string_view::npos) {
    return P::fail("rate " + quote(text) + " has no time unit (" + std::string(kRateUnits) + ")");
  }
  const auto n = parse_number(s.substr(0, slash));
  if (!n.value) return P::fail(quote(text) + " is not a rate (" + std::string(kRateUnits) + ")");
  if (*n.value < 0) return P::fail("rate " + quote(text) + " is negative");
  const std::string_view unit = trim(s.substr(slash + 1));
  double per = 0;
  if (unit == "s" || unit == "sec")
    per = 1;
  else if (unit == "m" || unit == "min")
    per = 60;
  else if (unit == "h")
    per = 3600;
  else if (unit == "d")
    per = 86400;
  else if (unit == "w")
    per = 7 * 86400;
  else
    return P::fail("unknown rate unit " + quote(unit) + " in " + quote(text) +
                   " (per s, m, min, h, d or w)");
  return P::ok(*n.value / per);
}

Parsed<double> parse_percent(std::string_view text) {
  using P = Parsed<double>;
  const std::string_view s = trim(text);
  if (s.empty() || s.back() != '%')
    return P::fail(quote(text) + " is not a percentage (write e.g. 2% or 99.9%)");
  const auto n = parse_number(s.substr(0, s.size() - 1));
  if (!n.value) return P::fail(quote(text) + " is not a percentage (write e.g. 2% or 99.9%)");
  if (*n.value < 0 || *n.value > 100)
    return P::fail("percentage " + quote(text) + " is outside 0%..100%");
  return P::ok(*n.value);
}

Parsed<Quantity> parse_quantity(std::string_view text) {
  using P = Parsed<Quantity>;
  const std::string_view s = trim(text);
  if (!s.empty() && s.back() == '%') {
    const auto p = parse_percent(s);
    if (!p.value) return P::fail(p.error);
    return P::ok(Quantity{*p.value, true});
  }
  const auto n = parse_integer(s);
  if (n.value) {
    if (*n.value < 0) return P::fail("count " + quote(text) + " is negative");
    return P::ok(Quantity{static_cast<double>(*n.value), false});
  }
  if (parse_number(s).value) {
    return P::fail("a count must be a whole number, got " + quote(text) +
                   " (write 2, or 2.5% for a share)");
  }
  return P::fail(quote(text) + " is not a count or a percentage (write e.g. 3 or 5%)");
}

Parsed<double> parse_probability(std::string_view text) {
  using P = Parsed<double>;
  const std::string_view s = trim(text);
  if (!s.empty() && s.back() == '%') {
    const auto p = parse_percent(s);
    if (!p.value) return P::fail(p.error);
    return P::ok(*p.value / 100.0);
  }
  const auto n = parse_number(s);
  if (!n.value) return P::fail(quote(text) + " is not a probability (write e.g. 0.99 or 99%)");
  if (*n.value < 0 || *n.value > 1) {
    return P::fail("probability " + quote(text) + " is outside [0, 1] (write e.g. 0.99 or 99%)");
  }
  return P::ok(*n.value);
}

Parsed<double> parse_bandwidth(std::string_view text) {
  using P = Parsed<double>;
  struct Unit {
    std::string_view name;
    double bytes;
  };
  static constexpr Unit kUnits[] = {
      {"bit", 1.0 / 8},
      {"kbit", 1e3 / 8},
      {"Kbit", 1e3 / 8},
      {"Mbit", 1e6 / 8},
      {"Gbit", 1e9 / 8},
      {"Tbit", 1e12 / 8},
      {"B", 1},
      {"kB", 1e3},
      {"KB", 1e3},
      {"MB", 1e6},
      {"GB", 1e9},
      {"TB", 1e12},
      {"KiB", 1024.0},
      {"MiB", 1048576.0},
      {"GiB", 1073741824.0},
      {"TiB", 1099511627776.0},
  };
  double v = 0;
  std::string_view unit;
  bool whole = false;
  const std::string_view s = trim(text);
  if (!split_unit(s, v, unit, whole)) {
    return P::fail(quote(text) + " is not a bandwidth (" + std::string(kBandwidthUnits) + ")");
  }
  if (v < 0) return P::fail("bandwidth " + quote(text) + " is negative");
  std::string name;
  if (unit.size() > 2 && unit.substr(unit.size() - 2) == "/s") {
    name = unit.substr(0, unit.size() - 2);
  } else if (unit.size() >= 3 && unit.substr(unit.size() - 3) == "bps") {
    name = std::string(unit.substr(0, unit.size() - 3)) + "bit";
  } else {
    return P::fail("bandwidth " + quote(text) + " needs a unit per second (" +
                   std::string(kBandwidthUnits) + ")");
  }
  for (const Unit& u : kUnits) {
    if (u.name == name) return P::ok(v * u.bytes);
  }
  return P::fail("unknown bandwidth unit " + quote(unit) + " in " + quote(text) + " (" +
                 std::string(kBandwidthUnits) + ")");
}

std::string format_number(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15) {
    return std::to_string(static_cast<long long>(v));
  }
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

std::string format_size(std::int64_t bytes) {
  static constexpr std::pair<std::string_view, int> kUnits[] = {
      {"Pi", 50}, {"Ti", 40}, {"Gi", 30}, {"Mi", 20}, {"Ki", 10}};
  for (const auto& [name, shift] : kUnits) {
    const std::int64_t unit = std::int64_t{1} << shift;
    if (bytes >= unit && bytes % unit == 0) return std::to_string(bytes / unit) + std::string(name);
    if (bytes >= unit) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.3g",
                    static_cast<double>(bytes) / static_cast<double>(unit));
      return buf + std::string(name);
    }
  }
  return std::to_string(bytes);
}

std::string format_milli(std::int64_t thousandths) {
  if (thousandths % 1000 == 0) return std::to_string(thousandths / 1000);
  return format_number(static_cast<double>(thousandths) / 1000.0);
}

std::string format_quantity(const Quantity& q) {
  return format_number(q.value) + (q.percent ? "%" : "");
}

}  // namespace fleetsim::scenario
