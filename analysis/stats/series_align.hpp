#pragma once
/// Putting two time series on common timestamps, so that point-wise error measures
/// (WAPE, NRMSE) compare like with like.
///
/// Both series must be sorted by time (non-decreasing) with one value per time; only the
/// overlap [max(first times), min(last times)] is used. Methods:
///  - kLastValue: the value of each series at grid time t is its last sample at or before t
///    (last value carried forward, the way a gauge is read). The grid is
///    t0, t0 + step, ... <= t1, or, with step 0, every distinct sample time of either
///    series inside the overlap.
///  - kBucketMean: the overlap is cut into buckets [t0 + k step, t0 + (k+1) step); each
///    series' value is the mean of its samples in the bucket; the grid time is the bucket
///    start. Buckets where either series has no sample are left out. step must be > 0.
/// Times are in any one unit (seconds by convention).

#include <span>
#include <vector>

namespace fleetsim::analysis {

struct SeriesView {
  std::span<const double> times;   ///< sample times, non-decreasing
  std::span<const double> values;  ///< same length as times
};

enum class AlignMethod { kLastValue, kBucketMean };

struct AlignOptions {
  AlignMethod method = AlignMethod::kLastValue;
  double step = 0;  ///< grid spacing or bucket width; 0 = union of sample times (kLastValue only)
};

struct AlignedSeries {
  std::vector<double> times;  ///< the common grid
  std::vector<double> a;      ///< first series on the grid
  std::vector<double> b;      ///< second series on the grid
};

/// Aligns a and b; an empty result when either is empty or they do not overlap in time.
/// Throws std::invalid_argument for unsorted times, length mismatches or a bad step.
AlignedSeries align_series(SeriesView a, SeriesView b, const AlignOptions& options = {});

}  // namespace fleetsim::analysis
