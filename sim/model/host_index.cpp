#include "sim/model/host_index.hpp"

#include <algorithm>
#include <bit>

namespace fleetsim::model {

void HostIndex::init(HostSlot* hosts, HostId first, std::uint32_t count, std::int64_t max_cpu) {
  hosts_ = hosts;
  first_ = first;
  size_ = count;
  // About 128 buckets over the largest host, never narrower than one core.
  width_ = std::max<std::int64_t>(1000, (max_cpu + 127) / 128);
  buckets_.assign(static_cast<std::size_t>(max_cpu / width_ + 2), {});
  nonempty_.assign((buckets_.size() + 63) / 64, 0);
  for (HostId h = first; h < first + count; ++h) hosts_[h].bucket = -1;
  leaves_ = 1;
  while (leaves_ < count) leaves_ *= 2;
  inner_.assign(leaves_, Free{});
  dirty_.clear();
  rebuild_ = true;
  schedulable_ = 0;
}

int HostIndex::bucket_of(std::int64_t cpu) const {
  if (cpu < 0) return 0;
  const auto b = static_cast<std::size_t>(cpu / width_);
  return static_cast<int>(std::min(b, buckets_.size() - 1));
}

int HostIndex::above(int b) const {
  const int n = bucket_count();
  if (b < 0) b = 0;
  for (int w = b / 64; b < n; ++w, b = w * 64) {
    const std::uint64_t bits = nonempty_[static_cast<std::size_t>(w)] >> (b % 64);
    if (bits != 0) return std::min(n, b + std::countr_zero(bits));
  }
  return n;
}

int HostIndex::below(int b) const {
  if (b > bucket_count()) b = bucket_count();
  while (b > 0) {
    const int w = (b - 1) / 64;
    const int used = b - w * 64;  // bits [0, used) of word w are below b
    const std::uint64_t mask = used == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << used) - 1;
    const std::uint64_t bits = nonempty_[static_cast<std::size_t>(w)] & mask;
    if (bits != 0) return w * 64 + 63 - std::countl_zero(bits);
    b = w * 64;
  }
  return -1;
}

void HostIndex::sync() const {
  const auto up = [&](std::uint32_t k) {
    const Free l = node(2 * k), r = node(2 * k + 1);
    return Free{std::max(l.cpu, r.cpu), std::max(l.mem, r.mem)};
  };
  if (rebuild_) {
    for (std::uint32_t k = leaves_ - 1; k >= 1; --k) inner_[k] = up(k);
    rebuild_ = false;
    dirty_.clear();
    return;
  }
  for (const std::uint32_t i : dirty_) {
    // Walk up while the maxima change: a node whose value stays keeps its ancestors right.
    for (std::uint32_t k = (leaves_ + i) / 2; k >= 1; k /= 2) {
      const Free f = up(k);
      if (f == inner_[k]) break;
      inner_[k] = f;
    }
  }
  dirty_.clear();
}

void HostIndex::update(HostId h) {
  HostSlot& slot = hosts_[h];
  const int want = slot.schedulable ? bucket_of(slot.free.v[scenario::kCpu]) : -1;
  const int have = slot.bucket;
  if (want != have) {
    if (have >= 0) {  // swap-remove from the old bucket
      auto& v = buckets_[static_cast<std::size_t>(have)];
      const HostId last = v.back();
      v[slot.pos] = last;
      hosts_[last].pos = slot.pos;
      v.pop_back();
      if (v.empty()) nonempty_[static_cast<std::size_t>(have) / 64] &= ~(std::uint64_t{1} << (have % 64));
      --schedulable_;
    }
    if (want >= 0) {
      auto& v = buckets_[static_cast<std::size_t>(want)];
      slot.pos = static_cast<std::uint32_t>(v.size());
      v.push_back(h);
      nonempty_[static_cast<std::size_t>(want) / 64] |= std::uint64_t{1} << (want % 64);
      ++schedulable_;
    }
    slot.bucket = static_cast<std::int16_t>(want);
  }
  // The leaf may have changed (free resources or schedulability): the tree catches up at
  // its next read. A long list costs more to replay than rebuilding the tree once (O(n)).
  if (rebuild_) return;
  if (dirty_.size() >= size_ / 8 + 16) {
    rebuild_ = true;
    dirty_.clear();
  } else {
    dirty_.push_back(h - first_);
  }
}

}  // namespace fleetsim::model
