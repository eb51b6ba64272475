/// Fields of replayed real data: the `trace` workload (job logs) and the `demand` of a
/// `vm` workload (per-VM cpu utilisation traces). Declared here, called from the workload
/// spec (spec_workloads.cpp), so that every replay option is declared once.

#include "sim/scenario/spec_trace.hpp"

#include "sim/scenario/codecs.hpp"
#include "sim/scenario/schema_fragments.hpp"
#include "sim/scenario/units.hpp"

namespace fleetsim::scenario {

namespace {

EnumC<std::string> words(std::string what, std::initializer_list<const char*> ws) {
  EnumC<std::string> e{std::move(what), {}};
  for (const char* w : ws) e.choices.emplace_back(w, w);
  return e;
}

ObjectSpec<VmDemandTrace>& build_demand() {
  static ObjectSpec<VmDemandTrace> s(
      "vm_demand",
      "A real per-VM cpu utilisation trace the VMs' demand follows: VM i of the workload "
      "follows series i of the file (modulo the number of series).");
  s.field("format", &VmDemandTrace::format, words("utilisation trace format", {"planetlab", "bitbrains"}),
          "planetlab (CoMon/CloudSim CSV, 5-min percentages) or bitbrains (GWA-T-12 long CSV).")
      .required();
  s.field("file", &VmDemandTrace::file, FileC{}, "The trace, relative to the scenario file.")
      .required();
  s.field("time_offset", &VmDemandTrace::time_offset, TraceOffsetC{"366d"},
          "Trace time (Unix seconds) that becomes time 0; first = the earliest sample.")
      .defaults("first");
  s.field("after_end", &VmDemandTrace::after_end, words("end-of-trace rule", {"repeat", "hold", "zero"}),
          "A VM's demand after its series ends: repeat it, hold the last value, or zero.")
      .defaults("repeat");
  return s;
}

}  // namespace

const ObjectSpec<VmDemandTrace>& vm_demand_spec() {
  static const ObjectSpec<VmDemandTrace>& s = build_demand();
  return s;
}

void declare_trace_fields(ObjectSpec<Workload>& s) {
  s.field("format", &Workload::trace_format, words("workload log format", {"swf", "alibaba-gpu"}),
          "Format of the log: swf (Standard Workload Format job log) or alibaba-gpu (openb pod "
          "list, cluster-trace-gpu-v2023).")
      .only({"trace"})
      .required_for({"trace"});
  s.field("file", &Workload::trace_file, FileC{},
          "The workload log (plain or .gz), relative to the scenario file.")
      .only({"trace"})
      .required_for({"trace"});
  s.field_with(
       "time_offset", TraceOffsetC{"366d"},
       [](Workload& w, std::optional<Duration>&& v) { w.replay.time_offset = v; },
       "Log time that becomes time 0 (SWF: seconds after UnixStartTime); first = the first "
       "record's time. Earlier records are skipped.")
      .only({"trace"})
      .defaults("first");
  s.field_with(
       "time_scale", NumC{0, 1e6, true, false},
       [](Workload& w, double v) { w.replay.time_scale = v; },
       "Submit times after the offset are multiplied by this; below 1 compresses the log (more "
       "load).")
      .only({"trace"})
      .defaults("1");
  s.field_with(
       "processors", words("processor field", {"requested", "allocated"}),
       [](Workload& w, std::string&& v) { w.replay.processors = v; },
       "SWF: a job's processor count is its requested (field 8) or allocated (field 5) "
       "processors, each falling back to the other when missing. Each processor takes "
       "`resources` (default cpu 1, memory 0).")
      .only({"trace"})
      .defaults("requested");
  s.field_with(
       "estimate", words("runtime estimate", {"requested", "exact"}),
       [](Workload& w, std::string&& v) { w.replay.estimate = v; },
       "SWF: the runtime backfilling believes: the user's requested time (field 9; the run time "
       "when missing) or the exact run time.")
      .only({"trace"})
      .defaults("requested");
  s.field_with(
       "oversize", words("oversize rule", {"skip", "clip"}),
       [](Workload& w, std::string&& v) { w.replay.oversize = v; },
       "A job larger than the largest host is skipped (counted in trace.<name>.skipped) or "
       "clipped to that host.")
      .only({"trace"})
      .defaults("skip");
  s.field_with(
       "limit", IntC{0, kNoMax}, [](Workload& w, std::int64_t v) { w.replay.limit = v; },
       "Replay at most this many records (after skipping); 0 = all.")
      .only({"trace"})
      .defaults("0");
  s.field("demand", &Workload::demand, ObjC<VmDemandTrace>{&vm_demand_spec()},
          "The VMs' cpu demand follows a real utilisation trace: {format: planetlab, file: ...}; "
          "reported as the vm/cpu_demand series.")
      .only({"vm"});
}

void check_trace_fields(Workload& w, const YamlNode& n, const std::string& path, Decoder& d) {
  if (w.kind != WorkloadKind::Trace) return;
  const YamlNode* res = n.find("resources");
  if (w.trace_format == "alibaba-gpu") {
    for (const char* key : {"processors", "estimate", "resources"}) {
      if (const YamlNode* v = n.find(key)) {
        d.error(*v, join_path(path, key), std::string("'") + key + "' does not apply to format alibaba-gpu",
                "every pod carries its own cpu, memory and gpu request and its run time");
      }
    }
    const auto& dims = d.building().topology.extra_dimensions;
    bool gpu = false;
    for (const auto& x : dims) gpu = gpu || x == "gpu";
    if (!gpu && !d.incomplete("topology")) {
      const YamlNode* f = n.find("format");
      d.error(f ? *f : n, join_path(path, "format"),
              "alibaba-gpu pods request gpus, but the topology declares no 'gpu' dimension",
              "add spec.topology.dimensions: [gpu] and gpu capacities to the host types");
    }
    return;
  }
  if (!res) {  // swf: one processor takes one cpu and no memory unless told otherwise
    w.resources = Resources{};
    w.resources.v[kCpu] = 1000;
  } else if (w.resources.v[kCpu] <= 0 && w.resources.v[kMemory] <= 0) {
    d.error(*res, join_path(path, "resources"), "a processor must take some cpu or memory",
            "e.g. {cpu: 1, memory: 0}");
  }
}

}  // namespace fleetsim::scenario
