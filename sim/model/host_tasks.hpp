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

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

#include "sim/core/huge_pages.hpp"
#include "sim/model/host_index.hpp"
#include "sim/model/ids.hpp"

namespace fleetsim::model {

class HostTasks {
 public:
  /// Reserves room for about `ids` task ids (the zone's replicas) at setup.
  void reserve(std::size_t ids) { pool_.reserve(ids); }

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
    if (s.task_shift != 0) free_[s.task_shift].push_back(s.tasks_at);
    s.tasks_at = at;
    s.task_shift = shift;
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

  std::vector<TaskId, core::HugePageAllocator<TaskId>> pool_;
  std::vector<std::vector<std::uint32_t>> free_;  // [shift]: offsets of free blocks
};

}  // namespace fleetsim::model
