#pragma once
/// The host upgrade orchestrator (spec.operations.upgrades). One orchestrator entity per
/// upgrade lives in the control partition and decides which host starts when (waves from
/// the rollout policy, max_unavailable globally and per zone, maintenance windows, bake,
/// health gates, halt and rollback). Per-host work runs in the host's zone: cordon, drain
/// (honouring disruption budgets), upgrade, verify, uncordon. Commands and reports are
/// messages (control latency between partitions, none inside one). A budget authority in
/// the control partition hands out eviction tokens per service; docs/operations-upgrades.md
/// has the state machines.

#include <cstdint>
#include <deque>
#include <memory>
#include <queue>
#include <string>
#include <vector>

#include "sim/model/fleet_model.hpp"
#include "sim/model/rollout_policy.hpp"

namespace fleetsim::model {

/// Event kinds of the upgrade controller (reserved range 400-499).
enum UpgradeEvent : std::uint16_t {
  kUpStart = 400,         ///< orchestrator; payload = cycle: plan and start a cycle
  kUpHostCommand = 401,   ///< host (message); payload = target | op << 32 | run << 40 | version << 48
  kUpHostReport = 402,    ///< orchestrator (message); payload = target | outcome << 32 | lag (report_lag)
  kUpDrainRetry = 403,    ///< zone agent; blocked drains try again
  kUpDrainTimeout = 404,  ///< host; tag = work generation
  kUpMigrated = 405,      ///< host; tag = work generation: live migrations are done
  kUpInstalled = 406,     ///< host; tag = work generation: the new (or old) version is on
  kUpVerified = 407,      ///< host; tag = work generation
  kUpBadFailure = 408,    ///< host; tag = bad-version generation
  kUpBadRepair = 409,     ///< host; tag = bad-version generation
  kUpBakeEnd = 410,       ///< orchestrator; tag = timer generation
  kUpWindowOpen = 411,    ///< orchestrator; a maintenance window opens
  kUpHealthPoll = 412,    ///< orchestrator; tag = timer generation
  kUpHealthQuery = 413,   ///< zone agent (message); payload = run, tag = query number
  kUpHealthReply = 414,   ///< orchestrator (message); tag = query number
  kUpBudgetRequest = 415, ///< budget authority (message); payload = zone << 48 | w << 32 | n
  kUpBudgetGrant = 416,   ///< zone agent (message); payload = w << 32 | n
  kUpBudgetRelease = 417, ///< budget authority (message); payload = zone << 48 | w << 32 | n
  kUpBudgetRecall = 418,  ///< zone agent (message); payload = w
  kUpReleaseCheck = 419,  ///< zone agent; idle zone gives back tokens
  kUpReportTick = 420,    ///< zone agent: send what the zone batched for the control plane (report_interval)
  kUpLast = 499,
};

/// What a host report says.
enum class HostOutcome : std::uint8_t { Upgraded, VerifyFailed, Reverted, Skipped, Deferred, RolledBack };

/// Orchestrator phases.
enum class UpPhase : std::uint8_t { Idle, Running, Baking, Gating, Paused, Halted, RollingBack, Done };

/// One upgrade of the scenario (its cycles run one after another).
struct UpgradeRun {
  const scenario::Upgrade* spec = nullptr;
  std::uint32_t index = 0;
  core::EntityId entity = 0;  // orchestrator, control partition
  const RolloutFactory* factory = nullptr;
  std::unique_ptr<RolloutPolicy> policy;
  std::vector<RolloutTarget> targets;
  std::vector<std::int64_t> zone_targets;  // targets per zone
  std::int64_t limit = 1;                  // hosts in flight at once
  std::vector<std::int64_t> zone_limit;    // per zone
  std::vector<std::uint16_t> versions;     // version id per cycle
  std::vector<std::uint8_t> bad;           // per cycle: the version is bad
  Duration min_install = 0;                // lower bound of per_host
  // current cycle
  std::uint32_t cycle = 0;
  Time cycle_start = 0;
  UpPhase phase = UpPhase::Idle;
  std::vector<std::vector<std::uint32_t>> waves;
  std::uint32_t wave = 0;
  std::vector<std::deque<std::uint32_t>> queue;  // per zone: targets of the wave to start, in order
  std::vector<std::uint32_t> position;           // per target: place in the wave (dispatch order)
  std::vector<std::uint32_t> deferred;
  std::uint32_t straggler_passes = 0;
  std::int64_t in_flight = 0;
  std::vector<std::int64_t> zone_in_flight;
  std::vector<std::uint8_t> upgraded;  // per target: on this cycle's version
  std::int64_t done = 0, upgraded_count = 0, failed_verifications = 0;
  bool reached_95 = false;
  std::uint16_t timer_gen = 0;  // bake / poll timers
  bool window_armed = false;
  bool poll_armed = false;
  bool paused_after_bake = false;  // a Pause at the end of a bake: the next wave waits
  std::int64_t pending_cycle = -1;  // a cycle due while the previous one still ran
  std::uint32_t order = 0;          // dispatch order of rollback targets
  // health query in progress
  std::uint16_t query = 0;
  std::int64_t replies_missing = 0;
  std::int64_t reply_failures = 0;
  std::vector<std::int64_t> reply_missing;  // per workload
  bool query_end_of_bake = false;
  // results, over all cycles
  std::uint32_t cycles_started = 0, cycles_finished = 0, bad_cycles = 0;
  double duration_max_s = 0, t95_max_s = 0;
  std::vector<Time> unreached_95;  // starts of cycles that ended before 95% of hosts were upgraded
  std::int64_t hosts_upgraded = 0, bad_reach = 0, rolled_back_hosts = 0, skipped = 0, failed_total = 0;
  bool halted = false, rolled_back = false;
  std::uint32_t waves_run = 0;
};

/// Per host: the upgrade work in progress (written only by the host's zone).
struct HostWork {
  std::uint32_t target = 0;   // index into the run's targets
  std::uint16_t gen = 0;      // cancels stale timers
  std::uint16_t bad_gen = 0;  // cancels the bad-version failure process
  std::uint16_t version = 0;  // version being installed
  std::uint16_t prev = 0;     // version before it
  std::uint16_t bad_count = 0;  // failures of the bad version so far (keys their random draws)
  std::uint8_t run = 0;
  std::uint8_t step = 0;      // HostStep
  std::uint8_t op = 0;        // 0 upgrade, 1 rollback
  bool blocked = false;       // its drain waited on a budget (counted once)
  bool reverting = false;     // failed verification: going back to prev
  Time drain_start = 0;
  Time migrate_until = 0;     // live migrations off the host are copying until then
};

enum HostStep : std::uint8_t { kIdle, kDraining, kMigrating, kInstalling, kVerifying };

/// Per zone: drains, budget tokens and counters (written only by the zone).
struct UpgradeZone {
  core::EntityId agent = 0;
  std::vector<HostId> blocked;        // hosts whose drain waits
  std::vector<std::int64_t> allow;    // per workload: eviction tokens held
  std::vector<std::int64_t> out;      // per workload: drained replicas not yet replaced
  std::vector<std::uint8_t> asked;    // per workload: a token request is outstanding
  std::vector<std::uint8_t> recalled; // per workload: the authority wants spare tokens back
  std::vector<std::int64_t> need;     // scratch: replicas a drain pass could not evict
  std::int64_t active = 0;            // hosts of this zone in an upgrade step
  bool retry_armed = false, release_armed = false;
  std::priority_queue<Time, std::vector<Time>, std::greater<>> sendable;  // timers that may send
  std::uint64_t timers = 0;           // pending timers of this controller in the zone
  /// Messages for the control plane waiting for the next report tick (report_interval > 0).
  struct Outgoing {
    core::EntityId target;
    std::uint16_t kind;
    std::uint64_t payload;
    Time at;  // when the zone had it to say
  };
  std::vector<Outgoing> outbox;
  bool tick_armed = false;
  // per run
  std::vector<std::int64_t> blocked_drains, forced, timeouts;
  std::vector<std::vector<std::int64_t>> failures;           // [run][cycle] bad-version failures
  std::vector<std::vector<std::pair<Time, std::int64_t>>> cpu_out;  // [run] milli-cpu out, step function
};

class UpgradeController final : public Controller {
 public:
  /// strategies[i] is the factory of upgrades[i].strategy.
  UpgradeController(FleetModel& model, std::vector<const RolloutFactory*> strategies);
  std::string name() const override { return "upgrades"; }
  void start(core::Simulation& sim) override;
  void handle(core::Context& ctx, const core::Event& e) override;
  Time send_horizon(std::uint32_t partition, Time next) const override;
  void finish(ModelResults& results, Time end) override;

 private:
  // orchestrator (upgrade_orchestrator.cpp), control partition
  void on_start(core::Context& ctx, UpgradeRun& r, std::uint32_t cycle);
  void start_wave(core::Context& ctx, UpgradeRun& r);
  void dispatch(core::Context& ctx, UpgradeRun& r);
  void send_command(core::Context& ctx, UpgradeRun& r, std::uint32_t target, std::uint8_t op);
  void on_report(core::Context& ctx, UpgradeRun& r, const core::Event& e);
  void wave_finished(core::Context& ctx, UpgradeRun& r);
  void judge(core::Context& ctx, UpgradeRun& r, bool end_of_bake);
  void apply(core::Context& ctx, UpgradeRun& r, Verdict v, bool end_of_bake);
  void start_rollback(core::Context& ctx, UpgradeRun& r);
  void finish_cycle(core::Context& ctx, UpgradeRun& r, bool halted);
  void ask_health(core::Context& ctx, UpgradeRun& r, bool end_of_bake);
  void on_health_reply(core::Context& ctx, UpgradeRun& r, const core::Event& e);
  void arm_poll(core::Context& ctx, UpgradeRun& r);
  bool in_window(const UpgradeRun& r, Time t) const;
  Time next_window(const UpgradeRun& r, Time t) const;
  bool needs_health(const UpgradeRun& r) const;
  // hosts (upgrade_host.cpp), zone partitions
  void on_command(core::Context& ctx, const core::Event& e);
  void try_drain(core::Context& ctx, ZoneState& z, HostId h);
  void drained(core::Context& ctx, ZoneState& z, HostId h, Duration migration);
  void install(core::Context& ctx, ZoneState& z, HostId h);
  void on_installed(core::Context& ctx, ZoneState& z, HostId h);
  void on_verified(core::Context& ctx, ZoneState& z, HostId h);
  void on_drain_timeout(core::Context& ctx, ZoneState& z, HostId h);
  void on_bad_failure(core::Context& ctx, ZoneState& z, HostId h, std::uint16_t gen);
  void on_bad_repair(core::Context& ctx, ZoneState& z, HostId h, std::uint16_t gen);
  void report(core::Context& ctx, ZoneState& z, std::uint32_t run, std::uint32_t target, HostOutcome o);
  /// A zone's message for the control plane: sent now, or at the next report tick.
  void to_control(core::Context& ctx, ZoneState& z, core::EntityId target, std::uint16_t kind, std::uint64_t payload);
  void on_report_tick(core::Context& ctx, ZoneState& z);
  /// A batched host report carries how long ago (us) its host's step ended: the low 24
  /// bits in payload bits 40-63, the rest in the tag (up to 2^40 us, over the 1h limit).
  static void set_report_lag(std::uint64_t& payload, std::uint16_t& tag, Duration lag) {
    payload |= (static_cast<std::uint64_t>(lag) & 0xffffffu) << 40;
    tag = static_cast<std::uint16_t>(static_cast<std::uint64_t>(lag) >> 24);
  }
  static Duration report_lag(const core::Event& e) {
    return static_cast<Duration>(e.payload >> 40 | static_cast<std::uint64_t>(e.tag) << 24);
  }
  /// The first report tick after t.
  Time tick_after(Time t) const {
    return t > kTimeMax - report_interval_ ? kTimeMax : (t / report_interval_ + 1) * report_interval_;
  }
  void leave_pipeline(core::Context& ctx, ZoneState& z, HostId h);
  void uncordon(core::Context& ctx, ZoneState& z, HostId h);
  void record_cpu_out(ZoneState& z, std::uint32_t run, Time now, std::int64_t delta);
  void on_health_query(core::Context& ctx, const core::Event& e);
  // budget (drain_budget.cpp)
  bool may_evict(ZoneState& z, WorkloadId w) const;
  void settle(ZoneState& z);
  void ask_tokens(core::Context& ctx, ZoneState& z, WorkloadId w, std::int64_t n);
  void on_retry(core::Context& ctx, ZoneState& z);
  void on_grant(core::Context& ctx, ZoneState& z, const core::Event& e);
  void on_recall(core::Context& ctx, ZoneState& z, const core::Event& e);
  void release_idle(core::Context& ctx, ZoneState& z);
  void honour_recalls(core::Context& ctx, ZoneState& z);
  bool budgeted(WorkloadId w) const { return budget_[w] >= 0; }
  void give_back(core::Context& ctx, ZoneState& z, WorkloadId w, std::int64_t n);
  void on_budget_request(core::Context& ctx, const core::Event& e);
  void on_budget_release(core::Context& ctx, const core::Event& e);
  void grant_waiting(core::Context& ctx, WorkloadId w);
  void arm_retry(core::Context& ctx, ZoneState& z);
  // helpers
  /// Schedules a timer of this controller in a zone; `sends`: its handler may send.
  void zone_timer(core::Context& ctx, ZoneState& z, Duration in, core::EntityId target, std::uint16_t kind,
                  std::uint64_t payload, std::uint16_t tag, bool sends);
  void timer_done(ZoneState& z) { --zones_[z.id].timers; }
  Duration delay_between(std::uint32_t from, std::uint32_t to) const {
    return from == to ? 0 : model_.scenario().control_latency;
  }
  std::uint32_t partition_of_zone(ZoneId z) const { return model_.partition_count() == 1 ? 0 : z; }

  FleetModel& model_;
  std::vector<UpgradeRun> runs_;
  std::vector<UpgradeZone> zones_;
  std::vector<HostWork> work_;
  std::vector<std::int64_t> budget_;  // per workload: max unavailable; -1 = no budget declared
  std::vector<std::int64_t> quantum_; // per workload: tokens granted at least per request
  // budget authority (control partition)
  core::EntityId authority_ = 0;
  std::vector<std::int64_t> granted_;                // per workload
  std::vector<std::vector<std::int64_t>> held_;      // [zone][workload]
  std::vector<std::deque<std::pair<ZoneId, std::int64_t>>> waiting_;  // per workload
  std::vector<std::uint8_t> recalling_;              // per workload
  std::uint64_t control_key_ = 0;  // key of the control-partition event being handled (traces)
  Duration retry_interval_ = 0;
  Duration report_interval_ = 0;  // spec.operations.report_interval
  Duration min_gap_ = 0;  // least delay from a zone event to a timer that may send
  std::uint16_t trace_host_start_ = 0, trace_host_end_ = 0, trace_blocked_ = 0, trace_migrated_ = 0;
  std::uint16_t trace_start_ = 0, trace_wave_ = 0, trace_end_ = 0, trace_halt_ = 0;
};

}  // namespace fleetsim::model
