#pragma once
/// PHOLD (Fujimoto 1990), the engine's reference workload: `lps` logical processes,
/// each starting with `start_events` events; handling an event schedules one new
/// event after lookahead + Exp(mean), for itself with probability 1 - remote, else for
/// a uniformly chosen LP. Time unit: one PHOLD unit = 1 s of engine time.

#include <cstdint>
#include <string>

namespace fleetsim::phold {

struct Params {
  std::uint32_t lps = 1024;
  std::uint32_t start_events = 16;
  double lookahead = 0.1;
  double mean = 1.0;
  double remote = 0.5;
  double end = 1000.0;
  std::uint32_t partitions = 1;
  unsigned threads = 1;
  std::uint64_t seed = 1;
  std::string queue = "heap4";  ///< heap4 | heap2 | calendar
};

struct Result {
  std::uint64_t events = 0;
  std::uint64_t messages = 0;  ///< events that crossed partitions
  std::uint64_t windows = 0;
  double wall_s = 0;
  double events_per_s = 0;
  double peak_rss_mb = 0;
  std::uint64_t checksum = 0;  ///< order-sensitive hash of every LP's handled events
  std::uint64_t pending = 0;   ///< events left at the end
};

/// Returns a message when params are invalid, empty when fine.
std::string validate(const Params& p);

/// Runs PHOLD on the engine. Throws std::invalid_argument on invalid params.
Result run(const Params& p);

/// Peak resident set size of this process, MiB.
double peak_rss_mb();

/// Per-LP hash step shared with the bench/ reference loop.
inline std::uint64_t fold(std::uint64_t h, std::int64_t time, std::uint64_t key) {
  h ^= static_cast<std::uint64_t>(time) + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  h ^= key + 0x7f4a7c159e3779b9ull + (h << 6) + (h >> 2);
  return h;
}

}  // namespace fleetsim::phold
