#include "analysis/stats/histogram.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace fleetsim::analysis {

Histogram::Histogram(double relative_accuracy, double min_magnitude)
    : accuracy_(relative_accuracy),
      min_magnitude_(min_magnitude),
      min_(std::numeric_limits<double>::infinity()),
      max_(-std::numeric_limits<double>::infinity()) {
  if (!(relative_accuracy > 0 && relative_accuracy < 0.5)) {
    throw std::invalid_argument("histogram: relative accuracy must be in (0, 0.5), got " +
                                std::to_string(relative_accuracy));
  }
  if (!(min_magnitude > 0) || !std::isfinite(min_magnitude)) {
    throw std::invalid_argument("histogram: min_magnitude must be positive and finite");
  }
  gamma_ = (1 + relative_accuracy) / (1 - relative_accuracy);
  inv_log_gamma_ = 1.0 / std::log(gamma_);
}

void Histogram::Store::add(std::int32_t index, std::uint64_t n) {
  if (counts.empty()) {
    offset = index;
    counts.assign(1, 0);
  } else if (index < offset) {
    const auto grow = static_cast<std::size_t>(offset - index);
    counts.insert(counts.begin(), grow, 0);
    offset = index;
  } else if (static_cast<std::size_t>(index - offset) >= counts.size()) {
    counts.resize(static_cast<std::size_t>(index - offset) + 1, 0);
  }
  counts[static_cast<std::size_t>(index - offset)] += n;
  total += n;
}

std::int32_t Histogram::index_of(double magnitude) const {
  return static_cast<std::int32_t>(std::ceil(std::log(magnitude) * inv_log_gamma_));
}

double Histogram::value_of(std::int32_t index) const {
  return 2.0 * std::pow(gamma_, index) / (gamma_ + 1.0);
}

void Histogram::record(double x) {
  if (!std::isfinite(x)) throw std::invalid_argument("histogram: cannot record a non-finite value");
  const double m = std::fabs(x);
  if (m < min_magnitude_)
    ++zeros_;
  else if (x > 0)
    positive_.add(index_of(m), 1);
  else
    negative_.add(index_of(m), 1);
  ++count_;
  sum_ += x;
  min_ = std::min(min_, x);
  max_ = std::max(max_, x);
}

void Histogram::merge(const Histogram& other) {
  if (other.accuracy_ != accuracy_ || other.min_magnitude_ != min_magnitude_) {
    throw std::invalid_argument("histogram: cannot merge histograms of different accuracy");
  }
  for (std::size_t k = 0; k < other.positive_.counts.size(); ++k) {
    if (other.positive_.counts[k] != 0) {
      positive_.add(other.positive_.offset + static_cast<std::int32_t>(k),
                    other.positive_.counts[k]);
    }
  }
  for (std::size_t k = 0; k < other.negative_.counts.size(); ++k) {
    if (other.negative_.counts[k] != 0) {
      negative_.add(other.negative_.offset + static_cast<std::int32_t>(k),
                    other.negative_.counts[k]);
    }
  }
  zeros_ += other.zeros_;
  count_ += other.count_;
  sum_ += other.sum_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
}

double Histogram::value_at_rank(std::uint64_t r) const {
  // Ascending order: negatives from the largest magnitude down, then zeros, then positives.
  if (r < negative_.total) {
    std::uint64_t seen = 0;
    for (std::size_t k = negative_.counts.size(); k-- > 0;) {
      seen += negative_.counts[k];
      if (seen > r) return -value_of(negative_.offset + static_cast<std::int32_t>(k));
    }
  }
  r -= std::min(r, negative_.total);
  if (r < zeros_) return 0.0;
  r -= zeros_;
  std::uint64_t seen = 0;
  for (std::size_t k = 0; k < positive_.counts.size(); ++k) {
    seen += positive_.counts[k];
    if (seen > r) return value_of(positive_.offset + static_cast<std::int32_t>(k));
  }
  return max_;
}

double Histogram::quantile(double q) const {
  if (count_ == 0) throw std::invalid_argument("histogram: quantile of an empty histogram");
  if (!(q >= 0 && q <= 1))
    throw std::invalid_argument("histogram: quantile level must be in [0, 1]");
  const auto rank = static_cast<std::uint64_t>(std::floor(q * static_cast<double>(count_ - 1)));
  if (rank == 0) return min_;
  if (rank == count_ - 1) return max_;
  return std::clamp(value_at_rank(rank), min_, max_);
}

double Histogram::mean() const {
  if (count_ == 0) throw std::invalid_argument("histogram: mean of an empty histogram");
  return sum_ / static_cast<double>(count_);
}

std::size_t Histogram::bucket_bytes() const {
  return (positive_.counts.capacity() + negative_.counts.capacity()) * sizeof(std::uint64_t);
}

}  // namespace fleetsim::analysis
