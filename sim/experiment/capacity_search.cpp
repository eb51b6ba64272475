#include "sim/experiment/capacity_search.hpp"

#include <algorithm>
#include <stdexcept>

namespace fleetsim::experiment {

SearchOutcome find_smallest(std::int64_t min, std::int64_t max, const Evaluate& evaluate) {
  if (max < min) throw std::invalid_argument("find_smallest: max < min");
  SearchOutcome out;
  std::size_t batch = 0;
  // Evaluates values; false when one of them could not run.
  auto run = [&](const std::vector<std::int64_t>& values) {
    std::vector<Probe> probes = evaluate(values);
    if (probes.size() != values.size()) throw std::logic_error("evaluate returned a wrong count");
    bool ok = true;
    for (Probe& p : probes) {
      p.order = batch;
      ok = ok && p.ok;
      out.probes.push_back(std::move(p));
    }
    ++batch;
    return ok;
  };
  auto passes = [&](std::int64_t v) {
    for (const Probe& p : out.probes) {
      if (p.value == v) return p.pass;
    }
    throw std::logic_error("value not evaluated");
  };
  auto finish = [&]() {
    std::sort(out.probes.begin(), out.probes.end(),
              [](const Probe& a, const Probe& b) { return a.value < b.value; });
    return out;
  };

  if (!run(min == max ? std::vector<std::int64_t>{max} : std::vector<std::int64_t>{min, max})) {
    out.failed = true;
    return finish();
  }
  if (!passes(max)) return finish();  // not enough even at max: no answer in range
  if (passes(min)) {
    out.answer = min;
    return finish();
  }
  std::int64_t lo = min, hi = max;  // invariant: lo fails, hi passes
  while (hi - lo > 1) {
    const std::int64_t mid = lo + (hi - lo) / 2;
    if (!run({mid})) {
      out.failed = true;
      return finish();
    }
    (passes(mid) ? hi : lo) = mid;
  }
  out.answer = hi;
  return finish();
}

}  // namespace fleetsim::experiment
