#pragma once
/// The smallest value of one integer parameter for which a predicate holds, by bisection,
/// assuming the predicate is monotone (false below the answer, true from it up): "the
/// fewest racks for which every assertion holds at 95% confidence". It evaluates max
/// and min first (in one batch, so they run in parallel), then halves [lo, hi] with
/// lo failing and hi passing: at most 2 + ceil(log2(max - min)) evaluations.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/experiment/metric_stats.hpp"
#include "sim/experiment/verdicts.hpp"

namespace fleetsim::experiment {

/// One evaluated value.
struct Probe {
  std::int64_t value = 0;
  bool ok = false;                 ///< it ran (else `errors` say why)
  bool pass = false;               ///< every assertion held
  int exit_code = 0;               ///< when !ok: 2 bad input, 3 internal
  std::vector<std::string> errors;
  std::vector<Verdict> verdicts;
  std::map<std::string, MetricStats> stats;
  std::size_t order = 0;           ///< evaluation batch it belonged to (0 = first)
};

struct SearchOutcome {
  std::optional<std::int64_t> answer;  ///< the smallest passing value, when max passes
  std::vector<Probe> probes;           ///< every evaluated value, in increasing value order
  bool failed = false;                 ///< a probe could not run; the search stopped
};

/// Evaluates a batch of values (they may run in parallel) and returns one probe each, in order.
using Evaluate = std::function<std::vector<Probe>(const std::vector<std::int64_t>&)>;

/// Bisection over [min, max] (min <= max).
SearchOutcome find_smallest(std::int64_t min, std::int64_t max, const Evaluate& evaluate);

}  // namespace fleetsim::experiment
