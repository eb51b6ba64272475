#pragma once
/// Builds Scenario structs in code for model tests (no YAML involved).

#include <string>

#include "sim/scenario/scenario.hpp"

namespace fleetsim::testing {

inline scenario::Resources resources(double cpu, double memory_gib) {
  scenario::Resources r;
  r.v[scenario::kCpu] = static_cast<std::int64_t>(cpu * 1000);
  r.v[scenario::kMemory] = static_cast<std::int64_t>(memory_gib * 1024.0 * 1024 * 1024);
  return r;
}

/// One region of `zones` zones, `racks` racks per zone, `hosts` hosts per rack of
/// 64 cpu / 256 GiB, with `feeds` power feeds per zone.
inline scenario::Scenario fleet(std::int64_t zones, std::int64_t racks, std::int64_t hosts,
                                std::int64_t feeds = 2) {
  scenario::Scenario s;
  s.name = "test";
  s.source_file = "test.yaml";
  s.topology.host_types.push_back({"std", resources(64, 256), {}});
  scenario::RegionSpec r;
  r.name = "east";
  r.zones = zones;
  r.hosts_per_rack = hosts;
  r.racks.push_back({racks, "std", {}});
  r.power_feeds_per_zone = feeds;
  s.topology.regions.push_back(r);
  return s;
}

inline scenario::Distribution exponential(double mean_s) {
  scenario::Distribution d;
  d.kind = scenario::Distribution::Kind::Exponential;
  d.a = mean_s;
  return d;
}

inline scenario::Distribution fixed(double value_s) {
  scenario::Distribution d;
  d.kind = scenario::Distribution::Kind::Fixed;
  d.a = value_s;
  return d;
}

inline scenario::Workload batch(std::string name, double rate_per_s, scenario::Distribution duration,
                                scenario::Resources need) {
  scenario::Workload w;
  w.name = std::move(name);
  w.kind = scenario::WorkloadKind::Batch;
  w.arrival.rate_per_s = rate_per_s;
  w.duration = duration;
  w.resources = need;
  return w;
}

inline scenario::Workload service(std::string name, std::int64_t replicas, scenario::Resources need,
                                  scenario::SpreadLevel spread = scenario::SpreadLevel::Zone) {
  scenario::Workload w;
  w.name = std::move(name);
  w.kind = scenario::WorkloadKind::Service;
  w.replicas = replicas;
  w.resources = need;
  w.spread = spread;
  return w;
}

}  // namespace fleetsim::testing
