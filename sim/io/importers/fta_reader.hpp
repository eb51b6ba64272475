#pragma once
/// Failure Trace Archive (FTA) availability traces: `event_trace.tab` of one platform.
///
/// Tab-separated; the first line is a `#` header naming the columns; fields are padded with
/// spaces; `NULL` marks a missing value. Columns are found by name; the ones read are
/// `node_id node_name event_type event_start_time event_stop_time` (required) and
/// `event_id component_id event_end_reason` (optional). event_type 1 = available (up),
/// 0 = unavailable (down); times are Unix epoch seconds. A stop before its start, an
/// unknown event_type or a node id whose name changes is an ImportError.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/io/importers/import_error.hpp"

namespace fleetsim::io {

enum class NodeState : std::int8_t { kDown = 0, kUp = 1 };

/// One availability or unavailability interval [start_s, end_s) of one node.
struct FtaInterval {
  std::int64_t event_id = 0;              ///< event_id (0 when the column is absent)
  std::uint32_t node = 0;                 ///< index into FtaTrace::nodes
  std::int64_t start_s = 0;               ///< event_start_time, Unix epoch seconds
  std::int64_t end_s = 0;                 ///< event_stop_time, Unix epoch seconds, >= start_s
  NodeState state = NodeState::kUp;       ///< event_type
  std::optional<std::string> end_reason;  ///< event_end_reason; empty for NULL
};

struct FtaNode {
  std::int64_t node_id = 0;  ///< the trace's node_id
  std::string name;          ///< node_name, e.g. "G1/site1/c1/node1"
};

struct FtaTrace {
  std::vector<FtaNode> nodes;          ///< in order of first appearance
  std::vector<FtaInterval> intervals;  ///< in file order
};

/// Reads an FTA event_trace.tab (plain or .gz).
FtaTrace read_fta_event_trace(const std::string& path);

/// Per-node availability computed directly from the intervals.
struct NodeAvailability {
  std::int64_t node_id = 0;
  std::string name;
  std::int64_t up_s = 0;    ///< total length of up intervals, seconds
  std::int64_t down_s = 0;  ///< total length of down intervals, seconds
  /// up_s / (up_s + down_s): the fraction of observed time the node was up; 0 when the node
  /// was never observed for a positive time. Overlapping intervals are not merged (the FTA
  /// format promises contiguous, non-overlapping intervals per node).
  double availability = 0;
};

/// One entry per node of trace.nodes, in the same order.
std::vector<NodeAvailability> availability_by_node(const FtaTrace& trace);

}  // namespace fleetsim::io
