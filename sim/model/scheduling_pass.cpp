/// The scheduling pass (what a queue discipline sees of a zone) and the model's default
/// discipline, greedy.

#include <algorithm>

#include "sim/model/fleet_model.hpp"

namespace fleetsim::model {

PendingQueues& SchedulingPass::queues() { return z_.pending; }

std::uint64_t SchedulingPass::pending_count() const { return z_.pending_count; }

bool SchedulingPass::is_pending(TaskId t) const { return z_.tasks[t].state == TaskState::Pending; }

const scenario::Resources& SchedulingPass::need(TaskId t) const { return m_.need_of(z_, z_.tasks[t]); }

Duration SchedulingPass::estimate(TaskId t) const { return m_.estimate_of(z_, z_.tasks[t]); }

bool SchedulingPass::any_schedulable() const { return z_.index.top_bucket() >= 0; }

bool SchedulingPass::may_fit(const scenario::Resources& need) const {
  return z_.index.top_bucket() >= 0 && need.v[scenario::kCpu] <= z_.index.max_free_cpu() &&
         need.v[scenario::kMemory] <= z_.index.max_free_memory();
}

bool SchedulingPass::start(TaskId t) { return m_.start_job(ctx_, z_, t); }

bool SchedulingPass::start_avoiding(TaskId t, HostId avoid) {
  return m_.start_job(ctx_, z_, t, kNone, kNone, avoid);
}

bool SchedulingPass::start_on(TaskId t, HostId host) {
  if (!m_.schedulable(host)) return false;
  return m_.start_job(ctx_, z_, t, host, host + 1);
}

HostId SchedulingPass::first_host() const { return m_.topo_.zones()[z_.id].first_host; }

HostId SchedulingPass::end_host() const { return m_.topo_.zones()[z_.id].end_host; }

const scenario::Resources& SchedulingPass::free(HostId h) const { return m_.host_[h].free; }

bool SchedulingPass::schedulable(HostId h) const { return m_.schedulable(h); }

void SchedulingPass::running_jobs(std::vector<RunningJob>& out) const {
  const Time now = ctx_.now();
  for (HostId h = first_host(); h < end_host(); ++h) {
    m_.for_each_task(z_, h, [&](TaskId t) {
      const Task& task = z_.tasks[t];
      const auto kind = m_.s_.workloads[task.workload].kind;
      if (kind != scenario::WorkloadKind::Batch && task.job == kNone) return;  // replicas never end
      out.push_back({h, std::max(now, task.start + m_.estimate_of(z_, task)), m_.need_of(z_, task)});
    });
  }
}

void SchedulingPass::drop_stale() {
  for (auto& [priority, queue] : z_.pending) {
    std::erase_if(queue, [&](TaskId t) { return z_.tasks[t].state != TaskState::Pending; });
  }
}

namespace {

/// Priority classes in order, FIFO inside; a job that does not fit lets later jobs of its
/// class try until max_failures of them failed; then lower classes wait too.
class Greedy final : public QueueDiscipline {
 public:
  explicit Greedy(std::int64_t max_failures) : max_failures_(max_failures) {}
  std::string_view name() const override { return "greedy"; }

  void schedule(SchedulingPass& pass) override {
    for (auto& [priority, queue] : pass.queues()) {
      std::int64_t failures = 0;
      std::size_t i = 0;
      while (i < queue.size() && failures < max_failures_) {
        const TaskId t = queue[i];
        if (!pass.is_pending(t)) {  // started or forwarded earlier: drop
          if (i == 0) queue.pop_front(); else ++i;
          continue;
        }
        if (!pass.any_schedulable()) return;
        if (pass.start(t)) {
          if (i == 0) queue.pop_front(); else ++i;
        } else {
          ++failures;
          ++i;
        }
      }
      if (failures >= max_failures_) return;  // lower priorities wait behind a blocked one
    }
  }

 private:
  std::int64_t max_failures_;
};

class GreedyFactory final : public QueueDisciplineFactory {
 public:
  explicit GreedyFactory(std::int64_t max_failures) : max_failures_(max_failures) {}
  std::unique_ptr<QueueDiscipline> make() const override { return std::make_unique<Greedy>(max_failures_); }

 private:
  std::int64_t max_failures_;
};

}  // namespace

std::unique_ptr<QueueDisciplineFactory> make_greedy_discipline(std::int64_t max_failures) {
  return std::make_unique<GreedyFactory>(std::max<std::int64_t>(1, max_failures));
}

}  // namespace fleetsim::model
