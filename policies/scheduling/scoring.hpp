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

/// Keeps the best-scoring candidate; ties are broken uniformly on the zone's stream. The
/// tied candidates are kept (up to kKept) and one of them is drawn when asked, one draw
/// per placement rather than one per tie; past kKept ties, reservoir sampling takes over.
class BestOf {
 public:
  BestOf(bool lower_is_better, core::Rng& rng) : lower_(lower_is_better), rng_(rng) {}
  void offer(model::HostId h, double score) {
    if (ties_ == 0 || (lower_ ? score < score_ : score > score_)) {
      score_ = score;
      ties_ = 1;
      kept_[0] = h;
      chosen_ = model::kNone;
    } else if (score == score_) {
      if (ties_ < kKept) {
        kept_[ties_++] = h;
        return;
      }
      if (chosen_ == model::kNone) chosen_ = kept_[rng_() % kKept];  // uniform over the first kKept
      ++ties_;
      if (rng_() % ties_ == 0) chosen_ = h;
    }
  }
  model::HostId best() {
    if (ties_ <= 1) return ties_ == 0 ? model::kNone : kept_[0];
    if (chosen_ == model::kNone) chosen_ = kept_[rng_() % ties_];
    return chosen_;
  }
  bool any() const { return ties_ != 0; }

 private:
  static constexpr std::uint32_t kKept = 64;
  bool lower_;
  core::Rng& rng_;
  double score_ = 0;
  std::uint32_t ties_ = 0;
  model::HostId chosen_ = model::kNone;  // drawn (or being sampled) among the ties
  model::HostId kept_[kKept];
};

/// Scores every feasible host of a restricted view (a rack: tens of hosts, adjacent in
/// memory: their slots are requested together before the scan).
inline model::HostId best_in_range(const model::PlacementView& v, bool lower_is_better, core::Rng& rng) {
  constexpr model::HostId kAhead = 64;
  for (model::HostId h = v.range_first(); h < v.range_end() && h < v.range_first() + kAhead; ++h) v.prefetch(h);
  BestOf best(lower_is_better, rng);
  for (model::HostId h = v.range_first(); h < v.range_end(); ++h) {
    if (h + kAhead < v.range_end()) v.prefetch(h + kAhead);
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
