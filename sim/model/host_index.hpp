#pragma once
/// The placement index of one zone: its schedulable hosts bucketed by free cpu (for
/// best-fit and least-allocated searches that look at a few candidates, never the whole
/// zone) and a max segment tree over host ids (for first-fit: the lowest-id host that
/// fits, in O(log n) when most subtrees can be pruned). It works on the model's host
/// slots (HostSlot, one cache line per host), where it keeps each host's bucket and
/// position. A change of a host's free resources or schedulability costs O(1); the tree
/// catches up lazily, when it is read (first-fit, an exhausted bucket scan, the bounds of
/// max_free_*), so policies that never read it never pay for it.

#include <cstdint>
#include <vector>

#include "sim/model/ids.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleetsim::model {

/// The hot state of one host, kept together so that looking at a host (placing on it,
/// binding or unbinding a task, moving it between buckets) touches one cache line, not
/// one per attribute. Capacity comes from the host's type (a small table).
struct alignas(64) HostSlot {
  scenario::Resources free;         // capacity minus what its tasks hold
  std::uint32_t tasks_at = 0;       // HostTasks: where the host's block of task ids starts
  std::uint32_t task_count = 0;     // HostTasks: tasks on the host
  std::uint32_t pos = 0;            // HostIndex: position in its bucket
  std::uint16_t down = 0;           // failures currently holding the host down
  std::uint16_t type = 0;           // index into the host type table
  std::int16_t bucket = -1;         // HostIndex: its free-cpu bucket, -1 when not schedulable
  HostState admin = HostState::Up;  // administrative state
  std::uint8_t schedulable = 1;     // up and not cordoned: accepts new work
  std::uint8_t task_shift = 0;      // HostTasks: the block holds 2^task_shift ids (0: no block)
  RackId rack = 0;                  // its rack (global id)
};
static_assert(sizeof(HostSlot) == 64);

class HostIndex {
 public:
  /// Hosts [first, first + count) of `hosts` (indexed by host id, owned by the caller);
  /// free cpu in millicores up to max_cpu.
  void init(HostSlot* hosts, HostId first, std::uint32_t count, std::int64_t max_cpu);

  /// The host's free resources or its schedulable flag changed (already in its slot).
  void update(HostId h);

  int bucket_count() const { return static_cast<int>(buckets_.size()); }
  int bucket_of(std::int64_t cpu) const;
  const std::vector<HostId>& bucket(int b) const { return buckets_[static_cast<std::size_t>(b)]; }
  /// Highest non-empty bucket, or -1 when no host is schedulable.
  int top_bucket() const { return schedulable_ == 0 ? -1 : below(bucket_count()); }
  /// Lowest non-empty bucket >= b, or bucket_count() when none.
  int above(int b) const;
  /// Highest non-empty bucket < b, or -1 when none.
  int below(int b) const;
  std::uint32_t schedulable() const { return schedulable_; }
  /// Largest free cpu and largest free memory over schedulable hosts (-1 when none); the
  /// two maxima may be on different hosts, so they bound what can fit, nothing more.
  std::int64_t max_free_cpu() const { return size_ == 0 ? -1 : (sync(), node(1).cpu); }
  std::int64_t max_free_memory() const { return size_ == 0 ? -1 : (sync(), node(1).mem); }

  /// Lowest-id schedulable host with free cpu and memory >= need and accept(h) true.
  /// Subtrees whose host range [a, b) fails possible(a, b) are skipped (a spread
  /// constraint that rules out a whole rack, say).
  template <class Accept, class Possible>
  HostId leftmost(const scenario::Resources& need, Accept&& accept, Possible&& possible) const {
    if (size_ == 0) return kNone;
    sync();
    return descend(1, 0, leaves_, need, accept, possible);
  }
  template <class Accept>
  HostId leftmost(const scenario::Resources& need, Accept&& accept) const {
    return leftmost(need, accept, [](HostId, HostId) { return true; });
  }

 private:
  /// Free cpu and memory of a schedulable host, or of the best host below a tree node;
  /// -1 for hosts that accept no work.
  struct Free {
    std::int64_t cpu = -1, mem = -1;
    bool operator==(const Free&) const = default;
  };
  /// Tree node k: inner nodes 1..leaves_-1 live in inner_, leaves are the hosts' slots.
  Free node(std::uint32_t k) const {
    if (k < leaves_) return inner_[k];
    const std::uint32_t i = k - leaves_;
    if (i >= size_) return Free{};
    const HostSlot& slot = hosts_[first_ + i];
    return slot.bucket >= 0 ? Free{slot.free.v[scenario::kCpu], slot.free.v[scenario::kMemory]} : Free{};
  }
  /// Brings the inner nodes up to date with the slots.
  void sync() const;

  template <class Accept, class Possible>
  HostId descend(std::uint32_t k, std::uint32_t lo, std::uint32_t hi, const scenario::Resources& need,
                 Accept& accept, Possible& possible) const {
    const Free f = node(k);
    if (f.cpu < need.v[scenario::kCpu] || f.mem < need.v[scenario::kMemory]) return kNone;
    if (lo >= size_ || !possible(first_ + lo, first_ + std::min(hi, size_))) return kNone;
    if (k >= leaves_) {
      const HostId h = first_ + lo;
      return accept(h) ? h : kNone;
    }
    const std::uint32_t mid = lo + (hi - lo) / 2;
    const HostId l = descend(2 * k, lo, mid, need, accept, possible);
    return l != kNone ? l : descend(2 * k + 1, mid, hi, need, accept, possible);
  }

  HostSlot* hosts_ = nullptr;
  HostId first_ = 0;
  std::uint32_t size_ = 0;
  std::uint32_t leaves_ = 1;
  std::int64_t width_ = 1000;
  std::vector<std::vector<HostId>> buckets_;
  std::vector<std::uint64_t> nonempty_;  // bit b: buckets_[b] has hosts
  std::uint32_t schedulable_ = 0;
  // The lazy tree: hosts whose free resources changed since the last sync (a host may be
  // listed twice), or, once that list would be long, a full rebuild.
  mutable std::vector<Free> inner_;
  mutable std::vector<std::uint32_t> dirty_;
  mutable bool rebuild_ = true;
};

}  // namespace fleetsim::model
