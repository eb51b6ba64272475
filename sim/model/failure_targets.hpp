#pragma once
/// Which components a failure process applies to: every component of its target kind,
/// narrowed by host_type (hosts) and by an explicit list of component names.

#include <cstddef>
#include <vector>

#include "sim/model/topology.hpp"
#include "sim/scenario/diagnostic.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleetsim::model {

/// The component kind a `target` word names.
ComponentKind failure_kind(const std::string& target);

/// The components of spec.failures[i], in id order. A name that is not a component of
/// the target kind is appended to errors (at the process's location).
std::vector<ComponentId> failure_components(const scenario::Scenario& s, const Topology& topo, std::size_t i,
                                            std::vector<scenario::Diagnostic>& errors);

/// Checks the component names of every failure process (builds the topology only when a
/// process names components).
void check_failure_components(const scenario::Scenario& s, std::vector<scenario::Diagnostic>& errors);

}  // namespace fleetsim::model
