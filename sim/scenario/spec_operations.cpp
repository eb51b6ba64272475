/// spec.operations: remediation, on-call people, the replica controller; upgrades and
/// rollouts are declared in spec_upgrades.cpp.

#include "sim/scenario/codecs.hpp"
#include "sim/scenario/specs.hpp"

namespace fleetsim::scenario {

namespace {

ObjectSpec<RemediationAction>& action_spec() {
  static ObjectSpec<RemediationAction> s(
      "remediation_action",
      "One entry of the action table: a built-in action (reboot, reimage, replace, repair) "
      "to adjust, or a new one. Fields left out keep the built-in values (docs/failures-and-remediation.md).");
  s.located(&RemediationAction::where);
  s.field("name", &RemediationAction::name, StrC{StrC::Name},
          "The action: reboot, reimage, replace, repair (built-in), or a new name.")
      .required();
  s.field("duration", &RemediationAction::duration, DistC{},
          "How long the action takes (required for a new action; built-in: see docs/failures-and-remediation.md).");
  s.field("success", &RemediationAction::success, ProbC{},
          "Probability the action fixes the host (new actions: 1).");
  s.field("needs_person", &RemediationAction::needs_person, BoolC{},
          "An on-call person must do it: it is paged to the remediation team (new actions: false).");
  s.field("urgent", &RemediationAction::urgent, BoolC{},
          "Person actions: false = started only during the team's work hours (new actions: true).");
  return s;
}

/// Limits a fleet-wide count cannot honour once split among zones, and pages nobody takes.
void check_remediation(Operations& o, const YamlNode& n, const std::string& path, Decoder& d) {
  if (!o.remediation) return;
  const Remediation& r = *o.remediation;
  const YamlNode* rn = n.find("remediation");
  if (!rn) return;
  const std::string rpath = join_path(path, "remediation");
  if (!r.team.empty()) {
    bool found = false;
    for (const OncallTeam& t : o.oncall) found = found || t.team == r.team;
    if (!found) {
      std::vector<std::string> names;
      for (const OncallTeam& t : o.oncall) names.push_back(t.team);
      const YamlNode* tn = rn->find("team");
      d.error(tn ? *tn : *rn, join_path(rpath, "team"), "no on-call team '" + r.team + "'",
              names.empty() ? "declare it in spec.operations.oncall" : suggest(r.team, names));
    }
  }
  // max_concurrent is enforced as per-zone quotas (docs/failures-and-remediation.md): every zone needs one.
  if (d.incomplete("topology")) return;
  const Topology& t = d.building().topology;
  std::int64_t zones = 0, hosts = 0;
  for (const RegionSpec& reg : t.regions) {
    std::int64_t racks = 0;
    for (const RackGroup& g : reg.racks) racks += g.racks;
    zones += reg.zones;
    hosts += reg.zones * racks * reg.hosts_per_rack;
  }
  if (zones > 0 && hosts > 0 && r.max_concurrent.resolve(hosts) < zones) {
    const YamlNode* mc = rn->find("max_concurrent");
    d.error(mc ? *mc : *rn, join_path(rpath, "max_concurrent"),
            "max_concurrent allows " + std::to_string(r.max_concurrent.resolve(hosts)) +
                " host(s) but the fleet has " + std::to_string(zones) + " zones",
            "the limit is split among zones by host count and every zone needs at least one; "
            "raise it to " + std::to_string(zones) + " or more, or use max_per_zone");
  }
}

void check_operations(Operations& o, const YamlNode& n, const std::string& path, Decoder& d) {
  if (o.report_interval > hours(1)) {
    const YamlNode* rn = n.find("report_interval");
    d.error(rn ? *rn : n, join_path(path, "report_interval"),
            "report_interval must be at most 1h, got " + format_duration(o.report_interval),
            "zone agents report their hosts' outcomes at this interval; minutes at most keep gates and "
            "metrics timely");
  }
  check_remediation(o, n, path, d);
}

ObjectSpec<Remediation>& remediation_spec() {
  static ObjectSpec<Remediation> s(
      "remediation", "Automatic repair of broken hosts: detect, then climb an action ladder.");
  s.located(&Remediation::where);
  s.field("policy", &Remediation::policy, PolicyC{},
          "The remediation policy and its params, e.g. {name: ladder, params: {steps: [reboot, "
          "reimage, replace]}}.")
      .required();
  s.field("detection_delay", &Remediation::detection_delay, DistC{},
          "Time from a failure until remediation notices it.");
  s.field("max_concurrent", &Remediation::max_concurrent, QuantC{},
          "Hosts in remediation at once, fleet-wide.")
      .defaults("100%");
  s.field("max_per_zone", &Remediation::max_per_zone, QuantC{},
          "Hosts of one zone in remediation at once.");
  s.field("actions", &Remediation::actions,
          ListC<ObjC<RemediationAction>>{{&action_spec()}, "name"},
          "Overrides or extends the built-in action table.");
  s.field("team", &Remediation::team, StrC{StrC::Name},
          "The on-call team paged for actions that need a person (default: the first team).");
  return s;
}

ObjectSpec<OncallTeam>& oncall_spec() {
  static ObjectSpec<OncallTeam> s(
      "oncall_team", "People on call: a finite resource with shifts and response times.");
  s.located(&OncallTeam::where);
  s.field("team", &OncallTeam::team, StrC{StrC::Name}, "The team's name.").required();
  s.field("people", &OncallTeam::people, IntC{1, 10'000}, "People on call at any time.")
      .defaults("1");
  s.field("shift", &OncallTeam::shift, DurC{true}, "Length of one shift.").defaults("8h");
  s.field("response", &OncallTeam::response, DistC{},
          "Time from a person taking a page to starting work (default: 0).");
  s.field("off_hours_response", &OncallTeam::off_hours_response, DistC{},
          "Response outside local work hours, when not follow_the_sun (default: response).");
  s.field("follow_the_sun", &OncallTeam::follow_the_sun, BoolC{},
          "Shifts move around the globe: always working hours.")
      .defaults("false");
  s.field("utc_offset", &OncallTeam::utc_offset_hours, IntC{-12, 14},
          "The team's time zone, hours from UTC.")
      .defaults("0");
  s.field_with(
       "work_hours", HoursC{},
       [](OncallTeam& t, std::pair<std::int64_t, std::int64_t> h) {
         t.work_start_hour = h.first;
         t.work_end_hour = h.second;
       },
       "Local working hours for non-urgent actions.")
      .defaults("9-17");
  return s;
}

ObjectSpec<Operations>& build() {
  static ObjectSpec<Operations> s("operations", "The operational processes around the fleet.");
  s.field("remediation", &Operations::remediation, ObjC<Remediation>{&remediation_spec()},
          "Automatic repair; omitted = failed hosts wait for their repair distribution.");
  s.field("oncall", &Operations::oncall, ListC<ObjC<OncallTeam>>{{&oncall_spec()}, "team"},
          "On-call teams.");
  s.field("upgrades", &Operations::upgrades, ListC<ObjC<Upgrade>>{{&upgrade_spec()}, "name"},
          "Host upgrades.");
  s.field("rollouts", &Operations::rollouts, ListC<ObjC<Rollout>>{{&rollout_spec()}, "name"},
          "Service rollouts.");
  s.field("reaction_delay", &Operations::reaction_delay, DurC{},
          "Replica controller: time from losing an instance to trying to replace it.")
      .defaults("30s");
  s.field("report_interval", &Operations::report_interval, DurC{},
          "Host upgrades: zone agents send host reports and disruption-budget token requests and "
          "releases to the control plane in batches, at multiples of this interval (at most 1h); "
          "0 = each at once.")
      .defaults("0s");
  s.finish(check_operations);
  return s;
}

}  // namespace

const ObjectSpec<Operations>& operations_spec() {
  static const ObjectSpec<Operations>& s = build();
  return s;
}

}  // namespace fleetsim::scenario
