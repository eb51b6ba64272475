#pragma once
/// Events: 32-byte values ordered by (time, key).
///
/// The total order of events is documented in docs/architecture.md:
///   1. time (earlier first),
///   2. key = (origin entity << 32) | origin sequence, where the origin is the entity
///      whose handler scheduled the event (or the target itself for initial events)
///      and the sequence counts the events that origin has scheduled so far.
/// Both parts are functions of the model's behaviour only, never of partitioning or
/// of thread scheduling, so every partition count and thread count processes each
/// entity's events in the same order.

#include <cstdint>

#include "sim/core/time.hpp"

namespace fleetsim::core {

using EntityId = std::uint32_t;  ///< dense id of an entity (an LP); indexes model arrays
using EventKind = std::uint16_t;  ///< model-defined event kind, dispatched by a switch

inline constexpr EntityId kNoEntity = 0xffffffffu;

/// A scheduled event. Plain value; copied into and out of queues.
struct Event {
  Time time = 0;           ///< when it happens, microseconds
  std::uint64_t key = 0;   ///< deterministic tie-break: (origin entity << 32) | origin seq
  EntityId target = 0;    ///< entity that handles it
  EventKind kind = 0;      ///< model-defined kind
  std::uint16_t tag = 0;   ///< model-defined; usually a generation for lazy cancellation
  std::uint64_t payload = 0;  ///< model-defined data

  constexpr EntityId origin() const { return static_cast<EntityId>(key >> 32); }
};
static_assert(sizeof(Event) == 32, "events stay small: 32 bytes");

/// The order of events: true when a happens before b. Written without short-circuit
/// operators so that it compiles to flag arithmetic, not to unpredictable branches.
constexpr bool before(const Event& a, const Event& b) {
  return (a.time < b.time) | ((a.time == b.time) & (a.key < b.key));
}

constexpr std::uint64_t make_key(EntityId origin, std::uint32_t seq) {
  return (static_cast<std::uint64_t>(origin) << 32) | seq;
}

/// Lazy cancellation: an entity keeps a generation counter; events carry the generation
/// current when they were scheduled (in Event::tag). Bumping the counter cancels every
/// pending event of that entity at once; handlers drop events whose tag is stale.
struct Generation {
  std::uint16_t value = 0;
  void bump() { ++value; }
  bool current(const Event& e) const { return e.tag == value; }
};

}  // namespace fleetsim::core
