#pragma once
/// The seed of each replication: a function of the base seed and the replication index
/// only, never of the thread, rank or shard that runs it, so a replicated run gives the
/// same numbers on any number of threads or MPI ranks, and replication i of two policy
/// variants shares its seed (common random numbers by construction).
///
///   seed(base, 0) = base                                   (replication 0 is the plain run)
///   seed(base, i) = mix64(base ^ mix64(0x5EED0000 + i))    for i >= 1
///
/// where mix64 is the SplitMix64 finaliser of sim/core/rng.hpp. `fleetsim run --seed
/// <seed(base, i)>` replays replication i alone (summaries list the seeds).

#include <cstdint>

#include "sim/core/rng.hpp"

namespace fleetsim::experiment {

/// The seed of replication `index` (0-based) of a scenario whose seed is `base`.
constexpr std::uint64_t replication_seed(std::uint64_t base, std::uint64_t index) {
  if (index == 0) return base;
  return core::mix64(base ^ core::mix64(0x5EED0000ull + index));
}

}  // namespace fleetsim::experiment
