/// spec.workloads: services, batch jobs, VMs and trace replays.

#include "sim/scenario/codecs.hpp"
#include "sim/scenario/spec_trace.hpp"
#include "sim/scenario/specs.hpp"
#include "sim/scenario/units.hpp"

namespace fleetsim::scenario {

namespace {

/// "cpu 4, memory 16Gi, gpu 1" (extra dimensions only when declared).
std::string format_resources(const Resources& r, const Topology& t) {
  std::string s = "cpu " + format_milli(r.v[kCpu]) + ", memory " + format_size(r.v[kMemory]);
  for (std::size_t i = 0; i < t.extra_dimensions.size(); ++i) {
    s += ", " + t.extra_dimensions[i] + " " + format_milli(r.v[2 + i]);
  }
  return s;
}

/// A workload that fits no host type could never run: name the largest type.
void check_fits(const Workload& w, const YamlNode& n, const std::string& path, Decoder& d) {
  const Topology& t = d.building().topology;
  if (t.host_types.empty() || d.incomplete("host_types")) return;
  for (const HostType& h : t.host_types) {
    if (w.resources.fits_in(h.capacity)) return;
  }
  const HostType* big = &t.host_types.front();
  for (const HostType& h : t.host_types) {
    const auto& a = h.capacity.v;
    const auto& b = big->capacity.v;
    if (a[kCpu] > b[kCpu] || (a[kCpu] == b[kCpu] && a[kMemory] > b[kMemory])) big = &h;
  }
  const YamlNode* res = n.find("resources");
  d.error(
      res ? *res : n, join_path(path, "resources"),
      "needs " + format_resources(w.resources, t) + ", more than any host type offers",
      "the largest host type is '" + big->name + "' with " + format_resources(big->capacity, t));
}

ObjectSpec<DisruptionBudget>& budget_spec() {
  static ObjectSpec<DisruptionBudget> s(
      "disruption_budget",
      "How many instances planned operations (drains, upgrades) may take down at once.");
  s.field("max_unavailable", &DisruptionBudget::max_unavailable, QuantC{false},
          "At most this many (or this share) unavailable at once.");
  s.field("min_available", &DisruptionBudget::min_available, QuantC{false},
          "At least this many (or this share) available at all times.");
  s.alternative("", {{"max_unavailable"}, {"min_available"}});
  return s;
}

ObjectSpec<Arrival>& diurnal_spec() {
  static ObjectSpec<Arrival> s(
      "diurnal",
      "A daily cycle: rate(t) = rate * (1 + amplitude * cos(2 pi (hour - peak_hour) / 24)).");
  s.field("amplitude", &Arrival::diurnal_amplitude, NumC{0, 1},
          "Relative swing around the mean rate, in [0, 1].")
      .required();
  s.field("peak_hour", &Arrival::diurnal_peak_hour, NumC{0, 24, false, true},
          "Hour of the day with the most arrivals, in [0, 24).")
      .defaults("14");
  return s;
}

ObjectSpec<Arrival>& arrival_spec() {
  static ObjectSpec<Arrival> s("arrival", "How batch jobs arrive.");
  s.field("process", &Arrival::process,
          EnumC<Arrival::Process>{"arrival process", {{"poisson", Arrival::Process::Poisson}}},
          "The arrival process; poisson: independent exponential gaps.")
      .defaults("poisson");
  s.field("rate", &Arrival::rate_per_s, RateC{}, "Mean arrivals: 120/h, 2/m, 0.5/s, 10/d.")
      .required();
  s.nest("diurnal", diurnal_spec(), "Optional daily cycle of the rate.");
  return s;
}

ObjectSpec<Workload>& build() {
  using K = WorkloadKind;
  static ObjectSpec<Workload> s(
      "workload",
      "Work the fleet runs. kind selects the fields: service (replicas kept running), batch "
      "(jobs arriving and finishing), vm (long-lived machines) or trace (a replayed log).");
  s.located(&Workload::where).discriminated_by("kind");
  s.field("name", &Workload::name, StrC{StrC::Name},
          "Unique name, used in metric names (service.<name>.availability).")
      .required();
  s.field(
       "kind", &Workload::kind,
       EnumC<K>{"workload kind",
                {{"service", K::Service}, {"batch", K::Batch}, {"vm", K::Vm}, {"trace", K::Trace}}},
       "service, batch, vm or trace.")
      .required();
  s.field("resources", &Workload::resources, ObjC<Resources>{&demand_spec()},
          "What one replica, job or VM needs (trace, swf: what one processor of a job takes; "
          "default cpu 1, memory 0).")
      .only({"service", "batch", "vm", "trace"})
      .required_for({"service", "batch", "vm"});
  s.field("priority", &Workload::priority, IntC{-1'000'000, 1'000'000},
          "Higher priority work may preempt lower (with policies.preemption).")
      .defaults("0");
  s.field("replicas", &Workload::replicas, IntC{1, 1'000'000'000},
          "Replicas the service keeps running.")
      .only({"service"})
      .required_for({"service"});
  s.field("count", &Workload::replicas, IntC{1, 1'000'000'000}, "Number of VMs.")
      .only({"vm"})
      .required_for({"vm"});
  s.field("spread", &Workload::spread,
          EnumC<SpreadLevel>{"spread level",
                             {{"none", SpreadLevel::None},
                              {"region", SpreadLevel::Region},
                              {"zone", SpreadLevel::Zone},
                              {"rack", SpreadLevel::Rack},
                              {"host", SpreadLevel::Host}}},
          "Topology level to spread instances evenly over: none, region, zone, rack or host.")
      .only({"service", "vm"})
      .defaults("none");
  s.field("disruption_budget", &Workload::disruption_budget, ObjC<DisruptionBudget>{&budget_spec()},
          "Limit on planned disruptions: {max_unavailable: 5%} or {min_available: 90%}.")
      .only({"service", "vm"});
  s.field("arrival", &Workload::arrival, ObjC<Arrival>{&arrival_spec()},
          "How jobs arrive: {process: poisson, rate: 120/h}.")
      .only({"batch"})
      .required_for({"batch"});
  s.field("duration", &Workload::duration, DistC{}, "How long one job runs when undisturbed.")
      .only({"batch"})
      .required_for({"batch"});
  s.field(
       "checkpoint_interval", &Workload::checkpoint_interval, DurC{},
       "A job interrupted by a failure resumes from its last checkpoint; 0 = restarts from zero.")
      .only({"batch"})
      .defaults("0");
  s.field("live_migration", &Workload::live_migration, BoolC{},
          "VMs move live off a host being drained.")
      .only({"vm"})
      .defaults("true");
  s.field("migration_bandwidth", &Workload::migration_bandwidth_bytes_per_s, BandwidthC{},
          "Memory copied per second during a live migration.")
      .only({"vm"})
      .defaults("10Gbit/s");
  declare_trace_fields(s);  // format, file and the replay options (spec_trace.cpp)
  s.finish([](Workload& w, const YamlNode& n, const std::string& path, Decoder& d) {
    check_trace_fields(w, n, path, d);
    if (w.kind == K::Trace || !n.find("resources")) return;
    check_fits(w, n, path, d);
    const auto& min = w.disruption_budget.min_available;
    if (min && !min->percent && w.replicas > 0 && min->value > static_cast<double>(w.replicas)) {
      const YamlNode* b = n.find("disruption_budget");
      const YamlNode* m = b ? b->find("min_available") : nullptr;
      d.error(m ? *m : n, join_path(path, "disruption_budget.min_available"),
              "min_available " + format_quantity(*min) + " is more than the " +
                  std::to_string(w.replicas) + " instances",
              "no instance could ever be disrupted; lower it or use a percentage");
    }
  });
  return s;
}

}  // namespace

const ObjectSpec<Workload>& workload_spec() {
  static const ObjectSpec<Workload>& s = build();
  return s;
}

}  // namespace fleetsim::scenario
