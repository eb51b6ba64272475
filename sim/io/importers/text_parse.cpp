#include "sim/io/importers/text_parse.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace fleetsim::io {

std::string_view trim(std::string_view s) {
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return s.substr(b, e - b);
}

std::size_t split_whitespace(std::string_view line, std::string_view* out, std::size_t max_fields) {
  std::size_t n = 0;
  std::size_t i = 0;
  const std::size_t size = line.size();
  while (i < size) {
    while (i < size && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i == size) break;
    const std::size_t start = i;
    while (i < size && line[i] != ' ' && line[i] != '\t') ++i;
    if (n < max_fields) out[n] = line.substr(start, i - start);
    ++n;
  }
  return n;
}

std::optional<std::int64_t> parse_int(std::string_view s) {
  if (s.empty()) return std::nullopt;
  if (s.front() == '+') s.remove_prefix(1);
  std::int64_t v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const char x = (a[i] >= 'A' && a[i] <= 'Z') ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
    if (x != b[i]) return false;
  }
  return true;
}

}  // namespace

std::optional<double> parse_double(std::string_view s) {
  if (s.empty()) return std::nullopt;
  bool negative = false;
  std::string_view body = s;
  if (body.front() == '+' || body.front() == '-') {
    negative = body.front() == '-';
    body.remove_prefix(1);
  }
  if (iequals(body, "inf") || iequals(body, "infinity")) {
    return negative ? -std::numeric_limits<double>::infinity()
                    : std::numeric_limits<double>::infinity();
  }
  if (iequals(body, "nan")) return std::numeric_limits<double>::quiet_NaN();
  if (body.empty() || body.front() == '+' || body.front() == '-') return std::nullopt;
  double v = 0;
  const auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), v);
  if (ec == std::errc::result_out_of_range) {
    // from_chars reports underflow/overflow; accept underflow as 0 and overflow as inf.
    if (std::strtod(std::string(body).c_str(), nullptr) == 0.0)
      v = 0.0;
    else
      v = std::numeric_limits<double>::infinity();
  } else if (ec != std::errc() || ptr != body.data() + body.size()) {
    return std::nullopt;
  }
  return negative ? -v : v;
}

std::int64_t require_int(std::string_view s, std::string_view field, const SourceLocation& loc) {
  const auto v = parse_int(s);
  if (!v) loc.fail(std::string(field) + ": expected an integer, got " + quoted(s));
  return *v;
}

double require_double(std::string_view s, std::string_view field, const SourceLocation& loc) {
  const auto v = parse_double(s);
  if (!v) loc.fail(std::string(field) + ": expected a number, got " + quoted(s));
  return *v;
}

std::string quoted(std::string_view s) {
  std::string out = "'";
  if (s.size() > 40) {
    out.append(s.substr(0, 37));
    out += "...";
  } else {
    out.append(s);
  }
  out += '\'';
  return out;
}

std::string file_stem(std::string_view path) {
  const auto slash = path.find_last_of('/');
  if (slash != std::string_view::npos) path.remove_prefix(slash + 1);
  if (path.size() > 3 && path.substr(path.size() - 3) == ".gz") path.remove_suffix(3);
  const auto dot = path.find_last_of('.');
  if (dot != std::string_view::npos && dot > 0) path = path.substr(0, dot);
  return std::string(path);
}

}  // namespace fleetsim::io
