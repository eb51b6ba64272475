#include "sim/experiment/sweep_points.hpp"

#include <cstdlib>

namespace fleetsim::experiment {

std::vector<std::string> axis_columns(const ExperimentSpec& sweep) {
  std::vector<std::string> out;
  for (const Axis& a : sweep.axes) {
    for (const AxisList& l : a.lists) out.push_back(l.path);
  }
  return out;
}

std::vector<std::string> fixed_overrides(const ExperimentSpec& spec, OverrideOrigins& origins) {
  std::vector<std::string> out;
  for (const RawValue& v : spec.set) {
    out.push_back(v.text);
    origins.emplace(v.text, v.where);
  }
  return out;
}

std::vector<SweepPoint> expand_points(const ExperimentSpec& sweep) {
  OverrideOrigins base_origins;
  const std::vector<std::string> base = fixed_overrides(sweep, base_origins);
  std::size_t total = 1;
  for (const Axis& a : sweep.axes) total *= a.size();
  std::vector<SweepPoint> points;
  points.reserve(total);
  std::vector<std::size_t> digit(sweep.axes.size(), 0);
  for (std::size_t p = 0; p < total; ++p) {
    // Mixed-radix digits of p, the last axis fastest.
    std::size_t rest = p;
    for (std::size_t k = sweep.axes.size(); k-- > 0;) {
      digit[k] = rest % sweep.axes[k].size();
      rest /= sweep.axes[k].size();
    }
    SweepPoint point;
    point.index = p;
    point.overrides = base;
    point.origins = base_origins;
    for (std::size_t k = 0; k < sweep.axes.size(); ++k) {
      for (const AxisList& l : sweep.axes[k].lists) {
        const RawValue& v = l.values[digit[k]];
        const std::string o = l.path + "=" + v.text;
        point.values.push_back(v.text);
        point.overrides.push_back(o);
        point.origins.emplace(o, v.where);
      }
    }
    points.push_back(std::move(point));
  }
  return points;
}

std::optional<Shard> parse_shard(const std::string& text, std::string& error) {
  const auto slash = text.find('/');
  auto number = [](const std::string& s, std::size_t& out) {
    if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos || s.size() > 9) return false;
    out = std::strtoull(s.c_str(), nullptr, 10);
    return true;
  };
  Shard s;
  if (slash == std::string::npos || !number(text.substr(0, slash), s.index) ||
      !number(text.substr(slash + 1), s.count) || s.count == 0 || s.index == 0 || s.index > s.count) {
    error = "--shard must be I/N with 1 <= I <= N (e.g. 2/4), got '" + text + "'";
    return std::nullopt;
  }
  return s;
}

}  // namespace fleetsim::experiment
