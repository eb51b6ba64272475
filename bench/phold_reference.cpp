/// The speed-of-light reference for `fleetsim bench phold`: a minimal hand-written
/// sequential PHOLD loop on a plain binary heap (std::push_heap / std::pop_heap), with
/// the same parameters, the same random streams and the same tie-break keys as the
/// engine, so it must print the same event count and checksum.
///
///   phold_reference LPS START_EVENTS LOOKAHEAD MEAN REMOTE END SEED

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>

#include "sim/core/rng.hpp"
#include "sim/phold/phold.hpp"

namespace {

struct Ev {
  std::int64_t time;
  std::uint64_t key;
  std::uint32_t lp;
};

struct Later {
  bool operator()(const Ev& a, const Ev& b) const {
    return a.time > b.time || (a.time == b.time && a.key > b.key);
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 8) {
    std::fprintf(stderr, "usage: phold_reference LPS START_EVENTS LOOKAHEAD MEAN REMOTE END SEED\n");
    return 2;
  }
  const auto lps = static_cast<std::uint32_t>(std::strtoul(argv[1], nullptr, 10));
  const auto start = static_cast<std::uint32_t>(std::strtoul(argv[2], nullptr, 10));
  const double lookahead = std::strtod(argv[3], nullptr);
  const double mean = std::strtod(argv[4], nullptr);
  const double remote = std::strtod(argv[5], nullptr);
  const double end_units = std::strtod(argv[6], nullptr);
  const std::uint64_t seed = std::strtoull(argv[7], nullptr, 10);
  if (lps == 0 || mean <= 0 || remote < 0 || remote > 1 || end_units <= 0) {
    std::fprintf(stderr, "phold_reference: bad parameters\n");
    return 2;
  }

  const std::int64_t la = std::llround(lookahead * 1e6);
  const std::int64_t end = std::llround(end_units * 1e6);
  boost::random::exponential_distribution<double> exp(1.0 / (mean * 1e6));
  boost::random::uniform_int_distribution<std::uint32_t> pick(0, lps - 1);
  std::vector<fleetsim::core::Rng> rng(lps);
  std::vector<std::uint64_t> hash(lps, 0);
  std::vector<std::uint32_t> seq(lps, 0);
  constexpr std::uint64_t kPurpose = fleetsim::core::purpose_id("phold");
  for (std::uint32_t i = 0; i < lps; ++i) rng[i] = fleetsim::core::Rng(seed, kPurpose, i);

  std::vector<Ev> heap;
  heap.reserve(static_cast<std::size_t>(lps) * start);
  for (std::uint32_t i = 0; i < lps; ++i) {
    for (std::uint32_t k = 0; k < start; ++k) {
      const std::int64_t t = la + static_cast<std::int64_t>(exp(rng[i]));
      heap.push_back({t, (std::uint64_t{i} << 32) | seq[i]++, i});
      std::push_heap(heap.begin(), heap.end(), Later{});
    }
  }

  const auto t0 = std::chrono::steady_clock::now();
  std::uint64_t events = 0;
  while (!heap.empty() && heap.front().time < end) {
    std::pop_heap(heap.begin(), heap.end(), Later{});
    const Ev e = heap.back();
    heap.pop_back();
    ++events;
    hash[e.lp] = fleetsim::phold::fold(hash[e.lp], e.time, e.key);
    fleetsim::core::Rng& r = rng[e.lp];
    const std::int64_t d = la + static_cast<std::int64_t>(exp(r));
    const std::uint32_t dest = r.uniform01() < remote ? pick(r) : e.lp;
    heap.push_back({e.time + d, (std::uint64_t{e.lp} << 32) | seq[e.lp]++, dest});
    std::push_heap(heap.begin(), heap.end(), Later{});
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::uint64_t h = 0;
  for (std::uint32_t i = 0; i < lps; ++i) h = fleetsim::core::mix64(h ^ hash[i]);
  std::printf(
      "{\"bench\":\"phold_reference\",\"lps\":%u,\"events\":%llu,\"wall_s\":%.6f,"
      "\"events_per_s\":%.1f,\"peak_rss_mb\":%.1f,\"checksum\":\"%016llx\"}\n",
      lps, static_cast<unsigned long long>(events), wall, wall > 0 ? events / wall : 0.0,
      fleetsim::phold::peak_rss_mb(), static_cast<unsigned long long>(h));
  return 0;
}
