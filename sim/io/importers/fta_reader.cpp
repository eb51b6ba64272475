#include "sim/io/importers/fta_reader.hpp"

#include <unordered_map>

#include "sim/io/importers/csv_row.hpp"
#include "sim/io/importers/line_reader.hpp"
#include "sim/io/importers/text_parse.hpp"

namespace fleetsim::io {

namespace {

// The header "# event_id component_id ..." names columns separated by spaces.
CsvHeader parse_header(std::string_view line, const SourceLocation& loc) {
  std::string_view body = line.substr(1);
  std::vector<std::string_view> names(64);
  const std::size_t n = split_whitespace(body, names.data(), names.size());
  if (n == 0 || n > names.size()) loc.fail("the '#' header line names no columns or too many");
  std::string joined;
  for (std::size_t i = 0; i < n; ++i) {
    if (i != 0) joined += '\t';
    joined.append(names[i]);
  }
  CsvRow row;
  row.split(joined, loc, '\t');
  return CsvHeader(row, loc);
}

std::int64_t field_int(const CsvRow& row, std::size_t i, std::string_view name,
                       const SourceLocation& loc) {
  const std::string_view s = trim(row[i]);
  if (s == "NULL") loc.fail(std::string(name) + " is NULL");
  return require_int(s, name, loc);
}

}  // namespace

FtaTrace read_fta_event_trace(const std::string& path) {
  LineReader reader(path);
  FtaTrace trace;
  std::string_view line;
  if (!reader.next(line) || line.empty() || line.front() != '#') {
    reader.fail("expected a '#' header line naming the columns (event_id component_id ...)");
  }
  const CsvHeader header = parse_header(line, reader.location());
  const SourceLocation hloc = reader.location();
  const std::size_t c_node = header.require("node_id", hloc);
  const std::size_t c_name = header.require("node_name", hloc);
  const std::size_t c_type = header.require("event_type", hloc);
  const std::size_t c_start = header.require("event_start_time", hloc);
  const std::size_t c_stop = header.require("event_stop_time", hloc);
  const int c_event = header.find("event_id");
  const int c_reason = header.find("event_end_reason");

  std::unordered_map<std::int64_t, std::uint32_t> node_index;
  CsvRow row;
  while (reader.next(line)) {
    const SourceLocation loc = reader.location();
    if (trim(line).empty()) continue;
    row.split(line, loc, '\t');
    require_field_count(row, header.size(), loc);
    FtaInterval iv;
    if (c_event >= 0)
      iv.event_id = field_int(row, static_cast<std::size_t>(c_event), "event_id", loc);
    const std::int64_t node_id = field_int(row, c_node, "node_id", loc);
    const std::string_view name = trim(row[c_name]);
    auto [it, inserted] =
        node_index.try_emplace(node_id, static_cast<std::uint32_t>(trace.nodes.size()));
    if (inserted) {
      trace.nodes.push_back(FtaNode{node_id, std::string(name)});
    } else if (trace.nodes[it->second].name != name) {
      loc.fail("node_id " + std::to_string(node_id) + " is named " + quoted(name) + " here but " +
               quoted(trace.nodes[it->second].name) + " earlier");
    }
    iv.node = it->second;
    const std::int64_t type = field_int(row, c_type, "event_type", loc);
    if (type != 0 && type != 1) {
      loc.fail("event_type: expected 1 (available) or 0 (unavailable), got " +
               std::to_string(type));
    }
    iv.state = type == 1 ? NodeState::kUp : NodeState::kDown;
    iv.start_s = field_int(row, c_start, "event_start_time", loc);
    iv.end_s = field_int(row, c_stop, "event_stop_time", loc);
    if (iv.end_s < iv.start_s) {
      loc.fail("event_stop_time " + std::to_string(iv.end_s) + " is before event_start_time " +
               std::to_string(iv.start_s));
    }
    if (c_reason >= 0) {
      const std::string_view r = trim(row[static_cast<std::size_t>(c_reason)]);
      if (r != "NULL" && !r.empty()) iv.end_reason = std::string(r);
    }
    trace.intervals.push_back(std::move(iv));
  }
  return trace;
}

std::vector<NodeAvailability> availability_by_node(const FtaTrace& trace) {
  std::vector<NodeAvailability> out(trace.nodes.size());
  for (std::size_t i = 0; i < trace.nodes.size(); ++i) {
    out[i].node_id = trace.nodes[i].node_id;
    out[i].name = trace.nodes[i].name;
  }
  for (const FtaInterval& iv : trace.intervals) {
    const std::int64_t len = iv.end_s - iv.start_s;
    if (iv.state == NodeState::kUp)
      out[iv.node].up_s += len;
    else
      out[iv.node].down_s += len;
  }
  for (NodeAvailability& a : out) {
    const std::int64_t observed = a.up_s + a.down_s;
    a.availability =
        observed > 0 ? static_cast<double>(a.up_s) / static_cast<double>(observed) : 0.0;
  }
  return out;
}

}  // namespace fleetsim::io
