/// The document: apiVersion, kind, metadata and spec with its top-level fields,
/// policies, assertions and outputs.

#include "sim/scenario/codecs.hpp"
#include "sim/scenario/specs.hpp"

namespace fleetsim::scenario {

namespace {

ObjectSpec<Policies>& policies_spec() {
  static ObjectSpec<Policies> s("policies",
                                "Pluggable decisions, each a registered policy with params.");
  s.field("placement", &Policies::placement, PolicyC{},
          "Where new work goes: best-fit, or {name: ..., params: {...}}.")
      .defaults("best-fit");
  s.field("queue", &Policies::queue, PolicyC{},
          "Which pending batch or trace job starts next: greedy (priority then arrival order, "
          "later jobs may pass a blocked one), fcfs, or easy (EASY backfilling).")
      .defaults("greedy");
  s.field("preemption", &Policies::preemption, BoolC{},
          "A pending higher-priority job may evict lower-priority work.")
      .defaults("false");
  s.field("overflow_after", &Policies::overflow_after, DurC{},
          "Batch: a job still pending this long is forwarded once to the next zone of its region; "
          "0 = never.")
      .defaults("5m");
  return s;
}

ObjectSpec<Assertion>& assertion_spec() {
  static ObjectSpec<Assertion> s(
      "assertion", "A check on a metric after the run; a failed one makes `fleetsim run` exit 1.");
  s.located(&Assertion::where);
  s.field("metric", &Assertion::metric, StrC{},
          "A metric's dotted name, e.g. service.web.availability.")
      .required();
  s.field("op", &Assertion::op,
          EnumC<std::string>{
              "comparison",
              {{"<", "<"}, {"<=", "<="}, {">", ">"}, {">=", ">="}, {"==", "=="}, {"!=", "!="}},
              false},
          "The comparison: <, <=, >, >=, == or != (quote it: \">=\").")
      .required();
  s.field_with(
       "value", AssertValueC{},
       [](Assertion& a, AssertValueC::Value v) {
         a.value = v.value;
         a.value_text = std::move(v.text);
       },
       "The threshold: a number, a percentage (99.95% = 0.9995) or a duration (14d compares as "
       "1209600 s).")
      .required();
  s.field(
       "aggregate", &Assertion::aggregate,
       EnumC<std::string>{"aggregate",
                          {{"mean", "mean"},
                           {"ci_low", "ci_low"},
                           {"ci_high", "ci_high"},
                           {"p95", "p95"},
                           {"max", "max"},
                           {"min", "min"}}},
       "Over replicated runs, which statistic is compared: mean, ci_low, ci_high, p95, max or min.")
      .defaults("mean");
  s.finish([](Assertion& a, const YamlNode& n, const std::string& path, Decoder& d) {
    if (a.metric.find_first_of(" \t") != std::string::npos) {
      d.error(*n.find("metric"), join_path(path, "metric"),
              "metric names have no spaces, got '" + a.metric + "'",
              "e.g. service.web.availability");
    }
  });
  return s;
}

ObjectSpec<Outputs>& outputs_spec() {
  static ObjectSpec<Outputs> s(
      "outputs", "Default output files; --summary and --trace on the command line win.");
  s.field("summary", &Outputs::summary, StrC{}, "Summary JSON file.");
  s.field("trace", &Outputs::trace, StrC{}, "HDF5 trace file.");
  return s;
}

ObjectSpec<Scenario>& metadata_spec() {
  static ObjectSpec<Scenario> s("metadata", "What the scenario is.");
  s.field("name", &Scenario::name, StrC{}, "The scenario's name, shown in summaries and traces.")
      .required();
  s.field("description", &Scenario::description, StrC{}, "One or two sentences on what it models.");
  return s;
}

/// Checks across the top-level fields, once everything is decoded.
void finish_spec(Scenario& s, const YamlNode& n, const std::string& path, Decoder& d) {
  auto at = [&](const char* key) -> const YamlNode& {
    const YamlNode* v = n.find(key);
    return v ? *v : n;
  };
  if (s.warmup >= s.duration && s.duration > 0) {
    d.error(at("warmup"), join_path(path, "warmup"),
            "warmup (" + format_duration(s.warmup) + ") must be shorter than duration (" +
                format_duration(s.duration) + ")",
            "metrics ignore [0, warmup)");
  }
  if (s.sample_interval > s.duration && s.duration > 0) {
    d.error(at("sample_interval"), join_path(path, "sample_interval"),
            "sample_interval (" + format_duration(s.sample_interval) +
                ") is longer than duration (" + format_duration(s.duration) + ")",
            "no sample would be taken");
  }
  const YamlNode* ups = n.find("operations") ? n.find("operations")->find("upgrades") : nullptr;
  for (std::size_t i = 0; i < s.operations.upgrades.size(); ++i) {
    const Upgrade& u = s.operations.upgrades[i];
    if (u.start < s.duration) continue;
    const YamlNode* item = ups && i < ups->items.size() ? &ups->items[i] : nullptr;
    const YamlNode* start = item ? item->find("start") : nullptr;
    d.error(start ? *start : n, path + ".operations.upgrades[" + std::to_string(i) + "].start",
            "upgrade '" + u.name + "' starts at " + format_duration(u.start) +
                ", after the run ends (" + format_duration(s.duration) + ")");
  }
}

ObjectSpec<Scenario>& spec_spec() {
  static ObjectSpec<Scenario> s("spec", "The simulated world and the questions asked of it.");
  s.field_with(
       "seed", IntC{0, kNoMax},
       [](Scenario& sc, std::int64_t v) { sc.seed = static_cast<std::uint64_t>(v); },
       "Random seed; same scenario + same seed = same results.")
      .defaults("1");
  s.field("duration", &Scenario::duration, DurC{true}, "Simulated time to play.").defaults("1d");
  s.field("warmup", &Scenario::warmup, DurC{},
          "Metrics ignore [0, warmup); must be shorter than duration.")
      .defaults("0");
  s.field("sample_interval", &Scenario::sample_interval, DurC{true},
          "Time between samples of the time series.")
      .defaults("5m");
  s.field("control_latency", &Scenario::control_latency, DurC{true},
          "Control-plane message delay between zones; also the engine's lookahead.")
      .defaults("100ms");
  s.field("topology", &Scenario::topology, ObjC<Topology>{&topology_spec()}, "The fleet.")
      .required();
  s.field("workloads", &Scenario::workloads, ListC<ObjC<Workload>>{{&workload_spec()}, "name"},
          "What runs on the fleet.");
  s.field("failures", &Scenario::failures, ListC<ObjC<FailureSpec>>{{&failure_spec()}},
          "How components fail.");
  s.field("operations", &Scenario::operations, ObjC<Operations>{&operations_spec()},
          "Operational processes.");
  s.field("policies", &Scenario::policies, ObjC<Policies>{&policies_spec()}, "Policy choices.");
  s.field("assertions", &Scenario::assertions, ListC<ObjC<Assertion>>{{&assertion_spec()}},
          "Checks on the results.");
  s.field("outputs", &Scenario::outputs, ObjC<Outputs>{&outputs_spec()}, "Default output files.");
  s.finish(finish_spec);
  return s;
}

ObjectSpec<Scenario>& build() {
  static ObjectSpec<Scenario> s("scenario", "A fleetsim scenario: one YAML document.");
  s.field_with(
       "apiVersion", EnumC<std::string>{"apiVersion", {{"fleetsim/v1", "fleetsim/v1"}}},
       [](Scenario&, std::string) {}, "The format version: fleetsim/v1.")
      .required();
  s.field_with(
       "kind", EnumC<std::string>{"document kind", {{"Scenario", "Scenario"}}},
       [](Scenario&, std::string) {}, "The document kind: Scenario.")
      .required();
  s.nest("metadata", metadata_spec(), "Name and description.").required();
  s.nest("spec", spec_spec(), "The scenario itself.").required();
  return s;
}

ObjectSpec<PolicySpec>& build_policy() {
  static ObjectSpec<PolicySpec> s(
      "policy",
      "A registered policy: a name alone, or {name, params}. Params are checked by the policy.");
  s.documented_once().located(&PolicySpec::where);
  s.field("name", &PolicySpec::name, StrC{StrC::Name}, "The policy's registered name.").required();
  s.field("params", &PolicySpec::params, ParamsC{},
          "The policy's parameters: values or lists of values.");
  return s;
}

}  // namespace

const ObjectSpec<Scenario>& scenario_spec() {
  static const ObjectSpec<Scenario>& s = build();
  return s;
}

const ObjectSpec<PolicySpec>& policy_spec() {
  static const ObjectSpec<PolicySpec>& s = build_policy();
  return s;
}

}  // namespace fleetsim::scenario
