#pragma once
/// Identifiers and small enums of the fleet model. Ids are dense indexes into arrays.

#include <cstdint>
#include <string_view>

namespace fleetsim::model {

using HostId = std::uint32_t;
using ZoneId = std::uint32_t;
using RackId = std::uint32_t;
using WorkloadId = std::uint32_t;
using ComponentId = std::uint32_t;  ///< index into Topology::components
using TaskId = std::uint32_t;       ///< index into a zone's task pool

inline constexpr std::uint32_t kNone = 0xffffffffu;

/// Kinds of topology components. Hosts are components too.
enum class ComponentKind : std::uint8_t { Region, Zone, Rack, PowerFeed, Switch, Host };
inline constexpr int kComponentKinds = 6;

constexpr std::string_view component_kind_name(ComponentKind k) {
  switch (k) {
    case ComponentKind::Region: return "region";
    case ComponentKind::Zone: return "zone";
    case ComponentKind::Rack: return "rack";
    case ComponentKind::PowerFeed: return "power_feed";
    case ComponentKind::Switch: return "switch";
    case ComponentKind::Host: return "host";
  }
  return "?";
}

/// Operational state of a host, as an operator sees it. `Down` means the host itself is
/// broken (or something it depends on is); the other states are deliberate.
enum class HostState : std::uint8_t { Up, Down, Draining, Cordoned, Upgrading, Repairing, Retired };

constexpr std::string_view host_state_name(HostState s) {
  switch (s) {
    case HostState::Up: return "up";
    case HostState::Down: return "down";
    case HostState::Draining: return "draining";
    case HostState::Cordoned: return "cordoned";
    case HostState::Upgrading: return "upgrading";
    case HostState::Repairing: return "repairing";
    case HostState::Retired: return "retired";
  }
  return "?";
}

}  // namespace fleetsim::model
