#include "analysis/stats/series_align.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <stdexcept>
#include <string>

namespace fleetsim::analysis {

namespace {

void check(SeriesView s, const char* which) {
  if (s.times.size() != s.values.size()) {
    throw std::invalid_argument(std::string("align_series: series ") + which +
                                " has different numbers of times and values");
  }
  for (std::size_t i = 0; i < s.times.size(); ++i) {
    if (!std::isfinite(s.times[i]) || (i > 0 && s.times[i] < s.times[i - 1])) {
      throw std::invalid_argument(std::string("align_series: times of series ") + which +
                                  " are not sorted finite values");
    }
  }
}

// Value at t of the last sample at or before t; precondition: s.times.front() <= t.
// cursor advances monotonically across calls with increasing t.
double carried(SeriesView s, double t, std::size_t& cursor) {
  while (cursor + 1 < s.times.size() && s.times[cursor + 1] <= t) ++cursor;
  return s.values[cursor];
}

}  // namespace

AlignedSeries align_series(SeriesView a, SeriesView b, const AlignOptions& options) {
  check(a, "a");
  check(b, "b");
  if (!(options.step >= 0) || !std::isfinite(options.step)) {
    throw std::invalid_argument("align_series: step must be a finite value >= 0");
  }
  if (options.method == AlignMethod::kBucketMean && options.step == 0) {
    throw std::invalid_argument("align_series: bucket means need a step > 0");
  }
  AlignedSeries out;
  if (a.times.empty() || b.times.empty()) return out;
  const double t0 = std::max(a.times.front(), b.times.front());
  const double t1 = std::min(a.times.back(), b.times.back());
  if (t0 > t1) return out;

  if (options.method == AlignMethod::kLastValue) {
    std::vector<double> grid;
    if (options.step > 0) {
      for (std::size_t k = 0;; ++k) {
        const double t = t0 + static_cast<double>(k) * options.step;
        if (t > t1) break;
        grid.push_back(t);
      }
    } else {
      std::merge(a.times.begin(), a.times.end(), b.times.begin(), b.times.end(),
                 std::back_inserter(grid));
      grid.erase(std::unique(grid.begin(), grid.end()), grid.end());
      grid.erase(grid.begin(), std::lower_bound(grid.begin(), grid.end(), t0));
      grid.erase(std::upper_bound(grid.begin(), grid.end(), t1), grid.end());
    }
    std::size_t ca = 0, cb = 0;
    for (const double t : grid) {
      out.times.push_back(t);
      out.a.push_back(carried(a, t, ca));
      out.b.push_back(carried(b, t, cb));
    }
    return out;
  }

  // Bucket means over [t0, t1]: bucket k = floor((t - t0) / step); the last bucket holds t1.
  const auto buckets = static_cast<std::size_t>(std::floor((t1 - t0) / options.step)) + 1;
  std::vector<double> sa(buckets, 0.0), sb(buckets, 0.0);
  std::vector<std::size_t> na(buckets, 0), nb(buckets, 0);
  auto fill = [&](SeriesView s, std::vector<double>& sum, std::vector<std::size_t>& n) {
    for (std::size_t i = 0; i < s.times.size(); ++i) {
      const double t = s.times[i];
      if (t < t0 || t > t1) continue;
      const auto k =
          std::min(buckets - 1, static_cast<std::size_t>(std::floor((t - t0) / options.step)));
      sum[k] += s.values[i];
      ++n[k];
    }
  };
  fill(a, sa, na);
  fill(b, sb, nb);
  for (std::size_t k = 0; k < buckets; ++k) {
    if (na[k] == 0 || nb[k] == 0) continue;
    out.times.push_back(t0 + static_cast<double>(k) * options.step);
    out.a.push_back(sa[k] / static_cast<double>(na[k]));
    out.b.push_back(sb[k] / static_cast<double>(nb[k]));
  }
  return out;
}

}  // namespace fleetsim::analysis
