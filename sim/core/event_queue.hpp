#pragma once
/// Pending-event queues. Every queue offers the same interface:
///   push(const Event&), top() -> const Event&, pop(), replace_top(const Event&),
///   empty(), size(), clear(), reserve(n)
/// and orders events by core::before (time, then key). The engine is a template on the
/// queue so the choice costs nothing at run time; QuaternaryHeap is the default (see
/// docs/performance.md for the benchmark that chose it).

#include <cstddef>
#include <new>
#include <vector>

#include "sim/core/event.hpp"

namespace fleetsim::core {

/// A std::allocator that aligns storage to a cache line.
template <class T>
struct CacheAlignedAllocator {
  using value_type = T;
  static constexpr std::align_val_t kAlign{64};
  CacheAlignedAllocator() = default;
  template <class U>
  CacheAlignedAllocator(const CacheAlignedAllocator<U>&) {}
  T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T), kAlign)); }
  void deallocate(T* p, std::size_t n) { ::operator delete(p, n * sizeof(T), kAlign); }
  template <class U>
  bool operator==(const CacheAlignedAllocator<U>&) const { return true; }
};

/// Implicit d-ary min-heap with hole-based sifting (one copy per level). Storage is
/// cache-line aligned and shifted by one slot, so that with 32-byte events and D = 4
/// the children of a node fill exactly two cache lines (LaMarca & Ladner 1996).
template <unsigned D>
class DaryHeap {
 public:
  DaryHeap() { v_.emplace_back(); }  // slot 0 is padding
  bool empty() const { return v_.size() == 1; }
  std::size_t size() const { return v_.size() - 1; }
  const Event& top() const { return v_[1]; }
  /// The earliest event after the top, or null when there is none: what comes next unless
  /// handling the top schedules something earlier (used only to prefetch).
  const Event* second() const {
    const std::size_t n = size();
    if (n < 2) return nullptr;
    const Event* a = v_.data() + 1;
    std::size_t best = 1;
    for (std::size_t c = 2; c <= D && c < n; ++c) best = before(a[c], a[best]) ? c : best;
    return a + best;
  }
  void reserve(std::size_t n) { v_.reserve(n + 1); }
  void clear() { v_.resize(1); }

  void push(const Event& e) {
    std::size_t hole = size();
    v_.emplace_back();
    Event* a = v_.data() + 1;  // a local pointer: the compiler need not reload it after stores
    while (hole > 0) {
      const std::size_t parent = (hole - 1) / D;
      if (!before(e, a[parent])) break;
      a[hole] = a[parent];
      hole = parent;
    }
    a[hole] = e;
  }

  void pop() {
    const Event last = v_.back();
    v_.pop_back();
    if (!empty()) sift_from_root(last);
  }

  /// Replaces the minimum with e: one sift instead of a pop and a push (the "hold").
  void replace_top(const Event& e) { sift_from_root(e); }

 private:
  /// Bottom-up (Wegener): walk the hole from the root down along smallest children to a
  /// leaf without comparing against e, then sift e up from there. A displaced or newly
  /// scheduled event usually belongs near the bottom, so this saves comparisons.
  void sift_from_root(const Event& e) {
    const std::size_t n = size();
    Event* a = v_.data() + 1;
    std::size_t hole = 0;
    for (;;) {
      const std::size_t first = hole * D + 1;
      if (first >= n) break;
      // The next level's loads depend on this level's comparisons; start fetching the
      // grandchildren now (D*D events, contiguous) to overlap the memory latency.
      if (const std::size_t grand = first * D + 1; grand < n) {
        const char* g = reinterpret_cast<const char*>(a + grand);
        for (std::size_t off = 0; off < D * D * sizeof(Event); off += 64) __builtin_prefetch(g + off);
      }
      std::size_t best = first;
      if (D == 4 && first + 4 <= n) {
        // Tournament of four with index arithmetic: two independent comparisons, then
        // one more, all compiled to flag arithmetic and conditional moves.
        const std::size_t l = first + before(a[first + 1], a[first]);
        const std::size_t r = first + 2 + before(a[first + 3], a[first + 2]);
        best = before(a[r], a[l]) ? r : l;
      } else {
        const std::size_t end = first + D < n ? first + D : n;
        for (std::size_t c = first + 1; c < end; ++c) best = before(a[c], a[best]) ? c : best;
      }
      a[hole] = a[best];
      hole = best;
    }
    while (hole > 0) {
      const std::size_t parent = (hole - 1) / D;
      if (!before(e, a[parent])) break;
      a[hole] = a[parent];
      hole = parent;
    }
    a[hole] = e;
  }

  std::vector<Event, CacheAlignedAllocator<Event>> v_;
};

using BinaryHeap = DaryHeap<2>;
using QuaternaryHeap = DaryHeap<4>;

/// Calendar queue (R. Brown, CACM 1988): an array of buckets, each a sorted list of the
/// events of one "day"; the year is nbuckets x width. Resized (and the width re-estimated
/// from a sample of event gaps) when the population doubles or halves.
class CalendarQueue {
 public:
  CalendarQueue();
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  const Event& top() const;
  void push(const Event& e);
  void pop();
  void replace_top(const Event& e) {
    pop();
    push(e);
  }
  void clear();
  void reserve(std::size_t) {}

 private:
  void resize(std::size_t nbuckets);
  std::size_t bucket_of(Time t) const;
  void locate_min() const;
  Duration estimate_width() const;

  std::vector<std::vector<Event>> buckets_;  // each sorted descending: min at back()
  Duration width_ = 1;
  std::size_t size_ = 0;
  Time last_ = 0;                        // time of the last minimum popped
  mutable bool min_valid_ = false;
  mutable std::size_t min_bucket_ = 0;
};

}  // namespace fleetsim::core
