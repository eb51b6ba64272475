/// spec.failures: how components break and come back, from distributions or a trace.

#include "sim/scenario/codecs.hpp"
#include "sim/scenario/schema_fragments.hpp"
#include "sim/scenario/specs.hpp"
#include "sim/scenario/units.hpp"

namespace fleetsim::scenario {

namespace {

ObjectSpec<FailureTrace>& trace_spec() {
  static ObjectSpec<FailureTrace> s(
      "failure_trace", "Recorded up/down intervals of real nodes, replayed onto hosts.");
  s.located(&FailureTrace::where);
  s.field("format", &FailureTrace::format,
          EnumC<std::string>{"failure trace format",
                             {{"fta", "fta"}, {"lanl", "lanl"}, {"alibaba", "alibaba"}}},
          "fta (Failure Trace Archive), lanl or alibaba.")
      .required();
  s.field("file", &FailureTrace::file, FileC{}, "The trace, relative to the scenario file.")
      .required();
  s.field(
       "mapping", &FailureTrace::mapping,
       EnumC<std::string>{"node mapping", {{"sequential", "sequential"}, {"explicit", "explicit"}}},
       "sequential: trace nodes in order of first appearance onto hosts in id order; explicit: by "
       "`nodes`.")
      .defaults("sequential");
  s.field_with(
      "nodes", MapC<StrC>{},
      [](FailureTrace& t, std::vector<Keyed<std::string>> nodes) {
        for (auto& k : nodes) t.nodes[k.key] = std::move(k.value);
      },
      "With mapping: explicit, trace node id -> host name. Node ids: fta node_id or node_name, "
      "lanl <System>/<nodenumz> (e.g. 20/5), alibaba machine_id (m_1).");
  s.field("time_offset", &FailureTrace::time_offset, TraceOffsetC{"1120176000s"},
          "Trace time that becomes time 0 (fta, lanl: Unix seconds such as 1120176000s; alibaba: "
          "seconds from the trace start); first = the earliest record. Earlier outages are cut at 0.")
      .required();
  s.field("reregistration_downtime", &FailureTrace::reregistration_downtime, DurC{},
          "alibaba: a machine that re-registers counts as down this long before the record; 0 = "
          "re-registrations are not outages.")
      .defaults("0");
  s.finish([](FailureTrace& t, const YamlNode& n, const std::string& path, Decoder& d) {
    if (t.mapping == "explicit" && t.nodes.empty()) {
      d.error(n, path, "mapping: explicit needs 'nodes' (trace node id -> host name)");
    } else if (t.mapping == "sequential" && n.find("nodes")) {
      d.error(*n.find_key("nodes"), join_path(path, "nodes"),
              "'nodes' is only used with mapping: explicit");
    }
    if (t.format != "alibaba" && n.find("reregistration_downtime")) {
      d.error(*n.find_key("reregistration_downtime"), join_path(path, "reregistration_downtime"),
              "'reregistration_downtime' only applies to format alibaba");
    }
  });
  return s;
}

/// A failure process for a component kind the fleet does not model would never fire.
void check_target(const FailureSpec& f, const YamlNode& n, const std::string& path, Decoder& d) {
  if (f.trace && !f.components.empty()) {
    d.error(*n.find_key("components"), join_path(path, "components"),
            "'components' does not apply to a trace", "the trace's mapping says which hosts replay it");
  }
  if (f.trace && f.target != "host") {
    if (const YamlNode* tr = n.find("trace")) {
      d.error(*tr, join_path(path, "trace"), "failure traces replay onto hosts only",
              "use target: host");
    }
  }
  const Topology& t = d.building().topology;
  if (t.regions.empty()) return;
  bool feeds = false;
  bool switches = false;
  for (const RegionSpec& r : t.regions) {
    feeds = feeds || r.power_feeds_per_zone > 0;
    switches = switches || r.rack_switches;
  }
  const YamlNode* target = n.find("target");
  if (f.target == "power_feed" && !feeds && target) {
    d.error(*target, join_path(path, "target"), "no region models power feeds",
            "set power_feeds_per_zone in spec.topology.regions");
  }
  if (f.target == "switch" && !switches && target) {
    d.error(*target, join_path(path, "target"), "no region models rack switches",
            "set rack_switches: true in a region");
  }
  if (const YamlNode* h = n.find("host_type"); h && !f.host_type.empty()) {
    check_host_type(f.host_type, *h, join_path(path, "host_type"), d);
  }
}

ObjectSpec<FailureSpec>& build() {
  static ObjectSpec<FailureSpec> s(
      "failure",
      "A failure process for every component of one kind: time_to_failure + repair, or a trace.");
  s.located(&FailureSpec::where).discriminated_by("target");
  s.field("target", &FailureSpec::target,
          EnumC<std::string>{"failure target",
                             {{"host", "host"},
                              {"rack", "rack"},
                              {"power_feed", "power_feed"},
                              {"switch", "switch"},
                              {"zone", "zone"},
                              {"region", "region"}}},
          "The component kind that fails: host, rack, power_feed, switch, zone or region. "
          "Everything that "
          "depends on it loses service with it.")
      .required();
  s.field("host_type", &FailureSpec::host_type, StrC{StrC::Name},
          "Only hosts of this type (default: all hosts).")
      .only({"host"});
  s.field("components", &FailureSpec::components, ListC<StrC>{{StrC::Name}},
          "Only these components of the target kind, by name (east, east-a, east-a-feed1, "
          "east-a-r03, east-a-r03-tor, east-a-r03-h12); default: every one.");
  s.field("time_to_failure", &FailureSpec::time_to_failure, DistC{},
          "Time from one fault of a component to its next (from time 0 for the first; the clock runs on during repairs).");
  s.field("repair", &FailureSpec::repair, DistC{},
          "Time from failure until the component works again.");
  s.field("trace", &FailureSpec::trace, ObjC<FailureTrace>{&trace_spec()},
          "Replay recorded failures instead.");
  s.alternative("", {{"time_to_failure", "repair"}, {"trace"}});
  s.finish(check_target);
  return s;
}

}  // namespace

const ObjectSpec<FailureSpec>& failure_spec() {
  static const ObjectSpec<FailureSpec>& s = build();
  return s;
}

}  // namespace fleetsim::scenario
