#pragma once
/// The scenario as plain, validated structs: what sim/scenario/loader.cpp produces from
/// YAML and what sim/model consumes. No YAML type appears here. Every value is already
/// in engine units: durations in microseconds (Duration), rates per second, resources
/// in fixed-point integers (see Resources). `Location` keeps where a value came from,
/// so the model can report a late problem at its line in the file.

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sim/core/time.hpp"
#include "sim/scenario/trace_options.hpp"

namespace fleetsim::scenario {

/// A place in a scenario file; line and column are 1-based, 0 when unknown.
struct Location {
  std::string file;
  int line = 0;
  int column = 0;
};

/// Resource dimensions. cpu and memory always exist; a scenario may declare up to two
/// more (e.g. gpu, disk) in topology.dimensions.
inline constexpr std::size_t kMaxDims = 4;
inline constexpr std::size_t kCpu = 0;
inline constexpr std::size_t kMemory = 1;

/// Amounts per dimension, as integers: cpu and extra dimensions in thousandths of a unit
/// (millicores), memory in bytes. Integer arithmetic keeps allocate/free exact.
struct Resources {
  std::array<std::int64_t, kMaxDims> v{};
  bool fits_in(const Resources& free) const {
    for (std::size_t d = 0; d < kMaxDims; ++d) {
      if (v[d] > free.v[d]) return false;
    }
    return true;
  }
  Resources& operator+=(const Resources& o) {
    for (std::size_t d = 0; d < kMaxDims; ++d) v[d] += o.v[d];
    return *this;
  }
  Resources& operator-=(const Resources& o) {
    for (std::size_t d = 0; d < kMaxDims; ++d) v[d] -= o.v[d];
    return *this;
  }
  bool operator==(const Resources&) const = default;
};

/// A count or a share: `3` or `5%`. resolve(total) gives the count: shares round
/// down (never below 1 when the share is > 0, so "2%" of 10 hosts is 1).
struct Quantity {
  double value = 0;
  bool percent = false;
  std::int64_t resolve(std::int64_t total) const;
};

/// A probability distribution. Time-valued distributions (durations, times to failure)
/// hold their parameters in seconds; `sample_duration` in sim/model converts.
struct Distribution {
  enum class Kind { Fixed, Exponential, Weibull, Lognormal, Gamma, Uniform, Empirical };
  Kind kind = Kind::Fixed;
  /// Fixed: a = value. Exponential: a = mean. Weibull: a = shape, b = scale.
  /// Lognormal: a = median, b = sigma. Gamma: a = shape, b = scale (mean = a*b).
  /// Uniform: a = min, b = max. Empirical: samples (drawn uniformly with replacement).
  double a = 0;
  double b = 0;
  std::vector<double> samples;
  std::string file;    ///< empirical: source file (as written, resolved relative to the scenario)
  std::string column;  ///< empirical: column name or 1-based index
  Location where;
  double mean() const;  ///< closed-form mean (empirical: sample mean)
};

/// `{name: ..., params: {...}}`: a registered policy and its parameters. Params are
/// kept as text and validated by the policy's factory against its declared params.
struct PolicyParam {
  std::string text;                 ///< scalar value as written
  std::vector<std::string> list;    ///< when the value is a sequence of scalars
  bool is_list = false;
  Location where;
};
struct PolicySpec {
  std::string name;
  std::map<std::string, PolicyParam> params;
  Location where;
};

// ---------------------------------------------------------------- topology

struct HostType {
  std::string name;
  Resources capacity;
  Location where;
};

/// A group of racks of one host type inside every zone of a region.
struct RackGroup {
  std::int64_t racks = 0;
  std::string host_type;
  Location where;
};

struct RegionSpec {
  std::string name;
  std::int64_t zones = 1;
  std::int64_t hosts_per_rack = 1;
  std::vector<RackGroup> racks;  ///< racks_per_zone + host_type become one group
  std::int64_t power_feeds_per_zone = 0;  ///< rack r depends on feed r % feeds; 0 = none modelled
  bool rack_switches = true;              ///< every rack has a top-of-rack switch hosts depend on
  Location where;
};

struct Topology {
  /// Names of the extra dimensions beyond cpu and memory, in order (at most 2).
  std::vector<std::string> extra_dimensions;
  std::vector<HostType> host_types;
  std::vector<RegionSpec> regions;
};

// ---------------------------------------------------------------- workloads

enum class WorkloadKind { Service, Batch, Vm, Trace };

/// Topology level a service spreads its replicas over.
enum class SpreadLevel { None, Region, Zone, Rack, Host };

struct DisruptionBudget {
  std::optional<Quantity> max_unavailable;
  std::optional<Quantity> min_available;
};

struct Arrival {
  enum class Process { Poisson };
  Process process = Process::Poisson;
  double rate_per_s = 0;  ///< mean arrivals per second
  /// Optional diurnal profile: rate(t) = rate * (1 + amplitude * cos(2 pi (h - peak_hour) / 24)),
  /// h the hour of day; amplitude in [0, 1]. Sampled exactly by thinning.
  double diurnal_amplitude = 0;
  double diurnal_peak_hour = 14;
};

struct Workload {
  std::string name;
  WorkloadKind kind = WorkloadKind::Service;
  Resources resources;
  std::int64_t priority = 0;  ///< higher preempts lower when preemption is on
  // service and vm
  std::int64_t replicas = 0;  ///< service replicas, or vm count
  SpreadLevel spread = SpreadLevel::None;
  DisruptionBudget disruption_budget;
  // batch
  Arrival arrival;
  Distribution duration;
  Duration checkpoint_interval = 0;  ///< batch: 0 = restart from zero after a failure
  // vm
  bool live_migration = true;
  double migration_bandwidth_bytes_per_s = 1.25e9;  ///< vm: memory copied per second (10 Gbit/s)
  // trace (replay of a real log, issue 7)
  std::string trace_format;  ///< swf | alibaba-gpu
  std::string trace_file;
  TraceReplayOptions replay;
  // vm: cpu demand following a real utilisation trace
  std::optional<VmDemandTrace> demand;
  Location where;
};

// ---------------------------------------------------------------- failures

/// Replays recorded up/down intervals of real nodes onto hosts.
struct FailureTrace {
  std::string format;  ///< fta | lanl | alibaba
  std::string file;
  /// Explicit mapping: trace node id -> host name, or "sequential" (the trace's nodes,
  /// in order of first appearance, onto hosts in id order).
  std::string mapping = "sequential";
  std::map<std::string, std::string> nodes;
  /// Trace time (in the trace's clock: Unix seconds for fta and lanl, seconds from the
  /// trace start for alibaba) that becomes simulated time 0; empty = the earliest record.
  std::optional<Duration> time_offset;
  /// alibaba: a machine that re-registers (the same state reported again) is taken to
  /// have been down this long before the record; 0 = re-registrations are not outages.
  Duration reregistration_downtime = 0;
  Location where;
};

struct FailureSpec {
  std::string target;  ///< component kind: host, rack, power_feed, switch, zone, region
  std::string host_type;  ///< optional: only hosts of this type
  /// Optional: only these components (names such as east-a-feed1); empty = every one.
  std::vector<std::string> components;
  std::optional<Distribution> time_to_failure;
  std::optional<Distribution> repair;
  std::optional<FailureTrace> trace;
  Location where;
};

// ---------------------------------------------------------------- operations

/// One entry of the action table; unset fields keep the built-in action's values (a new
/// action name needs a duration; its other defaults are success 1, automatic, urgent).
struct RemediationAction {
  std::string name;  ///< reboot, reimage, replace, repair, or any name
  std::optional<Distribution> duration;
  std::optional<double> success;      ///< probability the action fixes the host
  std::optional<bool> needs_person;   ///< the action is done by an on-call person
  std::optional<bool> urgent;         ///< person actions: false = only in the team's work hours
  Location where;
};

struct Remediation {
  PolicySpec policy;
  std::optional<Distribution> detection_delay;
  Quantity max_concurrent{100, true};      ///< of hosts, fleet-wide
  std::optional<Quantity> max_per_zone;    ///< of a zone's hosts in remediation at once
  std::vector<RemediationAction> actions;  ///< overrides/extends the built-in action table
  std::string team;  ///< on-call team paged for person actions; empty = the first team
  Location where;
};

struct OncallTeam {
  std::string team;
  std::int64_t people = 1;
  Duration shift = hours(8);
  std::optional<Distribution> response;
  /// Response outside local work hours (people asleep); empty = `response` at all hours.
  std::optional<Distribution> off_hours_response;
  bool follow_the_sun = false;
  std::int64_t utc_offset_hours = 0;
  std::int64_t work_start_hour = 9;  ///< for non-urgent actions
  std::int64_t work_end_hour = 17;
  Location where;
};

/// Which hosts an upgrade targets: every host unless a filter narrows the set.
struct HostSelector {
  std::vector<std::string> regions;     ///< region names; empty = all
  std::vector<std::string> zones;       ///< zone names ("east-a"); empty = all
  std::vector<std::string> host_types;  ///< host type names; empty = all
  std::optional<Quantity> limit;        ///< only the first N (or N%) matching hosts, in id order
};

/// When an upgrade may start hosts: these days, these hours (t = 0 is a Monday 00:00 UTC).
struct MaintenanceWindow {
  std::vector<std::int64_t> days;  ///< 0 = Monday .. 6 = Sunday; empty = every day
  std::int64_t start_hour = 0;     ///< [start_hour, end_hour) of the day
  std::int64_t end_hour = 24;
  Location where;
};

/// A bad build: decided once per upgrade cycle (or rollout) on a keyed stream.
struct BadVersion {
  double probability = 0;    ///< chance that the version is bad
  bool declared = false;     ///< the version is bad, whatever the probability
  double verify_failure = 0.5;  ///< hosts: chance that a host on it fails verification
  std::optional<Distribution> time_to_failure;  ///< hosts that pass fail after this, again and again
  Distribution repair{Distribution::Kind::Fixed, 3600, 0, {}, {}, {}, {}};  ///< hosts: downtime of each such failure
  double error_rate = 0.05;  ///< services: error rate of the bad release
  Location where;
};

/// Health gates of a host upgrade: checked at every failed verification, every `interval`
/// while hosts are in flight or baking, and at the end of every wave's bake.
struct HealthGate {
  std::optional<Quantity> max_failed_verifications;  ///< more (count, or share of hosts done) stops it
  std::optional<double> max_failure_rate;            ///< failures of upgraded hosts per upgraded host
  std::optional<double> min_service_availability;    ///< below it (any service) pauses new hosts
  Duration interval = minutes(10);
  std::string action = "halt";  ///< halt | rollback
  Location where;
};

struct Upgrade {
  std::string name;
  std::string version;
  Duration start = 0;
  Duration every = 0;  ///< repeat: a new cycle every interval (0 = once)
  HostSelector hosts;
  std::vector<MaintenanceWindow> windows;  ///< empty = any time
  PolicySpec strategy;  ///< rolling | waves | any registered rollout policy for hosts
  Quantity max_unavailable{1, false};
  std::optional<Quantity> max_unavailable_per_zone;
  std::optional<Distribution> per_host;
  Duration verify = 0;  ///< health check after the upgrade, before uncordon
  Duration drain_timeout = minutes(15);
  std::string drain_timeout_action = "wait";  ///< wait | force | skip
  Duration bake = 0;
  std::optional<BadVersion> bad_version;
  std::optional<HealthGate> health_gate;
  Location where;
};

/// A new release of a service, replica by replica.
struct Rollout {
  std::string name;
  std::string service;  ///< a service or vm workload
  std::string version;
  Duration start = 0;
  PolicySpec strategy;                ///< rolling | canary | blue-green
  Duration step_interval = minutes(1);  ///< wait after each batch of new replicas is placed
  double requests_per_s = 100;        ///< traffic the service serves (for the error signal)
  double error_rate = 0.001;          ///< error rate of a good release (and of the old one)
  std::optional<BadVersion> bad_release;
  double max_error_rate = 0.01;       ///< analysis gate: a higher observed error rate fails it
  std::int64_t min_requests = 100;    ///< analysis gate: fewer requests seen extends the bake
  std::string on_failure = "rollback";  ///< halt | rollback
  Location where;
};

struct Operations {
  std::optional<Remediation> remediation;
  std::vector<OncallTeam> oncall;
  std::vector<Upgrade> upgrades;
  std::vector<Rollout> rollouts;
  Duration reaction_delay = seconds(30);  ///< replica controller: loss -> replacement attempt
  /// Host upgrades: zone agents send host reports and budget token requests and releases
  /// to the control plane in batches at multiples of this interval; 0 = each at once.
  Duration report_interval = 0;
};

// ---------------------------------------------------------------- policies, assertions

struct Policies {
  PolicySpec placement{"best-fit", {}, {}};
  /// Which pending batch/trace job starts next (policies/scheduling queue disciplines).
  PolicySpec queue{"greedy", {}, {}};
  bool preemption = false;  ///< batch: a pending higher-priority job may evict lower ones
  /// Batch: a job still pending this long is forwarded once to the next zone of its
  /// region (a cross-zone message); 0 disables forwarding. YAML: policies.overflow_after.
  Duration overflow_after = minutes(5);
};

struct Assertion {
  std::string metric;
  std::string op;     ///< one of < <= > >= == !=
  double value = 0;   ///< durations are converted to seconds
  std::string value_text;  ///< as written, for messages
  std::string aggregate = "mean";  ///< for replicated runs: mean, ci_low, ci_high, p95, max, min
  Location where;
};

struct Outputs {
  std::string summary;  ///< default --summary path, empty = none
  std::string trace;    ///< default --trace path, empty = none
};

// ---------------------------------------------------------------- the scenario

struct Scenario {
  std::string name;
  std::string description;
  std::string source_file;  ///< path as given
  std::string source_text;  ///< the YAML text, stored in traces as provenance
  std::vector<std::string> overrides;  ///< --set arguments applied, in order

  std::uint64_t seed = 1;
  Duration duration = days(1);
  Duration warmup = 0;
  Duration sample_interval = minutes(5);
  Duration control_latency = milliseconds(100);

  Topology topology;
  std::vector<Workload> workloads;
  std::vector<FailureSpec> failures;
  Operations operations;
  Policies policies;
  std::vector<Assertion> assertions;
  Outputs outputs;
};

}  // namespace fleetsim::scenario
