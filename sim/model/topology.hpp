#pragma once
/// The fleet's topology: regions, zones, racks, power feeds, switches and hosts, as dense
/// arrays (for the hot paths) and as a Boost.Graph with `contains` and `depends_on` edges
/// (for questions such as "what loses service when this feed fails").
///
/// Generated fleets are regular: every zone of a region has the region's racks; hosts
/// are numbered zone by zone, rack by rack, so a rack's or a zone's hosts are one id
/// range. Rack r of a zone depends on power feed r % feeds; hosts depend on their rack's
/// top-of-rack switch.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "sim/model/ids.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleetsim::model {

enum class EdgeKind : std::uint8_t { Contains, DependsOn };

struct EdgeProps {
  EdgeKind kind = EdgeKind::Contains;
};

/// Vertices are ComponentIds (vecS: vertex descriptor == component id).
using TopologyGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, boost::no_property, EdgeProps>;

struct Component {
  ComponentKind kind = ComponentKind::Host;
  ZoneId zone = kNone;         ///< kNone for regions
  std::uint32_t region = 0;
  std::uint32_t index = 0;     ///< index among components of its kind (host id for hosts)
  ComponentId parent = kNone;  ///< the component that contains it
};

struct ZoneInfo {
  std::string name;
  std::uint32_t region = 0;
  HostId first_host = 0, end_host = 0;
  RackId first_rack = 0, end_rack = 0;
  ComponentId component = kNone;
  std::vector<ComponentId> feeds;
  std::uint64_t hosts() const { return end_host - first_host; }
};

struct RackInfo {
  ZoneId zone = 0;
  HostId first_host = 0, end_host = 0;
  ComponentId component = kNone;
  ComponentId feed = kNone;  ///< power feed it depends on
  ComponentId tor = kNone;   ///< top-of-rack switch its hosts depend on
  std::uint16_t host_type = 0;
};

struct HostInfo {
  RackId rack = 0;
  ZoneId zone = 0;
  std::uint16_t type = 0;
};

struct RegionInfo {
  std::string name;
  std::vector<ZoneId> zones;
  ComponentId component = kNone;
};

/// A half-open range of host ids.
using HostRange = std::pair<HostId, HostId>;

class Topology {
 public:
  /// Builds the generated fleet. Assumes a validated scenario topology.
  explicit Topology(const scenario::Topology& spec);

  const std::vector<Component>& components() const { return components_; }
  const std::vector<ZoneInfo>& zones() const { return zones_; }
  const std::vector<RackInfo>& racks() const { return racks_; }
  const std::vector<HostInfo>& hosts() const { return hosts_; }
  const std::vector<RegionInfo>& regions() const { return regions_; }
  const std::vector<scenario::HostType>& host_types() const { return host_types_; }
  const TopologyGraph& graph() const { return graph_; }

  std::uint64_t host_count() const { return hosts_.size(); }
  ComponentId host_component(HostId h) const { return first_host_component_ + h; }
  HostId host_of(ComponentId c) const { return components_[c].index; }

  /// "east-a-r03-h12", "east-a-r03", "east-a-feed1", "east-a-r03-tor", "east-a", "east".
  std::string name(ComponentId c) const;

  /// Hosts that lose service when component c fails, answered by a walk of the graph:
  /// everything c contains, everything that depends on c, transitively. Sorted.
  std::vector<HostId> impacted_hosts(ComponentId c) const;

  /// The same as precomputed host ranges (what the model uses at run time).
  const std::vector<HostRange>& impact(ComponentId c) const { return impact_[c]; }

  /// All components of one kind, in id order.
  std::vector<ComponentId> components_of(ComponentKind k) const;

 private:
  ComponentId add(ComponentKind kind, ZoneId zone, std::uint32_t region, std::uint32_t index,
                  ComponentId parent);
  void compute_impacts();

  std::vector<scenario::HostType> host_types_;
  std::vector<Component> components_;
  std::vector<ZoneInfo> zones_;
  std::vector<RackInfo> racks_;
  std::vector<HostInfo> hosts_;
  std::vector<RegionInfo> regions_;
  std::vector<std::vector<HostRange>> impact_;
  std::vector<std::uint32_t> racks_per_zone_;  // per region
  ComponentId first_host_component_ = 0;
  TopologyGraph graph_;
};

}  // namespace fleetsim::model
