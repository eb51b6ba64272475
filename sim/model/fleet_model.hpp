#pragma once
/// The fleet model: the engine handler that plays a scenario. Each zone is an engine
/// partition that owns its hosts, their tasks (service replicas, VMs, batch jobs), its
/// pending queue, its placement policy instance, its random streams, metrics
/// accumulators and trace buffer. Zones talk only by messages that take the control
/// latency (the engine lookahead): a batch job that waits too long is forwarded once to
/// the next zone of its region.
///
/// Entities: zone controllers are entities [0, Z); host h is entity Z + h; entities of
/// controllers follow (added with add_entity before the run). Partitions: zone z is
/// partition z; with more than one zone, partition Z is the control partition, where
/// fleet-wide controllers (upgrade orchestrators, on-call teams...) keep their entities.

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <queue>
#include <string>
#include <vector>

#include "sim/core/huge_pages.hpp"
#include "sim/core/prefetch.hpp"
#include "sim/core/rng.hpp"
#include "sim/core/simulation.hpp"
#include "sim/io/column_table.hpp"
#include "sim/io/trace_data.hpp"
#include "sim/model/controller.hpp"
#include "sim/model/events.hpp"
#include "sim/model/host_index.hpp"
#include "sim/model/host_tasks.hpp"
#include "sim/model/ids.hpp"
#include "sim/model/integrator.hpp"
#include "sim/model/placement.hpp"
#include "sim/model/queue_discipline.hpp"
#include "sim/model/rack_order.hpp"
#include "sim/model/replay.hpp"
#include "sim/model/replay_input.hpp"
#include "sim/model/topology.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleetsim::model {

enum class TaskState : std::uint8_t { Free, Pending, Running };

/// A unit of work on a host: a service replica, a VM or a batch job. One cache line
/// each: a task is read at random (its completion, an eviction), one miss, never two.
struct alignas(64) Task {
  WorkloadId workload = kNone;
  HostId host = kNone;
  Time submit = 0;                    // batch: when it arrived (first submission)
  bool started_once = false;          // batch: its wait has been recorded
  Time start = 0;                     // when it last started running
  Duration remaining = 0;             // batch: work left
  std::uint16_t gen = 0;              // bumped when the task is stopped: cancels its events
  TaskState state = TaskState::Free;
  std::uint8_t forwarded = 0;         // batch: already forwarded to another zone
  std::uint32_t job = kNone;          // trace job: local index into ZoneReplay::jobs[workload]
  std::uint16_t version = 0;          // service/vm: the release it runs (rollouts)
};

inline constexpr std::uint64_t kNoEpoch = ~std::uint64_t{0};  // no epoch recorded

/// Rack spread, per rack of the zone: what a service learnt there, valid while the rack's
/// epoch (FleetModel::rack_epoch_, bumped at every change of one of its hosts) is the one
/// recorded.
struct RackMemo {
  std::uint64_t full_epoch = kNoEpoch;  // the epoch when the rack was found full
  std::uint64_t pick_epoch = kNoEpoch;  // the epoch right after placing on `pick`
  HostId pick = kNone;                  // the policy's last choice there (keeps_choice_in_range)
};

/// Per zone and service (or VM workload): the replica controller's view.
struct ServiceZone {
  std::int64_t desired = 0;
  std::int64_t running = 0;
  std::uint32_t spread_limit = 0;
  std::vector<std::uint32_t> spread_counts;  // per rack or host of the zone
  RackOrder rack_order;  // rack spread: racks by (count, rack), least loaded first
  std::vector<RackMemo> rack_memo;  // rack spread: per rack of the zone
  std::vector<std::pair<Time, std::int64_t>> levels;  // running count after each change
  bool reconcile_pending = false;  // a reconcile event is scheduled
  bool starved = false;            // last reconcile could not place everything
  std::uint16_t version = 0;       // release new replicas get (rollouts change it)
  std::uint64_t drain_evictions = 0;  // replicas evicted by drains (upgrades), cumulative
};

/// Per zone and batch workload.
struct BatchZone {
  double rate_per_s = 0;   // this zone's share of the arrival rate
  core::Rng arrivals;      // inter-arrival times
  core::Rng durations;     // job durations, in arrival order
  std::uint64_t started = 0;    // jobs that arrived after warmup and started
  std::vector<double> waits_s;  // waits of those that waited at all (> 0), in start order
  std::uint64_t submitted = 0;
  std::uint64_t completed = 0;  // completions after warmup
  std::uint64_t forwarded_out = 0;
  std::uint64_t pending = 0;
  std::uint64_t restarts = 0;   // stopped by a failure or an eviction and queued again
};

struct TraceRecord {
  std::uint64_t key;  // key of the event being handled
  std::uint32_t sub;  // order within that event
  io::TraceEvent ev;
};

struct ZoneSamples {
  std::vector<double> hosts_up, cpu_used, memory_used, pending_jobs, running_jobs;
  std::vector<std::vector<double>> running_by_workload;  // [workload][sample]
  std::vector<std::vector<double>> pending_by_workload;
};

struct ZoneState {
  ZoneId id = 0;
  HostIndex index;
  std::vector<Task, core::HugePageAllocator<Task>> tasks;  // huge pages: read at random
  HostTasks host_tasks;                  // which tasks run on each host of the zone
  std::vector<TaskId> free_tasks;        // free slots last used by replicas and VMs
  std::vector<TaskId> free_batch_tasks;  // free slots last used by batch tasks
  PendingQueues pending;  // by priority, FIFO (queue_discipline.hpp)
  std::unique_ptr<QueueDiscipline> discipline;  // which pending job starts next
  ZoneReplay replay;                            // replayed logs and demand traces (replay.hpp)
  std::uint64_t pending_count = 0;
  std::uint64_t running_jobs = 0;
  std::vector<ServiceZone> services;  // indexed by WorkloadId (service and vm workloads)
  std::vector<BatchZone> batch;       // indexed by WorkloadId (batch workloads)
  core::Rng placement_rng;
  std::unique_ptr<PlacementPolicy> policy;
  Integrator cpu_alloc, mem_alloc, stranded_cpu, hosts_up;
  std::int64_t total_cpu = 0, total_mem = 0, hosts = 0;
  std::priority_queue<Time, std::vector<Time>, std::greater<>> overflow_checks;
  std::vector<TaskId> new_pending;  // jobs queued during the current event
  std::vector<TraceRecord> trace;
  std::uint64_t cur_key = 0;
  std::uint32_t cur_sub = 0;
  ZoneSamples samples;
  bool schedule_dirty = false;  // capacity freed: try the pending queue
};

/// Everything a finished run reports.
struct ModelResults {
  std::map<std::string, double> metrics;
  std::vector<std::int64_t> sample_times_us;
  std::vector<io::SeriesGroup> series;
  std::vector<io::TraceEvent> events;  // merged, in (time, key) order
  std::vector<io::ColumnTable> tables; // per-job tables of trace replays (/jobs/<workload>)
};

class FleetModel {
 public:
  /// queue: the zones' queue discipline (null: greedy); replay: the logs and demand traces
  /// the scenario replays (null: read here, throwing io::ImportError on a bad file).
  FleetModel(const scenario::Scenario& s, const PlacementFactory& placement, bool record_trace,
             const QueueDisciplineFactory* queue = nullptr,
             std::shared_ptr<const ReplayInputs> replay = nullptr);
  FleetModel(const FleetModel&) = delete;
  FleetModel& operator=(const FleetModel&) = delete;

  const Topology& topology() const { return topo_; }
  std::uint32_t entity_count() const;
  std::vector<std::uint32_t> partition_map() const;
  std::uint32_t partition_count() const {
    return static_cast<std::uint32_t>(zones_.size() > 1 ? zones_.size() + 1 : 1);
  }
  /// The partition of fleet-wide controllers (0 when the fleet has one zone).
  std::uint32_t control_partition() const { return zones_.size() > 1 ? static_cast<std::uint32_t>(zones_.size()) : 0; }
  core::EntityId zone_entity(ZoneId z) const { return z; }
  core::EntityId host_entity(HostId h) const { return static_cast<core::EntityId>(zones_.size() + h); }
  HostId entity_host(core::EntityId e) const { return static_cast<HostId>(e - zones_.size()); }

  /// Adds an entity in `partition` for a controller (before the run); returns its id.
  core::EntityId add_entity(std::uint32_t partition);
  /// Adds a controller handling event kinds [first_kind, last_kind]; events of those kinds
  /// go to it. Called before the run.
  void add_controller(std::unique_ptr<Controller> c, std::uint16_t first_kind, std::uint16_t last_kind);
  /// Called by the engine with the event likely to come after the one it is about to
  /// handle: a job completion will touch its task, its host and the host's task ids, all
  /// usually cold (the job started hours ago), so their cache lines are requested now (the
  /// host's ids at its home block, where they are unless it holds many); a controller's
  /// event at a host, its host and ids. No effect on results.
  void prefetch(std::uint32_t partition, const core::Event& e) const {
    if (partition >= zones_.size()) return;
    const ZoneState& z = zones_[partition];
    HostId h;
    if (e.kind == kJobDone) {
      h = static_cast<HostId>(e.payload >> 32);
      core::prefetch(&z.tasks[static_cast<TaskId>(e.payload)]);
    } else if (e.kind >= kFirstControllerKind && e.target >= zones_.size()) {
      // A controller's event at a host (an upgrade command, an install done) reads the
      // host and, for a drain, walks its tasks.
      h = entity_host(e.target);
    } else {
      return;
    }
    // Controllers' own entities (a zone's agent) come after the hosts: not hosts, skipped.
    const ZoneInfo& zi = topo_.zones()[z.id];
    if (h < zi.first_host || h >= zi.end_host) return;
    core::prefetch(&host_[h]);
    z.host_tasks.prefetch_home(h - zi.first_host);
  }
  /// The zone state behind a partition, or null for the control partition.
  ZoneState* zone_of_partition(std::uint32_t p) { return p < zones_.size() && (zones_.size() > 1 || p == 0) ? &zones_[p] : nullptr; }

  /// Appends a record to the zone's trace buffer (no-op when not recording).
  void trace(ZoneState& z, Time now, std::uint16_t kind, std::int64_t component, std::int32_t workload,
             double value);
  void trace(ZoneState& z, Time now, TraceKind kind, std::int64_t component, std::int32_t workload,
             double value) {
    trace(z, now, static_cast<std::uint16_t>(kind), component, workload, value);
  }
  /// Appends a record from the control partition (no zone).
  void trace_control(Time now, std::uint16_t kind, std::int64_t component, std::int32_t workload, double value,
                     std::uint64_t key);
  /// Registers an extra trace kind name; returns its code (call before the run).
  std::uint16_t add_trace_kind(const std::string& name);
  bool recording() const { return record_trace_; }
  /// Replica controller: try to replace missing replicas of w in zone z after `delay`.
  void request_reconcile(core::Context& ctx, ZoneState& z, WorkloadId w, Duration delay);
  std::vector<ZoneState>& zones() { return zones_; }
  const std::vector<ZoneState>& zones() const { return zones_; }
  const scenario::Resources& free(HostId h) const { return host_[h].free; }
  const scenario::Resources& capacity(HostId h) const { return type_capacity_[host_[h].type]; }
  std::int64_t min_available(WorkloadId w) const { return min_available_[w]; }
  std::int64_t desired_total(WorkloadId w) const { return desired_total_[w]; }

  /// Initial events: zone start and sampling.
  void schedule_initial(core::Simulation& sim) const;

  /// Engine interface.
  void handle(core::Context& ctx, const core::Event& e);
  Time send_horizon(std::uint32_t partition, Time next) const;

  /// Closes integrators at the end of the run and computes every metric.
  ModelResults finish(Time end, bool with_trace);

  /// Names of trace event kinds, workloads and zones (for the trace's name tables).
  std::vector<io::NameTable> name_tables() const;
  io::ComponentTable component_table() const;

 private:
  friend class SchedulingPass;
  // zone_controller.cpp
  void on_zone_start(core::Context& ctx, ZoneState& z);
  void on_sample(core::Context& ctx, ZoneState& z);
  // batch.cpp
  void on_arrival(core::Context& ctx, ZoneState& z, WorkloadId w);
  void on_job_done(core::Context& ctx, ZoneState& z, TaskId t, std::uint16_t gen);
  void on_overflow_check(core::Context& ctx, ZoneState& z, TaskId t, std::uint16_t gen);
  void on_forwarded_job(core::Context& ctx, ZoneState& z, const core::Event& e);
  void schedule_arrival(core::Context& ctx, ZoneState& z, WorkloadId w);
  void enqueue_job(ZoneState& z, TaskId t);
  void arm_overflow_checks(core::Context& ctx, ZoneState& z);
  void run_pending(core::Context& ctx, ZoneState& z);
  /// Starts a pending job on a host of [range_first, range_end) (kNone: the whole zone),
  /// never on `avoid`; false when no host fits.
  bool start_job(core::Context& ctx, ZoneState& z, TaskId t, HostId range_first = kNone,
                 HostId range_end = kNone, HostId avoid = kNone);
  // replay.cpp: trace workloads and vm demand traces
  void setup_replay();
  void schedule_trace_arrival(core::Context& ctx, ZoneState& z, WorkloadId w);
  void on_trace_arrival(core::Context& ctx, ZoneState& z, WorkloadId w);
  void replay_started(ZoneState& z, const Task& task, Time now);
  void replay_ended(ZoneState& z, const Task& task, Time now);
  void sample_demand(ZoneState& z, Time now);
  void finish_replay(ModelResults& r) const;
  bool job_trace(WorkloadId w) const { return replay_ && !replay_->jobs[w].jobs.empty(); }
  /// What a task takes on its host: its workload's resources, or a trace job's own.
  const scenario::Resources& need_of(const ZoneState& z, const Task& t) const {
    return t.job == kNone ? s_.workloads[t.workload].resources
                          : replay_->jobs[t.workload].jobs[z.replay.jobs[t.workload].jobs[t.job]].need;
  }
  /// The runtime a scheduler believes a pending or running job takes.
  Duration estimate_of(const ZoneState& z, const Task& t) const {
    return t.job == kNone ? t.remaining
                          : replay_->jobs[t.workload].jobs[z.replay.jobs[t.workload].jobs[t.job]].estimate;
  }
  // services.cpp
  void on_reconcile(core::Context& ctx, ZoneState& z, WorkloadId w);
  void record_level(ZoneState& z, WorkloadId w, Time now);
  void count_spread(ZoneState& z, WorkloadId w, HostId h, int delta);
  /// What a new instance of service or vm workload w in this zone asks of placement.
  PlacementRequest replica_request(ServiceZone& sz, WorkloadId w) const;
  HostId place_rack_spread(ZoneState& z, PlacementRequest& req, ServiceZone& sz,
                           std::vector<std::pair<std::uint32_t, RackId>>& full);
  // host availability and its effects on tasks (host_ops.cpp); used by the failure,
  // remediation and upgrade controllers
 public:
  /// Administrative state (Up, Cordoned, Draining, Upgrading, Repairing, Retired), or Down
  /// while any failure holds the host down.
  HostState host_state(HostId h) const { return host_[h].down > 0 ? HostState::Down : host_[h].admin; }
  /// The administrative state alone (what was set with set_admin), failures aside.
  HostState admin_state(HostId h) const { return host_[h].admin; }
  /// Running work is possible: not held down, and not taken out for upgrade, repair or retirement.
  bool in_service(HostId h) const {
    const HostSlot& slot = host_[h];
    return slot.down == 0 &&
           (slot.admin == HostState::Up || slot.admin == HostState::Cordoned || slot.admin == HostState::Draining);
  }
  /// One more failure holds the host down (its own, or of something it depends on).
  void add_down_cause(core::Context& ctx, ZoneState& z, HostId h);
  /// One failure less; when none is left the host serves again.
  void remove_down_cause(core::Context& ctx, ZoneState& z, HostId h);
  /// Changes the administrative state; leaving service stops every task on the host.
  void set_admin(core::Context& ctx, ZoneState& z, HostId h, HostState to);
  /// Stops one task (failure or eviction): replicas are replaced after the reaction
  /// delay, batch jobs go back to the head of the queue (restart or checkpoint).
  void stop_task(core::Context& ctx, ZoneState& z, TaskId t, bool evicted);
  ZoneState& zone_state(ZoneId z) { return zones_[z]; }
  const scenario::Scenario& scenario() const { return s_; }
  std::uint32_t task_count(HostId h) const { return host_[h].task_count; }
  /// Calls f(t) for every task t on host h of zone z, newest first; f may stop or move
  /// t (no other task of h). The tasks are fetched together before the first call.
  template <class F>
  void for_each_task(const ZoneState& z, HostId h, F&& f) const {
    for (const TaskId t : z.host_tasks.of(host_[h])) core::prefetch(&z.tasks[t]);
    for (std::uint32_t i = host_[h].task_count; i > 0;) {
      --i;
      f(z.host_tasks.of(host_[h])[i]);
      i = std::min(i, host_[h].task_count);
    }
  }
  // host versions and live migration (upgrades: migration.cpp)
  /// The version a host runs (0 = the fleet's initial version; names are the upgrade controller's).
  std::uint16_t host_version(HostId h) const { return host_version_[h]; }
  void set_host_version(HostId h, std::uint16_t v) { host_version_[h] = v; }
  /// Live migration: moves running VM task t to another schedulable host of its zone,
  /// keeping it running (no replica is lost); false when no host has room.
  bool relocate_task(core::Context& ctx, ZoneState& z, TaskId t);
  /// Tests: called after every event (run with one thread), e.g. to check invariants.
  std::function<void(const FleetModel&, Time)> observer;

 private:
  void leave_service(core::Context& ctx, ZoneState& z, HostId h);
  void enter_service(core::Context& ctx, ZoneState& z, HostId h);

  // placement and host bookkeeping (fleet_model.cpp)
  HostId place(ZoneState& z, const PlacementRequest& req);
  /// The zone as a placement policy sees it, for one request (its filters: feasible()).
  PlacementView view_of(const ZoneState& z, const PlacementRequest& req) const;
  TaskId new_task(ZoneState& z, WorkloadId w);
  void free_task(ZoneState& z, TaskId t);
  void bind(ZoneState& z, TaskId t, HostId h, Time now);
  void unbind(ZoneState& z, TaskId t, Time now);
  void host_changed(ZoneState& z, HostId h, Time now, double stranded_before);
  double stranded_of(HostId h) const;
  bool schedulable(HostId h) const { return host_[h].down == 0 && host_[h].admin == HostState::Up; }
  // results.cpp
  void finish_services(ModelResults& r, Time end) const;
  void finish_batch(ModelResults& r) const;
  void finish_series(ModelResults& r) const;

  const scenario::Scenario& s_;
  std::shared_ptr<const ReplayInputs> replay_;
  Topology topo_;
  bool record_trace_;
  std::vector<ZoneState> zones_;
  // Dense per-host state; a zone writes only its own hosts.
  std::vector<HostSlot, core::HugePageAllocator<HostSlot>> host_;  // host_index.hpp: free, task list, state
  std::vector<scenario::Resources> type_capacity_;  // per host type
  std::vector<std::uint16_t> host_version_;  // version each host runs
  std::vector<std::uint64_t> rack_epoch_;  // per rack: changes of its hosts' free resources or state
  std::int64_t min_task_memory_ = 0;  // smallest memory request: below it free cpu is stranded
  std::vector<std::int64_t> min_available_;  // per workload (service/vm)
  std::vector<std::int64_t> desired_total_;  // per workload (service/vm)
  std::int64_t samples_ = 0;
  std::uint32_t extra_entities_ = 0;
  std::vector<std::uint32_t> extra_partition_;  // partition of each controller entity
  struct Route {
    std::uint16_t first, last;
    Controller* controller;
  };
  std::vector<std::unique_ptr<Controller>> controllers_;
  std::vector<Route> routes_;
  std::vector<std::string> extra_trace_kinds_;
  std::vector<TraceRecord> control_trace_;
  std::uint32_t control_sub_ = 0;
  std::uint64_t control_key_ = ~0ull;
};

}  // namespace fleetsim::model
