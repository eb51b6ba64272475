#pragma once

/// The racks of a zone ordered by how many replicas of one service each holds (rack
/// spread): least loaded first, ties by rack. The same order as a set of (count, rack)
/// pairs, without its per-change node allocation and rebalancing: counts move by one as
/// replicas come and go and stay in a narrow band, so the racks are kept as one bitmap per
/// count, and the least one is the lowest set bit of the lowest non-empty count.

#include <algorithm>
#include <bit>
#include <cstdint>
#include <utility>
#include <vector>

#include "sim/model/ids.hpp"

namespace fleetsim::model {

class RackOrder {
 public:
  /// `racks` racks, each present with count 0.
  void init(RackId racks) {
    words_ = (racks + 63) / 64;
    bits_.assign(1, std::vector<std::uint64_t>(words_, 0));
    pop_.assign(1, 0);
    size_ = 0;
    min_ = 0;
    for (RackId r = 0; r < racks; ++r) insert(0, r);
  }

  [[nodiscard]] bool empty() const { return size_ == 0; }

  /// (count, rack) of the least-loaded present rack, lowest rack first; not empty().
  [[nodiscard]] std::pair<std::uint32_t, RackId> least() const {
    const std::vector<std::uint64_t>& b = bits_[min_];
    std::uint32_t w = 0;
    while (b[w] == 0) ++w;
    return {min_, static_cast<RackId>(w * 64 + static_cast<std::uint32_t>(std::countr_zero(b[w])))};
  }

  /// Adds rack r with `count`; a rack already present with that count stays as it is.
  void insert(std::uint32_t count, RackId r) {
    if (count >= bits_.size()) {
      bits_.resize(count + 1, std::vector<std::uint64_t>(words_, 0));
      pop_.resize(count + 1, 0);
    }
    std::uint64_t& word = bits_[count][r / 64];
    const std::uint64_t bit = std::uint64_t{1} << (r % 64);
    if (word & bit) return;
    word |= bit;
    ++pop_[count];
    if (size_++ == 0 || count < min_) min_ = count;
  }

  /// Removes rack r if it is present with `count` (otherwise nothing happens).
  void erase(std::uint32_t count, RackId r) {
    if (count >= bits_.size()) return;
    std::uint64_t& word = bits_[count][r / 64];
    const std::uint64_t bit = std::uint64_t{1} << (r % 64);
    if (!(word & bit)) return;
    word &= ~bit;
    --pop_[count];
    if (--size_ == 0) {
      min_ = 0;
      return;
    }
    while (pop_[min_] == 0) ++min_;
  }

  void erase(std::pair<std::uint32_t, RackId> entry) { erase(entry.first, entry.second); }
  void insert(std::pair<std::uint32_t, RackId> entry) { insert(entry.first, entry.second); }

 private:
  std::uint32_t words_ = 0;
  std::vector<std::vector<std::uint64_t>> bits_;  // [count][rack / 64]
  std::vector<std::uint32_t> pop_;                // racks present per count
  std::uint64_t size_ = 0;
  std::uint32_t min_ = 0;  // lowest count with a present rack (when not empty)
};

}  // namespace fleetsim::model
