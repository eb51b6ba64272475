#pragma once
/// Shared scoring for placement policies: how much of a host would be left after a
/// placement, and a seeded choice among equally good candidates.

#include <cstdint>

#include "sim/core/rng.hpp"
#include "sim/model/placement.hpp"

namespace fleetsim::policies {

/// Share of capacity left on h after placing the request, summed over cpu and memory:
/// 0 = a perfect fit, 2 = an empty host. Best-fit minimises it, spread maximises it.
inline double leftover(const model::PlacementView& v, model::HostId h) {
  double s = 0;
  for (std::size_t d : {scenario::kCpu, scenario::kMemory}) {
    const auto cap = v.capacity(h).v[d];
    if (cap > 0) s += static_cast<double>(v.free(h).v[d] - v.need().v[d]) / static_cast<double>(cap);
  }
  return s;
}

/// Keeps the best-scoring candidate; ties are broken uniformly on the zone's stream
/// (reservoir sampling over the tied candidates).
class BestOf {
 public:
  BestOf(bool lower_is_better, core::Rng& rng) : lower_(lower_is_better), rng_(rng) {}
  void offer(model::HostId h, double score) {
    if (best_ == model::kNone || (lower_ ? score < score_ : score > score_)) {
      best_ = h;
      score_ = score;
      ties_ = 1;
    } else if (score == score_) {
      ++ties_;
      if (rng_() % ties_ == 0) best_ = h;
    }
  }
  model::HostId best() const { return best_; }
  bool any() const { return best_ != model::kNone; }

 private:
  bool lower_;
  core::Rng& rng_;
  model::HostId best_ = model::kNone;
  double score_ = 0;
  std::uint64_t ties_ = 0;
};

/// Scores every feasible host of a restricted view (a rack: tens of hosts).
inline model::HostId best_in_range(const model::PlacementView& v, bool lower_is_better, core::Rng& rng) {
  BestOf best(lower_is_better, rng);
  for (model::HostId h = v.range_first(); h < v.range_end(); ++h) {
    if (v.feasible(h)) best.offer(h, leftover(v, h));
  }
  return best.best();
}

/// The exact fallback every heuristic ends with: the lowest-id feasible host.
inline model::HostId first_feasible(const model::PlacementView& v) {
  if (v.restricted()) {
    for (model::HostId h = v.range_first(); h < v.range_end(); ++h) {
      if (v.feasible(h)) return h;
    }
    return model::kNone;
  }
  return v.index().leftmost(
      v.need(), [&](model::HostId h) { return v.feasible(h); },
      [&](model::HostId a, model::HostId b) { return v.range_possible(a, b); });
}

}  // namespace fleetsim::policies
