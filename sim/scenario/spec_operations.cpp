/// spec.operations: remediation, on-call people, host upgrades, the replica controller.

#include "sim/scenario/codecs.hpp"
#include "sim/scenario/specs.hpp"

namespace fleetsim::scenario {

namespace {

ObjectSpec<RemediationAction>& action_spec() {
  static ObjectSpec<RemediationAction> s("remediation_action",
                                         "One step of the remediation ladder.");
  s.located(&RemediationAction::where);
  s.field("name", &RemediationAction::name, StrC{StrC::Name},
          "The action: reboot, reimage, replace, or any name.")
      .required();
  s.field("duration", &RemediationAction::duration, DistC{}, "How long the action takes.")
      .required();
  s.field("success", &RemediationAction::success, ProbC{}, "Probability the action fixes the host.")
      .defaults("1");
  s.field("needs_person", &RemediationAction::needs_person, BoolC{},
          "An on-call person must do it.")
      .defaults("false");
  return s;
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
  s.field("response", &OncallTeam::response, DistC{}, "Time from page to a person starting work.");
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

ObjectSpec<Upgrade>& upgrade_spec() {
  static ObjectSpec<Upgrade> s(
      "upgrade",
      "A host upgrade: cordon, drain (honouring disruption budgets), upgrade, verify, uncordon, "
      "batch by batch.");
  s.located(&Upgrade::where);
  s.field("name", &Upgrade::name, StrC{StrC::Name},
          "Unique name, used in metric names (upgrade.<name>.duration_s).")
      .required();
  s.field("version", &Upgrade::version, StrC{StrC::Version},
          "The version hosts end up with (quote it: \"6.1\").")
      .required();
  s.field("start", &Upgrade::start, DurC{}, "When the upgrade starts, from the start of the run.")
      .defaults("0");
  s.field("strategy", &Upgrade::strategy, PolicyC{},
          "How batches are chosen: rolling, or {name: waves, params: {by: zone}}.")
      .defaults("rolling");
  s.field("max_unavailable", &Upgrade::max_unavailable, QuantC{},
          "Hosts being upgraded at once (count or share of the fleet).")
      .defaults("1");
  s.field("max_unavailable_per_zone", &Upgrade::max_unavailable_per_zone, QuantC{},
          "Hosts of one zone being upgraded at once.");
  s.field("per_host", &Upgrade::per_host, DistC{}, "Time to upgrade one drained host.");
  s.field("drain_timeout", &Upgrade::drain_timeout, DurC{},
          "How long a drain may wait on disruption budgets.")
      .defaults("15m");
  s.field("drain_timeout_action", &Upgrade::drain_timeout_action,
          EnumC<std::string>{"drain timeout action",
                             {{"wait", "wait"}, {"force", "force"}, {"skip", "skip"}}},
          "After drain_timeout: wait (keep waiting), force (evict anyway) or skip (leave the host "
          "for later).")
      .defaults("wait");
  s.field("bake", &Upgrade::bake, DurC{}, "Wait after each batch before the next one.")
      .defaults("0");
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
  s.field("reaction_delay", &Operations::reaction_delay, DurC{},
          "Replica controller: time from losing an instance to trying to replace it.")
      .defaults("30s");
  return s;
}

}  // namespace

const ObjectSpec<Operations>& operations_spec() {
  static const ObjectSpec<Operations>& s = build();
  return s;
}

}  // namespace fleetsim::scenario
