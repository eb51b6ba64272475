#pragma once
/// The placement index of one zone: its schedulable hosts bucketed by free cpu (for
/// best-fit and least-allocated searches that look at a few candidates, never the whole
/// zone) and a max segment tree over host ids (for first-fit: the lowest-id host that
/// fits, in O(log n) when most subtrees can be pruned). Updated in O(1) + O(log n) per
/// change of a host's free resources or schedulability.

#include <cstdint>
#include <vector>

#include "sim/model/ids.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleetsim::model {

class HostIndex {
 public:
  /// Hosts [first, first + count); free cpu in millicores up to max_cpu.
  void init(HostId first, std::uint32_t count, std::int64_t max_cpu);

  /// Records a host's current free resources and whether it accepts new work.
  void update(HostId h, bool schedulable, const scenario::Resources& free);

  int bucket_count() const { return static_cast<int>(buckets_.size()); }
  int bucket_of(std::int64_t cpu) const;
  const std::vector<HostId>& bucket(int b) const { return buckets_[static_cast<std::size_t>(b)]; }
  /// Highest non-empty bucket, or -1 when no host is schedulable.
  int top_bucket() const;
  std::uint32_t schedulable() const { return schedulable_; }
  /// Largest free cpu and largest free memory over schedulable hosts (-1 when none); the
  /// two maxima may be on different hosts, so they bound what can fit, nothing more.
  std::int64_t max_free_cpu() const { return tree_cpu_.size() > 1 ? tree_cpu_[1] : -1; }
  std::int64_t max_free_memory() const { return tree_mem_.size() > 1 ? tree_mem_[1] : -1; }

  /// Lowest-id schedulable host with free cpu and memory >= need and accept(h) true.
  /// Subtrees whose host range [a, b) fails possible(a, b) are skipped (a spread
  /// constraint that rules out a whole rack, say).
  template <class Accept, class Possible>
  HostId leftmost(const scenario::Resources& need, Accept&& accept, Possible&& possible) const {
    if (size_ == 0) return kNone;
    return descend(1, 0, leaves_, need, accept, possible);
  }
  template <class Accept>
  HostId leftmost(const scenario::Resources& need, Accept&& accept) const {
    return leftmost(need, accept, [](HostId, HostId) { return true; });
  }

 private:
  template <class Accept, class Possible>
  HostId descend(std::uint32_t node, std::uint32_t lo, std::uint32_t hi, const scenario::Resources& need,
                 Accept& accept, Possible& possible) const {
    if (tree_cpu_[node] < need.v[scenario::kCpu] || tree_mem_[node] < need.v[scenario::kMemory]) return kNone;
    if (lo >= size_ || !possible(first_ + lo, first_ + std::min(hi, size_))) return kNone;
    if (node >= leaves_) {
      const HostId h = first_ + lo;
      return accept(h) ? h : kNone;
    }
    const std::uint32_t mid = lo + (hi - lo) / 2;
    const HostId l = descend(2 * node, lo, mid, need, accept, possible);
    return l != kNone ? l : descend(2 * node + 1, mid, hi, need, accept, possible);
  }
  void set_leaf(std::uint32_t i, std::int64_t cpu, std::int64_t mem);

  HostId first_ = 0;
  std::uint32_t size_ = 0;
  std::uint32_t leaves_ = 1;
  std::int64_t width_ = 1000;
  std::vector<std::vector<HostId>> buckets_;
  std::vector<std::int32_t> bucket_of_host_;  // -1 when not schedulable
  std::vector<std::uint32_t> pos_;            // position inside its bucket
  std::vector<std::int64_t> tree_cpu_, tree_mem_;
  std::uint32_t schedulable_ = 0;
  mutable int top_hint_ = -1;
};

}  // namespace fleetsim::model
