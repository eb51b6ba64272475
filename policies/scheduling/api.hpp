#pragma once
/// Placement policies: the registry type and the built-ins. A placement policy is a
/// model::PlacementPolicy (policies choose among feasible hosts; feasibility is the
/// model's filter chain in model::PlacementView). The registry makes a factory, which
/// makes one policy instance per zone.

#include "policies/registry.hpp"
#include "sim/model/placement.hpp"

namespace fleetsim::policies {

using PlacementRegistry = Registry<model::PlacementFactory>;

/// first-fit, best-fit, spread, sampled.
void register_builtin_placement(PlacementRegistry& registry);

}  // namespace fleetsim::policies
