/// spec.operations.upgrades and spec.operations.rollouts: host upgrades and service
/// rollouts, their maintenance windows, bad versions and health gates.

#include "sim/scenario/codecs.hpp"
#include "sim/scenario/specs.hpp"
#include "sim/scenario/units.hpp"

namespace fleetsim::scenario {

namespace {

using Days = EnumC<std::int64_t>;

Days day_codec() {
  return Days{"day",
              {{"mon", 0}, {"tue", 1}, {"wed", 2}, {"thu", 3}, {"fri", 4}, {"sat", 5}, {"sun", 6}}};
}

ObjectSpec<HostSelector>& selector_spec() {
  static ObjectSpec<HostSelector> s(
      "host_selector", "Which hosts an upgrade targets; each given filter narrows the set.");
  static const bool built = [] {
    s.field("regions", &HostSelector::regions, ListC<StrC>{{StrC::Name}},
            "Only hosts of these regions.");
    s.field("zones", &HostSelector::zones, ListC<StrC>{{StrC::Name}},
            "Only hosts of these zones (zone names such as east-a).");
    s.field("host_types", &HostSelector::host_types, ListC<StrC>{{StrC::Name}},
            "Only hosts of these host types.");
    s.field("limit", &HostSelector::limit, QuantC{},
            "Only the first N (or N%) of the matching hosts, in host id order.");
    s.finish([](HostSelector& h, const YamlNode& n, const std::string& path, Decoder& d) {
      const Topology& t = d.building().topology;
      if (d.incomplete("topology")) return;
      auto check = [&](const char* key, const std::vector<std::string>& names,
                       const std::vector<std::string>& known, const char* what) {
        const YamlNode* list = n.find(key);
        for (std::size_t i = 0; i < names.size(); ++i) {
          bool found = false;
          for (const auto& k : known) found = found || k == names[i];
          if (found) continue;
          const YamlNode* item =
              list && list->is_sequence() && i < list->items.size() ? &list->items[i] : list;
          d.error(item ? *item : n, join_path(path, key) + "[" + std::to_string(i) + "]",
                  std::string("unknown ") + what + " '" + names[i] + "'", suggest(names[i], known));
        }
      };
      std::vector<std::string> regions, zones, types;
      for (const RegionSpec& r : t.regions) {
        regions.push_back(r.name);
        for (std::int64_t z = 0; z < r.zones; ++z) {
          zones.push_back(
              r.name + "-" +
              (z < 26 ? std::string(1, static_cast<char>('a' + z)) : "z" + std::to_string(z)));
        }
      }
      for (const HostType& ht : t.host_types) types.push_back(ht.name);
      check("regions", h.regions, regions, "region");
      check("zones", h.zones, zones, "zone");
      check("host_types", h.host_types, types, "host type");
    });
    return true;
  }();
  (void)built;
  return s;
}

ObjectSpec<MaintenanceWindow>& window_spec() {
  static ObjectSpec<MaintenanceWindow> s(
      "maintenance_window",
      "When new hosts may be started: these days and hours (t = 0 is a Monday 00:00 UTC). Hosts "
      "already started finish outside the window.");
  static const bool built = [] {
    s.located(&MaintenanceWindow::where);
    s.field("days", &MaintenanceWindow::days, ListC<Days>{day_codec()},
            "Days of the week (mon..sun); omitted = every day.");
    s.field_with(
         "hours", HoursC{},
         [](MaintenanceWindow& w, std::pair<std::int64_t, std::int64_t> h) {
           w.start_hour = h.first;
           w.end_hour = h.second;
         },
         "Hours of those days, start-end (UTC), e.g. 22-24; two windows make a range over "
         "midnight.")
        .defaults("0-24");
    return true;
  }();
  (void)built;
  return s;
}

ObjectSpec<BadVersion>& bad_version_spec() {
  static ObjectSpec<BadVersion> s(
      "bad_version",
      "A bad build: bad with a probability (drawn once per upgrade cycle or rollout) or by "
      "declaration. Hosts on it fail verification, or fail later; a bad service release serves "
      "errors.");
  static const bool built = [] {
    s.located(&BadVersion::where);
    s.field("probability", &BadVersion::probability, ProbC{}, "Chance that the version is bad.")
        .defaults("0");
    s.field("declared", &BadVersion::declared, BoolC{}, "The version is bad (for what-if runs).")
        .defaults("false");
    s.field(
         "verify_failure", &BadVersion::verify_failure, ProbC{},
         "Hosts: chance that a host on the bad version fails its verification (it is then put back "
         "on its previous version).")
        .defaults("0.5");
    s.field(
        "time_to_failure", &BadVersion::time_to_failure, DistC{},
        "Hosts: hosts that pass verification on the bad version fail after this (again after each "
        "repair); omitted = they do not fail.");
    s.field("repair", &BadVersion::repair, DistC{},
            "Hosts: how long each such failure keeps the host down.")
        .defaults("1h");
    s.field("error_rate", &BadVersion::error_rate, ProbC{},
            "Services: share of requests the bad release fails.")
        .defaults("5%");
    return true;
  }();
  (void)built;
  return s;
}

ObjectSpec<HealthGate>& gate_spec() {
  static ObjectSpec<HealthGate> s(
      "health_gate",
      "Health gates of a host upgrade, checked at each failed verification, every interval while "
      "hosts are in flight or baking, and before each new wave.");
  static const bool built = [] {
    s.located(&HealthGate::where);
    s.field(
        "max_failed_verifications", &HealthGate::max_failed_verifications, QuantC{false},
        "More failed verifications than this (a count, or a share of the hosts done so far) stop "
        "the upgrade.");
    s.field("max_failure_rate", &HealthGate::max_failure_rate, ProbC{},
            "More failures of upgraded hosts per upgraded host than this stop the upgrade.");
    s.field(
        "min_service_availability", &HealthGate::min_service_availability, ProbC{},
        "While any service runs fewer than this share of its desired replicas, no new host starts "
        "(the upgrade pauses).");
    s.field("interval", &HealthGate::interval, DurC{true},
            "How often the zones are asked for health.")
        .defaults("10m");
    s.field(
         "action", &HealthGate::action,
         EnumC<std::string>{"gate action", {{"halt", "halt"}, {"rollback", "rollback"}}},
         "What a failed gate does: halt (stop starting hosts) or rollback (also put every upgraded "
         "host back on its previous version).")
        .defaults("halt");
    return true;
  }();
  (void)built;
  return s;
}

}  // namespace

const ObjectSpec<Upgrade>& upgrade_spec() {
  static ObjectSpec<Upgrade> s("upgrade",
                               "A host upgrade: cordon, drain (honouring disruption budgets), "
                               "upgrade, verify, uncordon, wave "
                               "by wave, with health gates, halt and rollback.");
  static const bool built = [] {
    s.located(&Upgrade::where);
    s.field("name", &Upgrade::name, StrC{StrC::Name},
            "Unique name, used in metric names (upgrade.<name>.duration_s).")
        .required();
    s.field("version", &Upgrade::version, StrC{StrC::Version},
            "The version hosts end up with (quote it: \"6.1\").")
        .required();
    s.field("start", &Upgrade::start, DurC{}, "When the upgrade starts, from the start of the run.")
        .defaults("0");
    s.field("every", &Upgrade::every, DurC{},
            "Repeat: a new cycle (version '<version>.<k>') every interval; 0 = once.")
        .defaults("0");
    s.field("hosts", &Upgrade::hosts, ObjC<HostSelector>{&selector_spec()},
            "Which hosts: every host unless filtered.");
    s.field("windows", &Upgrade::windows, ListC<ObjC<MaintenanceWindow>>{{&window_spec()}},
            "Maintenance windows in which hosts may start; omitted = any time.");
    s.field(
         "strategy", &Upgrade::strategy, PolicyC{},
         "How hosts are grouped into waves (a rollout policy): rolling, or {name: waves, params: "
         "{by: zone}} (see 'rollout policies' in fleetsim describe).")
        .defaults("rolling");
    s.field("max_unavailable", &Upgrade::max_unavailable, QuantC{},
            "Hosts being upgraded at once: a count, or a share of the targeted hosts.")
        .defaults("1");
    s.field("max_unavailable_per_zone", &Upgrade::max_unavailable_per_zone, QuantC{},
            "Hosts of one zone being upgraded at once: a count, or a share of the zone's targeted "
            "hosts.");
    s.field("per_host", &Upgrade::per_host, DistC{},
            "Time to upgrade one drained host; omitted = 20m.");
    s.field("verify", &Upgrade::verify, DurC{}, "Health check after the upgrade, before uncordon.")
        .defaults("0");
    s.field("drain_timeout", &Upgrade::drain_timeout, DurC{true},
            "How long a drain may wait on disruption budgets before drain_timeout_action.")
        .defaults("15m");
    s.field("drain_timeout_action", &Upgrade::drain_timeout_action,
            EnumC<std::string>{"drain timeout action",
                               {{"wait", "wait"}, {"force", "force"}, {"skip", "skip"}}},
            "After drain_timeout: wait (keep waiting), force (evict anyway, counted as forced "
            "evictions) or skip (uncordon the host and leave it on its version).")
        .defaults("wait");
    s.field("bake", &Upgrade::bake, DurC{},
            "Wait after each wave before the gate and the next wave.")
        .defaults("0");
    s.field("bad_version", &Upgrade::bad_version, ObjC<BadVersion>{&bad_version_spec()},
            "Whether the version is bad, and what that does to hosts.");
    s.field("health_gate", &Upgrade::health_gate, ObjC<HealthGate>{&gate_spec()},
            "When to pause, halt or roll back; omitted = never.");
    s.finish([](Upgrade& u, const YamlNode& n, const std::string& path, Decoder& d) {
      if (u.every > 0 && u.every <= u.bake) {
        const YamlNode* e = n.find("every");
        d.error(e ? *e : n, join_path(path, "every"),
                "every (" + format_duration(u.every) + ") must be longer than bake (" +
                    format_duration(u.bake) + ")");
      }
    });
    return true;
  }();
  (void)built;
  return s;
}

const ObjectSpec<Rollout>& rollout_spec() {
  static ObjectSpec<Rollout> s(
      "rollout",
      "A new release of a service, replica by replica: rolling, canary (steps with traffic weight, "
      "bake and an analysis gate on the error rate) or blue-green.");
  static const bool built = [] {
    s.located(&Rollout::where);
    s.field("name", &Rollout::name, StrC{StrC::Name},
            "Unique name, used in metric names (rollout.<name>.duration_s).")
        .required();
    s.field("service", &Rollout::service, StrC{StrC::Name},
            "The service (or vm workload) to roll out.")
        .required();
    s.field("version", &Rollout::version, StrC{StrC::Version},
            "The new release (quote it: \"2.0\").")
        .required();
    s.field("start", &Rollout::start, DurC{}, "When the rollout starts.").defaults("0");
    s.field("strategy", &Rollout::strategy, PolicyC{},
            "rolling {max_surge, max_unavailable}, canary {steps, bake} or blue-green {bake} (see "
            "'rollout policies' in fleetsim describe).")
        .defaults("rolling");
    s.field("step_interval", &Rollout::step_interval, DurC{true},
            "Wait after each batch of new replicas is placed (readiness).")
        .defaults("1m");
    s.field("requests", &Rollout::requests_per_s, RateC{},
            "Traffic the service serves (e.g. 500/s); the error signal counts these requests.")
        .defaults("100/s");
    s.field("error_rate", &Rollout::error_rate, ProbC{},
            "Error rate of a good release (and of the old one).")
        .defaults("0.1%");
    s.field("bad_release", &Rollout::bad_release, ObjC<BadVersion>{&bad_version_spec()},
            "Whether the release is bad (probability or declared) and its error_rate.");
    s.field("max_error_rate", &Rollout::max_error_rate, ProbC{},
            "Analysis gate: an observed error rate of the new release above this fails the step.")
        .defaults("1%");
    s.field("min_requests", &Rollout::min_requests, IntC{0, kNoMax},
            "Analysis gate: with fewer requests seen by the new release the bake is extended.")
        .defaults("100");
    s.field("on_failure", &Rollout::on_failure,
            EnumC<std::string>{"failure action", {{"rollback", "rollback"}, {"halt", "halt"}}},
            "What a failed analysis does: rollback (back to the old release) or halt (stay as is).")
        .defaults("rollback");
    s.finish([](Rollout& r, const YamlNode& n, const std::string& path, Decoder& d) {
      if (d.incomplete("workloads")) return;
      std::vector<std::string> names;
      for (const Workload& w : d.building().workloads) {
        if (w.kind == WorkloadKind::Service || w.kind == WorkloadKind::Vm) names.push_back(w.name);
      }
      for (const auto& nm : names) {
        if (nm == r.service) return;
      }
      const YamlNode* sv = n.find("service");
      d.error(sv ? *sv : n, join_path(path, "service"), "unknown service '" + r.service + "'",
              names.empty() ? "the scenario declares no service or vm workload"
                            : suggest(r.service, names));
    });
    return true;
  }();
  (void)built;
  return s;
}

}  // namespace fleetsim::scenario
