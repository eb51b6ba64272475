#pragma once
/// A log-bucketed streaming histogram for percentiles computed online (e.g. wait times).
///
/// Buckets grow geometrically by gamma = (1 + a) / (1 - a), where a is the relative
/// accuracy: a positive value x falls in bucket i = ceil(log_gamma x), which covers
/// (gamma^(i-1), gamma^i], and the bucket is represented by 2 gamma^i / (gamma + 1). Every
/// value in the bucket is then within a relative error a of the representative (the
/// DDSketch construction of Masson, Rim & Lee, VLDB 2019). Negative values use a mirrored
/// set of buckets; values with |x| below min_magnitude count as zero.
///
/// Guarantee: quantile(q) returns a value within relative error a (default 0.5%, so always
/// under 1%) of the sample's order statistic of 0-based rank floor(q (n - 1)), clamped to
/// the exact [min, max]; the first and last ranks return min and max exactly. count, sum, mean, min
/// and max are exact (sum to double rounding). Deterministic: the same values in the same order
/// give the same state; merge() of histograms with the same accuracy is exact for the buckets and
/// associative. record() allocates only when the value range grows past the buckets held so far.

#include <cstdint>
#include <vector>

namespace fleetsim::analysis {

class Histogram {
 public:
  /// relative_accuracy in (0, 0.5); min_magnitude > 0 is the smallest |x| kept apart from 0.
  explicit Histogram(double relative_accuracy = 0.005, double min_magnitude = 1e-9);

  /// Adds one finite value (NaN and infinities throw std::invalid_argument).
  void record(double x);
  /// Adds every value recorded in other; accuracies must match (std::invalid_argument).
  void merge(const Histogram& other);

  /// Estimate of the q-quantile (0 <= q <= 1) as described above; throws when empty.
  double quantile(double q) const;

  std::uint64_t count() const { return count_; }  ///< values recorded
  double sum() const { return sum_; }             ///< sum of the values recorded
  double mean() const;                            ///< sum / count; throws when empty
  double min() const { return min_; }             ///< exact minimum (+inf when empty)
  double max() const { return max_; }             ///< exact maximum (-inf when empty)
  double relative_accuracy() const { return accuracy_; }
  /// Memory held by the bucket arrays, in bytes.
  std::size_t bucket_bytes() const;

 private:
  /// Buckets of one sign: counts_[k] is bucket index offset_ + k.
  struct Store {
    std::vector<std::uint64_t> counts;
    std::int32_t offset = 0;
    std::uint64_t total = 0;
    void add(std::int32_t index, std::uint64_t n);
  };

  std::int32_t index_of(double magnitude) const;
  double value_of(std::int32_t index) const;
  /// Value of the item of 0-based rank r in ascending order.
  double value_at_rank(std::uint64_t r) const;

  double accuracy_;
  double min_magnitude_;
  double gamma_;
  double inv_log_gamma_;
  Store positive_;
  Store negative_;  // indexed by |x|
  std::uint64_t zeros_ = 0;
  std::uint64_t count_ = 0;
  double sum_ = 0;
  double min_;
  double max_;
};

}  // namespace fleetsim::analysis
