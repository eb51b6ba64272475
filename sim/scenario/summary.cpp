#include "sim/scenario/summary.hpp"

namespace fleetsim::scenario {

namespace {

std::string count(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::int64_t count_hosts(const Topology& t) {
  std::int64_t hosts = 0;
  for (const RegionSpec& r : t.regions) {
    for (const RackGroup& g : r.racks) hosts += r.zones * g.racks * r.hosts_per_rack;
  }
  return hosts;
}

std::int64_t count_zones(const Topology& t) {
  std::int64_t zones = 0;
  for (const RegionSpec& r : t.regions) zones += r.zones;
  return zones;
}

std::string summarize(const Scenario& s) {
  std::string out = count(static_cast<std::size_t>(count_hosts(s.topology)), "host", "hosts") +
                    " in " +
                    count(static_cast<std::size_t>(count_zones(s.topology)), "zone", "zones");
  if (s.topology.regions.size() > 1)
    out += " of " + count(s.topology.regions.size(), "region", "regions");
  out += ", " + count(s.workloads.size(), "workload", "workloads");
  out += ", " + count(s.failures.size(), "failure process", "failure processes");
  if (s.operations.remediation) out += ", remediation";
  if (!s.operations.oncall.empty())
    out += ", " + count(s.operations.oncall.size(), "on-call team", "on-call teams");
  out += ", " + count(s.operations.upgrades.size(), "upgrade", "upgrades");
  if (!s.operations.rollouts.empty())
    out += ", " + count(s.operations.rollouts.size(), "rollout", "rollouts");
  out += ", " + count(s.assertions.size(), "assertion", "assertions");
  out += ", " + format_duration(s.duration) + " simulated";
  return out;
}

}  // namespace fleetsim::scenario
