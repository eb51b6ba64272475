#include "sim/model/host_index.hpp"

#include <algorithm>

namespace fleetsim::model {

void HostIndex::init(HostId first, std::uint32_t count, std::int64_t max_cpu) {
  first_ = first;
  size_ = count;
  // About 128 buckets over the largest host, never narrower than one core.
  width_ = std::max<std::int64_t>(1000, (max_cpu + 127) / 128);
  buckets_.assign(static_cast<std::size_t>(max_cpu / width_ + 2), {});
  bucket_of_host_.assign(count, -1);
  pos_.assign(count, 0);
  leaves_ = 1;
  while (leaves_ < count) leaves_ *= 2;
  tree_cpu_.assign(2 * leaves_, -1);
  tree_mem_.assign(2 * leaves_, -1);
  schedulable_ = 0;
  top_hint_ = -1;
}

int HostIndex::bucket_of(std::int64_t cpu) const {
  if (cpu < 0) return 0;
  const auto b = static_cast<std::size_t>(cpu / width_);
  return static_cast<int>(std::min(b, buckets_.size() - 1));
}

int HostIndex::top_bucket() const {
  if (schedulable_ == 0) return -1;
  int b = top_hint_ >= 0 ? std::min(top_hint_, bucket_count() - 1) : bucket_count() - 1;
  while (b >= 0 && buckets_[static_cast<std::size_t>(b)].empty()) --b;
  top_hint_ = b;
  return b;
}

void HostIndex::set_leaf(std::uint32_t i, std::int64_t cpu, std::int64_t mem) {
  std::uint32_t node = leaves_ + i;
  if (tree_cpu_[node] == cpu && tree_mem_[node] == mem) return;
  tree_cpu_[node] = cpu;
  tree_mem_[node] = mem;
  // Walk up while the maxima change: a node whose value stays keeps its ancestors right.
  for (node /= 2; node >= 1; node /= 2) {
    const std::int64_t c = std::max(tree_cpu_[2 * node], tree_cpu_[2 * node + 1]);
    const std::int64_t m = std::max(tree_mem_[2 * node], tree_mem_[2 * node + 1]);
    if (c == tree_cpu_[node] && m == tree_mem_[node]) return;
    tree_cpu_[node] = c;
    tree_mem_[node] = m;
  }
}

void HostIndex::update(HostId h, bool schedulable, const scenario::Resources& free) {
  const std::uint32_t i = h - first_;
  const int want = schedulable ? bucket_of(free.v[scenario::kCpu]) : -1;
  const int have = bucket_of_host_[i];
  if (want != have) {
    if (have >= 0) {  // swap-remove from the old bucket
      auto& v = buckets_[static_cast<std::size_t>(have)];
      const HostId last = v.back();
      v[pos_[i]] = last;
      pos_[last - first_] = pos_[i];
      v.pop_back();
      --schedulable_;
    }
    if (want >= 0) {
      auto& v = buckets_[static_cast<std::size_t>(want)];
      pos_[i] = static_cast<std::uint32_t>(v.size());
      v.push_back(h);
      ++schedulable_;
      if (want > top_hint_) top_hint_ = want;
    }
    bucket_of_host_[i] = want;
  }
  if (schedulable) {
    set_leaf(i, free.v[scenario::kCpu], free.v[scenario::kMemory]);
  } else {
    set_leaf(i, -1, -1);
  }
}

}  // namespace fleetsim::model
