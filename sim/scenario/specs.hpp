#pragma once
/// The declared scenario: one ObjectSpec per YAML mapping, each built once on first use.
/// Adding a field to the scenario is one `.field(...)` line in the spec_*.cpp that owns
/// its section; the loader, `fleetsim describe` and the JSON Schema follow from it.

#include <optional>
#include <string>

#include "sim/scenario/field_spec.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleetsim::scenario {

/// A distribution as written, before its parameters become Distribution::a/b.
struct DistDecl {
  Distribution dist;
  std::optional<double> mean, shape, scale, median, sigma, min, max, value;
  std::string file;    ///< empirical: resolved path
  std::string column;  ///< empirical: name or 1-based index
};

const ObjectSpec<Scenario>& scenario_spec();      ///< the whole document (spec_root.cpp)
const ObjectSpec<PolicySpec>& policy_spec();      ///< {name, params} (spec_root.cpp)
const ObjectSpec<DistDecl>& distribution_spec();  ///< {dist: ..., ...} (spec_distribution.cpp)
const ObjectSpec<Topology>& topology_spec();      ///< spec.topology (spec_topology.cpp)
const ObjectSpec<Resources>& capacity_spec();     ///< a host type's capacity (spec_topology.cpp)
const ObjectSpec<Resources>& demand_spec();       ///< a workload's resources (spec_topology.cpp)
const ObjectSpec<Workload>& workload_spec();      ///< spec.workloads[] (spec_workloads.cpp)
const ObjectSpec<FailureSpec>& failure_spec();    ///< spec.failures[] (spec_failures.cpp)
const ObjectSpec<Operations>& operations_spec();  ///< spec.operations (spec_operations.cpp)
const ObjectSpec<Upgrade>& upgrade_spec();        ///< spec.operations.upgrades[] (spec_upgrades.cpp)
const ObjectSpec<Rollout>& rollout_spec();        ///< spec.operations.rollouts[] (spec_upgrades.cpp)

/// The host type named `name`, or nullptr.
const HostType* find_host_type(const Topology& t, const std::string& name);
/// Records "unknown host type" at n (with did-you-mean) unless `name` is declared.
void check_host_type(const std::string& name, const YamlNode& n, const std::string& path,
                     Decoder& d);

}  // namespace fleetsim::scenario
