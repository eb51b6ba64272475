#pragma once
/// The placement interface between the model and policies/scheduling. A policy sees a
/// read-only view of one zone for one request and returns a host (or none); it never
/// touches model state. Feasibility (the filter chain: schedulable, fits, spread) is
/// the view's; choosing among feasible hosts (scoring, tie-breaking) is the policy's.

#include <cstdint>
#include <memory>
#include <string_view>

#include "sim/core/prefetch.hpp"
#include "sim/core/rng.hpp"
#include "sim/model/host_index.hpp"
#include "sim/model/ids.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleetsim::model {

/// What is being placed.
struct PlacementRequest {
  scenario::Resources need;
  WorkloadId workload = kNone;
  std::int64_t priority = 0;
  /// Spread: at most `spread_limit` of this workload per domain; counts indexed by the
  /// domain's offset in the zone (rack - first rack, or host - first host).
  scenario::SpreadLevel spread = scenario::SpreadLevel::None;
  const std::uint32_t* spread_counts = nullptr;
  std::uint32_t spread_limit = 0;
  /// When set, only hosts [range_first, range_end) may be chosen (the model has already
  /// picked a topology domain, e.g. the least-loaded rack for rack spread).
  HostId range_first = kNone, range_end = kNone;
};

/// Read-only state of one zone, bound to one request.
class PlacementView {
 public:
  /// `host` is indexed by host id; `type_capacity` by HostSlot::type.
  PlacementView(const PlacementRequest& req, const HostIndex& index, const HostSlot* host,
                const scenario::Resources* type_capacity, HostId first_host,
                std::uint32_t hosts, RackId first_rack)
      : req_(req), index_(index), host_(host), type_capacity_(type_capacity),
        first_host_(first_host), hosts_(hosts), first_rack_(first_rack) {}

  const PlacementRequest& request() const { return req_; }
  /// The model restricted the choice to a small host range (one rack): policies then
  /// score every host of range_first()..range_end() instead of using the zone index.
  bool restricted() const { return req_.range_first != kNone; }
  HostId range_first() const { return restricted() ? req_.range_first : first_host_; }
  HostId range_end() const { return restricted() ? req_.range_end : first_host_ + hosts_; }
  const scenario::Resources& need() const { return req_.need; }
  const HostIndex& index() const { return index_; }
  HostId first_host() const { return first_host_; }
  std::uint32_t host_count() const { return hosts_; }
  const scenario::Resources& free(HostId h) const { return host_[h].free; }
  const scenario::Resources& capacity(HostId h) const { return type_capacity_[host_[h].type]; }
  /// A hint that h is about to be looked at: its slot is fetched while other candidates
  /// are examined (a bucket's hosts are scattered over the zone, one cache miss each).
  void prefetch(HostId h) const { core::prefetch(&host_[h]); }

  /// False when spread rules out every host of [a, b) (one rack at its limit, or one
  /// host): lets searches skip whole ranges. True when it cannot tell.
  bool range_possible(HostId a, HostId b) const {
    switch (req_.spread) {
      case scenario::SpreadLevel::Rack:
        return host_[a].rack != host_[b - 1].rack || req_.spread_counts[host_[a].rack - first_rack_] < req_.spread_limit;
      case scenario::SpreadLevel::Host:
        return b - a > 1 || req_.spread_counts[a - first_host_] < req_.spread_limit;
      default:
        return true;
    }
  }

  /// The filter chain: the host accepts work, the request fits, spread allows it.
  bool feasible(HostId h) const {
    const HostSlot& host = host_[h];
    if (!host.schedulable || !req_.need.fits_in(host.free)) return false;
    switch (req_.spread) {
      case scenario::SpreadLevel::Rack:
        return req_.spread_counts[host.rack - first_rack_] < req_.spread_limit;
      case scenario::SpreadLevel::Host:
        return req_.spread_counts[h - first_host_] < req_.spread_limit;
      default:
        return true;
    }
  }

 private:
  const PlacementRequest& req_;
  const HostIndex& index_;
  const HostSlot* host_;
  const scenario::Resources* type_capacity_;
  HostId first_host_;
  std::uint32_t hosts_;
  RackId first_rack_;
};

/// A placement policy. One instance per zone, so it may keep per-zone state.
class PlacementPolicy {
 public:
  virtual ~PlacementPolicy() = default;
  virtual std::string_view name() const = 0;
  /// A feasible host, or kNone. `rng` is the zone's placement stream (tie-breaks, sampling).
  virtual HostId place(const PlacementView& view, core::Rng& rng) = 0;
  /// True when the policy keeps its answer inside a range (a rack): after a request that
  /// needs some cpu or memory is placed on the host it chose, that host is again its
  /// answer to the same request, without a random draw, as long as the host still fits
  /// and no other host of the range changed. Best-fit has it (the host only got tighter,
  /// so it is now strictly the best), first-fit too (it is still the lowest that fits).
  /// The model then reuses the answer instead of asking again (rack spread); the results
  /// are those of asking.
  virtual bool keeps_choice_in_range() const { return false; }
};

/// Makes one policy instance per zone.
class PlacementFactory {
 public:
  virtual ~PlacementFactory() = default;
  virtual std::unique_ptr<PlacementPolicy> make() const = 0;
};

}  // namespace fleetsim::model
