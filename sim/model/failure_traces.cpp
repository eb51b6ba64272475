#include "sim/model/failure_traces.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "sim/io/importers/alibaba_machines.hpp"
#include "sim/io/importers/fta_reader.hpp"
#include "sim/io/importers/lanl_failures.hpp"
#include "sim/model/topology.hpp"

namespace fleetsim::model {

using scenario::Diagnostic;

namespace {

/// A trace as read, per node, in the trace's own clock (seconds).
struct RawTrace {
  std::vector<std::string> ids;   ///< node ids, in order of first appearance
  std::vector<std::string> alt;   ///< another accepted name per node (fta node_name), or ""
  std::vector<std::vector<std::pair<double, double>>> outages;  ///< per node [start, end)
  std::vector<std::pair<double, double>> window;  ///< per node: first record, end of last (NaN: none)
  std::vector<double> recorded;                   ///< per node: availability from the file, or NaN
  double earliest = std::numeric_limits<double>::infinity();
  std::uint64_t records = 0;

  std::size_t node(const std::string& id, const std::string& other = {}) {
    const auto [it, added] = index.emplace(id, ids.size());
    if (added) {
      ids.push_back(id);
      alt.push_back(other);
      outages.emplace_back();
      window.emplace_back(NAN, NAN);
      recorded.push_back(NAN);
    }
    return it->second;
  }
  void outage(std::size_t n, double a, double b) {
    outages[n].emplace_back(a, b);
    earliest = std::min(earliest, a);
    ++records;
  }
  std::unordered_map<std::string, std::size_t> index;
};

RawTrace read_fta(const std::string& file) {
  const io::FtaTrace t = io::read_fta_event_trace(file);
  RawTrace raw;
  for (const io::FtaNode& n : t.nodes) raw.node(std::to_string(n.node_id), n.name);
  for (const io::FtaInterval& iv : t.intervals) {
    auto& w = raw.window[iv.node];
    const auto a = static_cast<double>(iv.start_s), b = static_cast<double>(iv.end_s);
    w.first = std::isnan(w.first) ? a : std::min(w.first, a);
    w.second = std::isnan(w.second) ? b : std::max(w.second, b);
    raw.earliest = std::min(raw.earliest, a);
    if (iv.state == io::NodeState::kDown) raw.outage(iv.node, a, b);
  }
  const std::vector<io::NodeAvailability> avail = io::availability_by_node(t);
  for (std::size_t i = 0; i < avail.size(); ++i) raw.recorded[i] = avail[i].availability;
  return raw;
}

RawTrace read_lanl(const std::string& file, std::uint64_t& skipped) {
  RawTrace raw;
  for (const io::LanlOutage& o : io::read_lanl_failures(file)) {
    if (!o.node) {  // a few records name no node: nothing to replay them onto
      ++skipped;
      continue;
    }
    raw.outage(raw.node(std::to_string(o.system) + "/" + std::to_string(*o.node)), o.start_s, o.end_s);
  }
  return raw;
}

/// A machine is down while its status is not USING, and (with reregistration_downtime > 0)
/// for that long before each record that re-reports the same state.
RawTrace read_alibaba(const std::string& file, double rereg_s) {
  const std::vector<io::MachineRecord> recs = io::read_alibaba_machine_meta(file);
  RawTrace raw;
  std::vector<double> down_since;
  for (const io::MachineEvent& e : io::machine_events(recs)) {
    const io::MachineRecord& r = recs[e.record];
    const std::size_t n = raw.node(r.machine_id);
    if (down_since.size() <= n) down_since.resize(n + 1, NAN);
    const auto t = static_cast<double>(e.time_s);
    raw.earliest = std::min(raw.earliest, t);
    const bool up = r.status == "USING";
    if (!std::isnan(down_since[n]) && up) {
      raw.outage(n, down_since[n], t);
      down_since[n] = NAN;
    } else if (std::isnan(down_since[n]) && !up) {
      down_since[n] = t;
    } else if (up && e.kind == io::MachineEventKind::kReport && rereg_s > 0) {
      raw.outage(n, t - rereg_s, t);
    }
  }
  for (std::size_t n = 0; n < down_since.size(); ++n) {
    if (!std::isnan(down_since[n])) raw.outage(n, down_since[n], std::numeric_limits<double>::infinity());
  }
  return raw;
}

Time to_sim(double trace_s, double offset_s) {
  if (std::isinf(trace_s)) return trace_s > 0 ? kTimeMax : -kTimeMax;
  const double us = std::round((trace_s - offset_s) * 1e6);
  if (us >= 9.0e18) return kTimeMax;
  if (us <= -9.0e18) return -kTimeMax;
  return static_cast<Time>(us);
}

/// Resolves the mapping (node index -> host), or reports why not.
std::vector<std::pair<std::size_t, HostId>> map_nodes(const scenario::FailureTrace& tr, const RawTrace& raw,
                                                      const scenario::Scenario& s, const std::string& path,
                                                      std::vector<Diagnostic>& errors) {
  std::vector<std::pair<std::size_t, HostId>> out;
  const Topology topo(s.topology);
  if (tr.mapping == "sequential") {
    if (raw.ids.size() > topo.host_count()) {
      errors.push_back(Diagnostic::make(
          tr.where, path + ".mapping",
          "sequential mapping needs " + std::to_string(raw.ids.size()) + " hosts (one per trace node) but the fleet has " +
              std::to_string(topo.host_count()),
          "add hosts, or use mapping: explicit with the nodes to replay"));
      return out;
    }
    for (std::size_t n = 0; n < raw.ids.size(); ++n) out.emplace_back(n, static_cast<HostId>(n));
    return out;
  }
  std::unordered_map<std::string, HostId> hosts;
  for (const auto& [node, host] : tr.nodes) hosts.emplace(host, kNone);
  for (HostId h = 0; h < topo.host_count(); ++h) {
    const auto it = hosts.find(topo.name(topo.host_component(h)));
    if (it != hosts.end()) it->second = h;
  }
  std::unordered_map<std::string, std::size_t> by_name;
  for (std::size_t n = 0; n < raw.ids.size(); ++n) {
    by_name.emplace(raw.ids[n], n);
    if (!raw.alt[n].empty()) by_name.emplace(raw.alt[n], n);
  }
  std::unordered_map<HostId, std::string> taken;
  for (const auto& [node, host] : tr.nodes) {
    const std::string at = path + ".nodes." + node;
    const auto n = by_name.find(node);
    const HostId h = hosts.at(host);
    if (n == by_name.end()) {
      std::vector<std::string> some(raw.ids.begin(), raw.ids.begin() + std::min<std::size_t>(raw.ids.size(), 2000));
      errors.push_back(Diagnostic::make(tr.where, at, "the trace has no node '" + node + "'", scenario::suggest(node, some)));
    } else if (h == kNone) {
      errors.push_back(Diagnostic::make(tr.where, at, "no host named '" + host + "'",
                                        "hosts are named <zone>-rNN-hNN, e.g. " +
                                            topo.name(topo.host_component(0))));
    } else if (const auto [it, added] = taken.emplace(h, node); !added) {
      errors.push_back(Diagnostic::make(tr.where, at, "host '" + host + "' already replays node '" + it->second + "'"));
    } else {
      out.emplace_back(n->second, h);
    }
  }
  return out;
}

FailureTraceData build(const scenario::FailureTrace& tr, const RawTrace& raw, const scenario::Scenario& s,
                       const std::vector<std::pair<std::size_t, HostId>>& mapping) {
  FailureTraceData d;
  d.records = raw.records;
  const double offset_s = tr.time_offset ? static_cast<double>(*tr.time_offset) / 1e6
                                         : (std::isinf(raw.earliest) ? 0.0 : raw.earliest);
  std::vector<char> mapped(raw.ids.size(), 0);
  for (const auto& [n, h] : mapping) {
    mapped[n] = 1;
    TracedHost th;
    th.host = h;
    th.node = raw.ids[n];
    th.recorded_availability = raw.recorded[n];
    if (std::isnan(raw.window[n].first)) {
      th.window_start = 0;
      th.window_end = kTimeMax;
    } else {
      th.window_start = to_sim(raw.window[n].first, offset_s);
      th.window_end = to_sim(raw.window[n].second, offset_s);
    }
    d.hosts.push_back(th);
    std::vector<TraceOutage> mine;
    for (const auto& [a, b] : raw.outages[n]) {
      const Time start = std::max<Time>(0, to_sim(a, offset_s));
      const Time end = to_sim(b, offset_s);
      if (end <= start || start >= s.duration) {
        if (end <= 0 || start >= s.duration) {
          ++d.outside;
        } else {
          ++d.empty;
        }
        continue;
      }
      mine.push_back({h, start, end});
    }
    std::sort(mine.begin(), mine.end(), [](const TraceOutage& x, const TraceOutage& y) { return x.start < y.start; });
    for (const TraceOutage& o : mine) {
      if (!d.outages.empty() && d.outages.back().host == h && o.start <= d.outages.back().end) {
        if (o.start < d.outages.back().end) ++d.merged;
        d.outages.back().end = std::max(d.outages.back().end, o.end);
      } else {
        d.outages.push_back(o);
      }
    }
  }
  for (std::size_t n = 0; n < raw.ids.size(); ++n) {
    if (!mapped[n]) d.unmapped += raw.outages[n].size();
  }
  std::stable_sort(d.outages.begin(), d.outages.end(),
                   [](const TraceOutage& x, const TraceOutage& y) { return x.host < y.host; });
  return d;
}

}  // namespace

bool needs_failure_traces(const scenario::Scenario& s) {
  for (const auto& f : s.failures) {
    if (f.trace) return true;
  }
  return false;
}

std::shared_ptr<const FailureTraceInputs> load_failure_traces(const scenario::Scenario& s,
                                                              std::vector<Diagnostic>& errors) {
  auto in = std::make_shared<FailureTraceInputs>();
  in->by_failure.resize(s.failures.size());
  for (std::size_t i = 0; i < s.failures.size(); ++i) {
    if (!s.failures[i].trace) continue;
    const scenario::FailureTrace& tr = *s.failures[i].trace;
    const std::string path = "spec.failures[" + std::to_string(i) + "].trace";
    RawTrace raw;
    std::uint64_t skipped = 0;
    try {
      if (tr.format == "fta") {
        raw = read_fta(tr.file);
      } else if (tr.format == "lanl") {
        raw = read_lanl(tr.file, skipped);
      } else {
        raw = read_alibaba(tr.file, static_cast<double>(tr.reregistration_downtime) / 1e6);
      }
    } catch (const io::ImportError& e) {
      scenario::Location at{e.file(), static_cast<int>(e.line()), static_cast<int>(e.column())};
      errors.push_back(Diagnostic::make(at, path + ".file", e.message()));
      continue;
    }
    const std::size_t before = errors.size();
    const auto mapping = map_nodes(tr, raw, s, path, errors);
    if (errors.size() != before) continue;
    in->by_failure[i] = build(tr, raw, s, mapping);
    in->by_failure[i].unnamed = skipped;
  }
  return in;
}

}  // namespace fleetsim::model
