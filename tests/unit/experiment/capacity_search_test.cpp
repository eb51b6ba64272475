/// The bisection of the capacity search on predicates with a known answer.

#include <cmath>
#include <set>

#include <catch2/catch.hpp>

#include "sim/experiment/capacity_search.hpp"

using namespace fleetsim::experiment;

namespace {

/// An evaluator whose probes pass from `answer` up; records every value asked.
struct Threshold {
  std::int64_t answer;
  std::vector<std::vector<std::int64_t>> batches;
  std::vector<Probe> operator()(const std::vector<std::int64_t>& values) {
    batches.push_back(values);
    std::vector<Probe> out;
    for (const std::int64_t v : values) {
      Probe p;
      p.value = v;
      p.ok = true;
      p.pass = v >= answer;
      out.push_back(p);
    }
    return out;
  }
};

}  // namespace

TEST_CASE("find_smallest finds every threshold in few evaluations", "[experiment][plan]") {
  for (std::int64_t lo : {0, 3}) {
    for (std::int64_t hi : {3, 4, 17, 100}) {
      if (hi < lo) continue;
      for (std::int64_t answer = lo; answer <= hi + 1; ++answer) {
        Threshold t{answer, {}};
        const SearchOutcome o = find_smallest(lo, hi, std::ref(t));
        INFO("range [" << lo << ", " << hi << "] answer " << answer);
        if (answer > hi) {
          CHECK_FALSE(o.answer);
        } else {
          REQUIRE(o.answer);
          CHECK(*o.answer == answer);
        }
        // The first batch holds min and max together; then one value per step.
        CHECK(t.batches[0] == (lo == hi ? std::vector<std::int64_t>{hi} : std::vector<std::int64_t>{lo, hi}));
        const double steps = hi > lo ? std::ceil(std::log2(static_cast<double>(hi - lo))) : 0;
        CHECK(static_cast<double>(o.probes.size()) <= 2 + steps);
        // The curve comes back sorted, each value once.
        std::set<std::int64_t> values;
        for (std::size_t i = 0; i < o.probes.size(); ++i) {
          values.insert(o.probes[i].value);
          if (i) CHECK(o.probes[i - 1].value < o.probes[i].value);
        }
        CHECK(values.size() == o.probes.size());
      }
    }
  }
}

TEST_CASE("find_smallest stops when a probe cannot run", "[experiment][plan]") {
  const auto broken = [](const std::vector<std::int64_t>& values) {
    std::vector<Probe> out;
    for (const std::int64_t v : values) {
      Probe p;
      p.value = v;
      p.ok = v != 50;  // 50 cannot run
      p.pass = v >= 70;
      out.push_back(p);
    }
    return out;
  };
  const SearchOutcome o = find_smallest(0, 100, broken);
  CHECK(o.failed);
  CHECK_FALSE(o.answer);
  CHECK(o.probes.size() == 3);  // 0, 100, then 50
}
