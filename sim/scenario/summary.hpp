#pragma once
/// One-line facts about a loaded scenario, for `fleetsim validate` and logs.

#include <cstdint>
#include <string>

#include "sim/scenario/scenario.hpp"

namespace fleetsim::scenario {

/// Hosts in the fleet: for every region, zones x racks per zone x hosts per rack.
std::int64_t count_hosts(const Topology& t);
/// Zones in the fleet, over all regions.
std::int64_t count_zones(const Topology& t);
/// "2400 hosts in 3 zones, 2 workloads, 2 failure processes, 1 upgrade, 2 assertions, 30d
/// simulated".
std::string summarize(const Scenario& s);

}  // namespace fleetsim::scenario
