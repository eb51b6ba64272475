#include "sim/model/topology.hpp"

#include <algorithm>
#include <cstdio>

namespace fleetsim::model {

namespace {

std::string zone_suffix(std::uint32_t i) {
  if (i < 26) return std::string(1, static_cast<char>('a' + i));
  return "z" + std::to_string(i);
}

std::string two_digits(std::uint64_t i) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%02llu", static_cast<unsigned long long>(i));
  return buf;
}

}  // namespace

ComponentId Topology::add(ComponentKind kind, ZoneId zone, std::uint32_t region, std::uint32_t index,
                          ComponentId parent) {
  const auto id = static_cast<ComponentId>(components_.size());
  components_.push_back({kind, zone, region, index, parent});
  return id;
}

Topology::Topology(const scenario::Topology& spec) : host_types_(spec.host_types) {
  auto type_index = [&](const std::string& name) -> std::uint16_t {
    for (std::size_t i = 0; i < host_types_.size(); ++i) {
      if (host_types_[i].name == name) return static_cast<std::uint16_t>(i);
    }
    return 0;
  };
  std::uint32_t feeds = 0, switches = 0;
  // Pass 1: everything but hosts.
  for (std::uint32_t r = 0; r < spec.regions.size(); ++r) {
    const scenario::RegionSpec& rs = spec.regions[r];
    RegionInfo region;
    region.name = rs.name;
    region.component = add(ComponentKind::Region, kNone, r, r, kNone);
    std::uint32_t racks_in_zone = 0;
    for (const auto& g : rs.racks) racks_in_zone += static_cast<std::uint32_t>(g.racks);
    racks_per_zone_.push_back(racks_in_zone);
    for (std::int64_t z = 0; z < rs.zones; ++z) {
      const auto zid = static_cast<ZoneId>(zones_.size());
      ZoneInfo zone;
      zone.name = rs.name + "-" + zone_suffix(static_cast<std::uint32_t>(z));
      zone.region = r;
      zone.component = add(ComponentKind::Zone, zid, r, zid, region.component);
      for (std::int64_t f = 0; f < rs.power_feeds_per_zone; ++f) {
        zone.feeds.push_back(add(ComponentKind::PowerFeed, zid, r, feeds++, zone.component));
      }
      zone.first_rack = static_cast<RackId>(racks_.size());
      std::uint32_t rack_in_zone = 0;
      for (const auto& g : rs.racks) {
        for (std::int64_t k = 0; k < g.racks; ++k, ++rack_in_zone) {
          RackInfo rack;
          rack.zone = zid;
          rack.host_type = type_index(g.host_type);
          rack.component = add(ComponentKind::Rack, zid, r, static_cast<std::uint32_t>(racks_.size()),
                               zone.component);
          if (!zone.feeds.empty()) rack.feed = zone.feeds[rack_in_zone % zone.feeds.size()];
          if (rs.rack_switches) rack.tor = add(ComponentKind::Switch, zid, r, switches++, rack.component);
          racks_.push_back(rack);
        }
      }
      zone.end_rack = static_cast<RackId>(racks_.size());
      region.zones.push_back(zid);
      zones_.push_back(std::move(zone));
    }
    regions_.push_back(std::move(region));
  }
  // Pass 2: hosts, zone by zone and rack by rack, so racks and zones are id ranges.
  first_host_component_ = static_cast<ComponentId>(components_.size());
  for (ZoneInfo& zone : zones_) {
    const std::int64_t per_rack = spec.regions[zone.region].hosts_per_rack;
    zone.first_host = static_cast<HostId>(hosts_.size());
    for (RackId rk = zone.first_rack; rk < zone.end_rack; ++rk) {
      RackInfo& rack = racks_[rk];
      rack.first_host = static_cast<HostId>(hosts_.size());
      for (std::int64_t k = 0; k < per_rack; ++k) {
        const auto hid = static_cast<HostId>(hosts_.size());
        hosts_.push_back({rk, rack.zone, rack.host_type});
        add(ComponentKind::Host, rack.zone, zone.region, hid, rack.component);
      }
      rack.end_host = static_cast<HostId>(hosts_.size());
    }
    zone.end_host = static_cast<HostId>(hosts_.size());
  }
  // The graph: contains edges parent -> child, depends_on edges dependent -> dependency.
  graph_ = TopologyGraph(components_.size());
  for (ComponentId c = 0; c < components_.size(); ++c) {
    if (components_[c].parent != kNone) {
      boost::add_edge(components_[c].parent, c, EdgeProps{EdgeKind::Contains}, graph_);
    }
  }
  for (const RackInfo& rack : racks_) {
    if (rack.feed != kNone) boost::add_edge(rack.component, rack.feed, EdgeProps{EdgeKind::DependsOn}, graph_);
    if (rack.tor != kNone) {
      for (HostId h = rack.first_host; h < rack.end_host; ++h) {
        boost::add_edge(host_component(h), rack.tor, EdgeProps{EdgeKind::DependsOn}, graph_);
      }
    }
  }
  compute_impacts();
}

namespace {

/// Depth-first walk from c over `contains` edges (downwards) and reversed `depends_on`
/// edges (to dependents); calls visit(host id) for every host reached. `mark` holds the
/// walk's stamp per component so one buffer serves many walks.
template <class Visit>
void walk_impact(const TopologyGraph& g, const std::vector<Component>& comps, ComponentId c,
                 std::vector<std::uint32_t>& mark, std::uint32_t stamp, Visit&& visit) {
  std::vector<ComponentId> stack{c};
  mark[c] = stamp;
  while (!stack.empty()) {
    const ComponentId v = stack.back();
    stack.pop_back();
    if (comps[v].kind == ComponentKind::Host) visit(comps[v].index);
    for (auto [e, end] = boost::out_edges(v, g); e != end; ++e) {
      const auto w = static_cast<ComponentId>(boost::target(*e, g));
      if (g[*e].kind == EdgeKind::Contains && mark[w] != stamp) {
        mark[w] = stamp;
        stack.push_back(w);
      }
    }
    for (auto [e, end] = boost::in_edges(v, g); e != end; ++e) {
      const auto w = static_cast<ComponentId>(boost::source(*e, g));
      if (g[*e].kind == EdgeKind::DependsOn && mark[w] != stamp) {
        mark[w] = stamp;
        stack.push_back(w);
      }
    }
  }
}

}  // namespace

std::vector<HostId> Topology::impacted_hosts(ComponentId c) const {
  std::vector<std::uint32_t> mark(components_.size(), 0);
  std::vector<HostId> out;
  walk_impact(graph_, components_, c, mark, 1, [&](HostId h) { out.push_back(h); });
  std::sort(out.begin(), out.end());
  return out;
}

void Topology::compute_impacts() {
  impact_.assign(components_.size(), {});
  std::vector<std::uint32_t> mark(components_.size(), 0);
  std::vector<HostId> hosts;
  for (ComponentId c = 0; c < first_host_component_; ++c) {
    hosts.clear();
    walk_impact(graph_, components_, c, mark, c + 1, [&](HostId h) { hosts.push_back(h); });
    std::sort(hosts.begin(), hosts.end());
    auto& ranges = impact_[c];
    for (HostId h : hosts) {
      if (!ranges.empty() && ranges.back().second == h) {
        ++ranges.back().second;
      } else {
        ranges.emplace_back(h, h + 1);
      }
    }
  }
  for (ComponentId c = first_host_component_; c < components_.size(); ++c) {
    const HostId h = components_[c].index;
    impact_[c] = {{h, h + 1}};
  }
}

std::vector<ComponentId> Topology::components_of(ComponentKind k) const {
  std::vector<ComponentId> out;
  for (ComponentId c = 0; c < components_.size(); ++c) {
    if (components_[c].kind == k) out.push_back(c);
  }
  return out;
}

std::string Topology::name(ComponentId c) const {
  const Component& comp = components_[c];
  switch (comp.kind) {
    case ComponentKind::Region: return regions_[comp.index].name;
    case ComponentKind::Zone: return zones_[comp.index].name;
    case ComponentKind::PowerFeed: {
      const ZoneInfo& z = zones_[comp.zone];
      const auto pos = std::find(z.feeds.begin(), z.feeds.end(), c) - z.feeds.begin();
      return z.name + "-feed" + std::to_string(pos + 1);
    }
    case ComponentKind::Rack:
      return zones_[comp.zone].name + "-r" + two_digits(comp.index - zones_[comp.zone].first_rack + 1);
    case ComponentKind::Switch: return name(comp.parent) + "-tor";
    case ComponentKind::Host: {
      const HostInfo& h = hosts_[comp.index];
      return name(racks_[h.rack].component) + "-h" + two_digits(comp.index - racks_[h.rack].first_host + 1);
    }
  }
  return "?";
}

}  // namespace fleetsim::model
