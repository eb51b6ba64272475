#include <algorithm>

#include "sim/core/event_queue.hpp"

namespace fleetsim::core {

namespace {
// Buckets are kept sorted in descending order so the bucket minimum is at back().
bool later(const Event& a, const Event& b) { return before(b, a); }
}  // namespace

CalendarQueue::CalendarQueue() { buckets_.resize(2); }

std::size_t CalendarQueue::bucket_of(Time t) const {
  return static_cast<std::size_t>(static_cast<std::uint64_t>(t) /
                                  static_cast<std::uint64_t>(width_)) %
         buckets_.size();
}

void CalendarQueue::clear() {
  buckets_.assign(2, {});
  width_ = 1;
  size_ = 0;
  last_ = 0;
  min_valid_ = false;
}

void CalendarQueue::push(const Event& e) {
  std::vector<Event>& b = buckets_[bucket_of(e.time)];
  b.insert(std::upper_bound(b.begin(), b.end(), e, later), e);
  ++size_;
  if (min_valid_ && before(e, buckets_[min_bucket_].back())) min_bucket_ = bucket_of(e.time);
  if (size_ > 2 * buckets_.size()) resize(buckets_.size() * 2);
}

const Event& CalendarQueue::top() const {
  if (!min_valid_) locate_min();
  return buckets_[min_bucket_].back();
}

void CalendarQueue::pop() {
  if (!min_valid_) locate_min();
  last_ = buckets_[min_bucket_].back().time;  // time of the last minimum
  buckets_[min_bucket_].pop_back();
  --size_;
  min_valid_ = false;
  if (buckets_.size() > 2 && size_ < buckets_.size() / 2) resize(buckets_.size() / 2);
}

void CalendarQueue::locate_min() const {
  // Scan one year of days starting at the day of the last minimum: the first bucket
  // whose smallest event falls inside its current day holds the global minimum,
  // because no pending event is earlier than the last minimum.
  const std::size_t nb = buckets_.size();
  std::size_t i = bucket_of(last_);
  Time day_end = (last_ / width_ + 1) * width_;
  for (std::size_t n = 0; n < nb; ++n) {
    const std::vector<Event>& b = buckets_[i];
    if (!b.empty() && b.back().time < day_end) {
      min_bucket_ = i;
      min_valid_ = true;
      return;
    }
    i = i + 1 == nb ? 0 : i + 1;
    day_end += width_;
  }
  // Sparse year: direct search over bucket minima.
  std::size_t best = nb;
  for (std::size_t j = 0; j < nb; ++j) {
    if (buckets_[j].empty()) continue;
    if (best == nb || before(buckets_[j].back(), buckets_[best].back())) best = j;
  }
  min_bucket_ = best;
  min_valid_ = true;
}

Duration CalendarQueue::estimate_width() const {
  // Brown's heuristic: three times the mean gap between the earliest events.
  std::vector<Time> sample;
  for (const auto& b : buckets_) {
    for (const Event& e : b) sample.push_back(e.time);
  }
  const std::size_t k = std::min<std::size_t>(sample.size(), 32);
  if (k < 2) return width_;
  std::partial_sort(sample.begin(), sample.begin() + static_cast<std::ptrdiff_t>(k), sample.end());
  const Time span = sample[k - 1] - sample[0];
  const Duration w = 3 * span / static_cast<Time>(k - 1);
  return w > 0 ? w : 1;
}

void CalendarQueue::resize(std::size_t nbuckets) {
  const Duration w = estimate_width();
  std::vector<std::vector<Event>> old(nbuckets);
  old.swap(buckets_);
  width_ = w;
  for (auto& b : old) {
    for (const Event& e : b) {
      std::vector<Event>& nb = buckets_[bucket_of(e.time)];
      nb.push_back(e);
    }
  }
  for (auto& b : buckets_) std::sort(b.begin(), b.end(), later);
  min_valid_ = false;
}

}  // namespace fleetsim::core
