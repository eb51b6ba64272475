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
  std::string trace_format;
  std::string trace_file;
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
  Location where;
};

struct FailureSpec {
  std::string target;  ///< component kind: host, rack, power_feed, switch, zone, region
  std::string host_type;  ///< optional: only hosts of this type
  std::optional<Distribution> time_to_failure;
  std::optional<Distribution> repair;
  std::optional<FailureTrace> trace;
  Location where;
};

// ---------------------------------------------------------------- operations

struct RemediationAction {
  std::string name;  ///< reboot, reimage, replace, or any name
  Distribution duration;
  double success = 1.0;      ///< probability the action fixes the host
  bool needs_person = false;  ///< the action is done by an on-call person
  Location where;
};

struct Remediation {
  PolicySpec policy;
  std::optional<Distribution> detection_delay;
  Quantity max_concurrent{100, true};      ///< of hosts, fleet-wide
  std::optional<Quantity> max_per_zone;    ///< of a zone's hosts in remediation at once
  std::vector<RemediationAction> actions;  ///< overrides/extends the built-in action table
  Location where;
};

struct OncallTeam {
  std::string team;
  std::int64_t people = 1;
  Duration shift = hours(8);
  std::optional<Distribution> response;
  bool follow_the_sun = false;
  std::int64_t utc_offset_hours = 0;
  std::int64_t work_start_hour = 9;  ///< for non-urgent actions
  std::int64_t work_end_hour = 17;
  Location where;
};

struct Upgrade {
  std::string name;
  std::string version;
  Duration start = 0;
  PolicySpec strategy;  ///< rolling | waves
  Quantity max_unavailable{1, false};
  std::optional<Quantity> max_unavailable_per_zone;
  std::optional<Distribution> per_host;
  Duration drain_timeout = minutes(15);
  std::string drain_timeout_action = "wait";  ///< wait | force | skip
  Duration bake = 0;
  Location where;
};

struct Operations {
  std::optional<Remediation> remediation;
  std::vector<OncallTeam> oncall;
  std::vector<Upgrade> upgrades;
  Duration reaction_delay = seconds(30);  ///< replica controller: loss -> replacement attempt
};

// ---------------------------------------------------------------- policies, assertions

struct Policies {
  PolicySpec placement{"best-fit", {}, {}};
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
