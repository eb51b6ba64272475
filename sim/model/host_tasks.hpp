#pragma once
/// The tasks on each host of one zone, oldest first, as a short array of task ids per
/// host. The arrays live in blocks of one pool per zone (capacities 4, 8, 16, ... ids,
/// each at an offset that is a multiple of its size, so that in a pool on huge pages a
/// block of up to 16 ids is one cache line);
/// a host's slot (HostSlot) says where its block is, how large and how full.
///
/// Against a linked list through the tasks, adding or removing a task touches the host's
/// block only, never its neighbours in the list (tasks placed hours apart, cold), and a
/// walk over a host's tasks knows every id at once, so the tasks can be fetched together
/// instead of one miss after another. Removal keeps the order of the others, so a walk
/// from the newest (last) to the oldest sees the tasks in the order a list with new
/// tasks at its head would.
///
/// A pool set up with homes() gives every host of the zone a home block of kHome ids at
/// a place that follows from the host alone (its index in the zone), so that the block
/// of a host about to be touched can be fetched before its slot is read: a host with more
/// tasks moves to a pooled block and back home once half its home would do.

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

#include "sim/core/huge_pages.hpp"
#include "sim/core/prefetch.hpp"
#include "sim/model/host_index.hpp"
#include "sim/model/ids.hpp"

namespace fleetsim::model {

class HostTasks {
 public:
  static constexpr std::uint8_t kHomeShift = 5;
  static constexpr std::uint32_t kHome = std::uint32_t{1} << kHomeShift;  // ids in a home block

  /// Gives each of the zone's `count` hosts (slots[0..count), empty) its home block, and
  /// reserves room for about `ids` more task ids in pooled blocks. Once, before any add.
  void homes(HostSlot* slots, std::uint32_t count, std::size_t ids) {
    slots_ = slots;
    home_count_ = count;
    pool_.reserve(static_cast<std::size_t>(count) * kHome + ids);
    pool_.assign(static_cast<std::size_t>(count) * kHome, kNone);
    for (std::uint32_t i = 0; i < count; ++i) {
      slots[i].tasks_at = home_at(i);
      slots[i].task_shift = kHomeShift;
    }
  }
  /// Requests the cache lines of the zone's i-th host's home block (homes() was called):
  /// its ids, unless it holds more than a home block. No effect on results.
  void prefetch_home(std::uint32_t i) const {
    const TaskId* block = pool_.data() + home_at(i);
    for (std::uint32_t k = 0; k < kHome; k += 64 / sizeof(TaskId)) core::prefetch(block + k);
  }

  /// The host's tasks, oldest first. Valid until the next add on any host of the zone.
  std::span<const TaskId> of(const HostSlot& s) const { return {pool_.data() + s.tasks_at, s.task_count}; }

  void add(HostSlot& s, TaskId t) {
    if (s.task_count == capacity(s)) grow(s);
    pool_[s.tasks_at + s.task_count++] = t;
  }

  /// Removes t (which must be on the host), keeping the order of the others.
  void remove(HostSlot& s, TaskId t) {
    TaskId* a = pool_.data() + s.tasks_at;
    TaskId* end = a + s.task_count;
    TaskId* at = end - 1;
    while (*at != t) --at;  // recent tasks end sooner: search from the newest
    std::copy(at + 1, end, at);
    --s.task_count;
    if (s.task_shift > kHomeShift && s.task_count <= kHome / 2 && home_count_ > 0) go_home(s);
  }

 private:
  static constexpr std::uint8_t kMinShift = 2;  // the smallest block holds 4 ids
  static std::uint32_t capacity(const HostSlot& s) {
    return s.task_shift == 0 ? 0 : std::uint32_t{1} << s.task_shift;
  }

  /// Moves the host's ids to a block twice as large (the first block: 4 ids); the old
  /// block goes to its size's free list.
  void grow(HostSlot& s) {
    const std::uint8_t shift = s.task_shift == 0 ? kMinShift : static_cast<std::uint8_t>(s.task_shift + 1);
    const std::uint32_t at = take(shift);
    std::copy_n(pool_.data() + s.tasks_at, s.task_count, pool_.data() + at);
    if (s.task_shift != 0 && !at_home(s)) free_[s.task_shift].push_back(s.tasks_at);
    s.tasks_at = at;
    s.task_shift = shift;
  }

  static std::uint32_t home_at(std::uint32_t i) { return i << kHomeShift; }
  bool at_home(const HostSlot& s) const { return s.tasks_at < home_at(home_count_); }

  /// Moves a host from its pooled block back to its home block, freeing the pooled one.
  void go_home(HostSlot& s) {
    const std::uint32_t at = home_at(static_cast<std::uint32_t>(&s - slots_));
    std::copy_n(pool_.data() + s.tasks_at, s.task_count, pool_.data() + at);
    free_[s.task_shift].push_back(s.tasks_at);
    s.tasks_at = at;
    s.task_shift = kHomeShift;
  }

  /// A free block of 2^shift ids: a freed one, or a new one at the end of the pool
  /// (aligned to its size; the few ids skipped for alignment stay unused).
  std::uint32_t take(std::uint8_t shift) {
    if (free_.size() <= shift) free_.resize(shift + 1u);
    std::vector<std::uint32_t>& list = free_[shift];
    if (!list.empty()) {
      const std::uint32_t at = list.back();
      list.pop_back();
      return at;
    }
    const std::size_t size = std::size_t{1} << shift;
    const std::size_t at = (pool_.size() + size - 1) / size * size;
    pool_.resize(at + size, kNone);
    return static_cast<std::uint32_t>(at);
  }

  std::vector<TaskId, core::HugePageAllocator<TaskId>> pool_;  // home blocks first, then pooled ones
  HostSlot* slots_ = nullptr;    // the zone's first host's slot (homes() only)
  std::uint32_t home_count_ = 0;  // hosts with a home block
  std::vector<std::vector<std::uint32_t>> free_;  // [shift]: offsets of free blocks
};

}  // namespace fleetsim::model
