#pragma once
/// Rollout policies: how host upgrades group hosts into waves and how service rollouts
/// step a service's replicas to a new release, and how each batch is judged. The model's
/// interface is model::RolloutPolicy (sim/model/rollout_policy.hpp); the registry makes a
/// factory per configured strategy, which makes one policy per upgrade cycle or rollout.

#include "policies/registry.hpp"
#include "sim/model/rollout_policy.hpp"

namespace fleetsim::policies {

using RolloutRegistry = Registry<model::RolloutFactory>;

/// rolling, waves, canary, blue-green.
void register_builtin_rollout(RolloutRegistry& registry);

}  // namespace fleetsim::policies
