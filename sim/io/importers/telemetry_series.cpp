#include "sim/io/importers/telemetry_series.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "sim/io/importers/civil_time.hpp"
#include "sim/io/importers/text_parse.hpp"

namespace fleetsim::io {

std::optional<double> parse_timestamp(std::string_view text, NumericTimeUnit unit) {
  text = trim(text);
  if (const auto v = parse_double(text)) {
    if (!std::isfinite(*v)) return std::nullopt;
    switch (unit) {
      case NumericTimeUnit::kSeconds:
        return *v;
      case NumericTimeUnit::kMilliseconds:
        return *v / 1e3;
      case NumericTimeUnit::kMicroseconds:
        return *v / 1e6;
    }
  }
  return parse_rfc3339(text);
}

void sort_samples_by_time(TelemetrySeries& s) {
  if (std::is_sorted(s.times_s.begin(), s.times_s.end())) return;
  std::vector<std::size_t> order(s.times_s.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return s.times_s[a] < s.times_s[b]; });
  std::vector<double> t(order.size());
  std::vector<double> v(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    t[i] = s.times_s[order[i]];
    v[i] = s.values[order[i]];
  }
  s.times_s = std::move(t);
  s.values = std::move(v);
}

}  // namespace fleetsim::io
