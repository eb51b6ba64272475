#pragma once
/// The queue-discipline interface between the model and policies/scheduling: which pending
/// batch or trace job of a zone starts next. After every event that queued a job or freed
/// capacity, the model runs one scheduling pass per zone; the zone's discipline looks at
/// the pending queue (priority classes, FIFO inside each) and starts jobs through the pass.
/// Placement (which host) stays the placement policy's; a discipline only decides the
/// order, what may pass a blocked job, and may keep one host out of a placement (a
/// reservation, as EASY backfilling needs).
///
/// The model's own default is `greedy` (make_greedy_discipline); policies/scheduling
/// registers it by name next to fcfs and easy.

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string_view>
#include <vector>

#include "sim/core/simulation.hpp"
#include "sim/model/ids.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleetsim::model {

class FleetModel;
struct ZoneState;

/// Pending jobs of a zone: priority classes, highest priority first, FIFO inside a class
/// (a job stopped by a failure goes back to the front of its class).
using PendingQueues = std::map<std::int64_t, std::deque<TaskId>, std::greater<>>;

/// A running batch or trace job, as the reservation logic of a discipline sees it.
struct RunningJob {
  HostId host = kNone;
  Time expected_end = 0;  ///< start + runtime estimate, never before now (an overdue job ends "now")
  scenario::Resources need;
};

/// One scheduling pass over one zone: what a discipline may look at and do. Valid only
/// inside QueueDiscipline::schedule.
class SchedulingPass {
 public:
  SchedulingPass(FleetModel& model, core::Context& ctx, ZoneState& zone) : m_(model), ctx_(ctx), z_(zone) {}

  Time now() const { return ctx_.now(); }
  /// The zone's pending queue. Entries of tasks that are no longer pending (started from
  /// the middle earlier, forwarded) are stale: skip them, or remove them with drop_stale.
  PendingQueues& queues();
  /// Pending jobs in the zone (stale entries excluded).
  std::uint64_t pending_count() const;
  bool is_pending(TaskId t) const;
  /// What the job needs on one host.
  const scenario::Resources& need(TaskId t) const;
  /// The runtime the scheduler believes: a trace job's estimate (SWF requested time), a
  /// synthetic batch job's remaining work (schedulers of synthetic jobs know it exactly).
  Duration estimate(TaskId t) const;
  /// False when no host of the zone accepts work at all (nothing can start).
  bool any_schedulable() const;
  /// A quick necessary condition for `need` to fit on some schedulable host now.
  bool may_fit(const scenario::Resources& need) const;

  /// Places the job through the placement policy and starts it; false when no host fits.
  bool start(TaskId t);
  /// Same, never on host `avoid` (kNone: no restriction).
  bool start_avoiding(TaskId t, HostId avoid);
  /// Same, only on host `host`.
  bool start_on(TaskId t, HostId host);

  /// The zone's hosts are [first_host(), end_host()).
  HostId first_host() const;
  HostId end_host() const;
  /// Free resources of a host of the zone, and whether it accepts new work.
  const scenario::Resources& free(HostId h) const;
  bool schedulable(HostId h) const;
  /// Appends the running batch and trace jobs of the zone (any order) to out.
  void running_jobs(std::vector<RunningJob>& out) const;
  /// Removes stale entries from every class, keeping the order of the others.
  void drop_stale();

 private:
  FleetModel& m_;
  core::Context& ctx_;
  ZoneState& z_;
};

/// A queue discipline. One instance per zone, so it may keep per-zone state and scratch
/// buffers (a pass must not allocate in steady state).
class QueueDiscipline {
 public:
  virtual ~QueueDiscipline() = default;
  virtual std::string_view name() const = 0;
  /// Starts what may start now.
  virtual void schedule(SchedulingPass& pass) = 0;
};

/// Makes one discipline instance per zone.
class QueueDisciplineFactory {
 public:
  virtual ~QueueDisciplineFactory() = default;
  virtual std::unique_ptr<QueueDiscipline> make() const = 0;
};

/// The model's default: priority classes in order, FIFO inside; within a class a job that
/// does not fit lets later ones try, until `max_failures` jobs of the class failed to fit;
/// then lower classes wait too. Cheap when the zone is full, and small jobs pass big ones
/// (so big jobs may starve: no reservation).
std::unique_ptr<QueueDisciplineFactory> make_greedy_discipline(std::int64_t max_failures = 8);

}  // namespace fleetsim::model
