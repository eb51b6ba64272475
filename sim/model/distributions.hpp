#pragma once
/// Sampling of scenario distributions with Boost.Random on a keyed stream.

#include "sim/core/rng.hpp"
#include "sim/core/time.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleetsim::model {

/// Draws a value in the distribution's own unit (seconds for time-valued ones).
double sample(const scenario::Distribution& d, core::Rng& rng);

/// Draws a duration; negative draws clamp to 0, huge ones to about 290,000 years.
Duration sample_duration(const scenario::Distribution& d, core::Rng& rng);

}  // namespace fleetsim::model
