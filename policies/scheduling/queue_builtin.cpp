/// Registration of the queue disciplines, and fcfs.

#include "policies/scheduling/queue_api.hpp"

namespace fleetsim::policies {

namespace {

/// Priority classes in order, FIFO inside; stops at the first job that does not start.
class Fcfs final : public model::QueueDiscipline {
 public:
  std::string_view name() const override { return "fcfs"; }
  void schedule(model::SchedulingPass& pass) override {
    for (auto& [priority, queue] : pass.queues()) {
      while (!queue.empty()) {
        const model::TaskId t = queue.front();
        if (pass.is_pending(t) && !pass.start(t)) return;  // the head blocks everything
        queue.pop_front();
      }
    }
  }
};

class FcfsFactory final : public model::QueueDisciplineFactory {
 public:
  std::unique_ptr<model::QueueDiscipline> make() const override { return std::make_unique<Fcfs>(); }
};

}  // namespace

std::unique_ptr<model::QueueDisciplineFactory> make_fcfs_discipline() {
  return std::make_unique<FcfsFactory>();
}

void register_builtin_queue(QueueRegistry& r) {
  r.add({"",
         "greedy",
         "priority classes in order, FIFO inside; a job that does not fit lets later jobs of its class "
         "try, until max_failures did not fit (no reservation: big jobs may starve)",
         {{"max_failures", ParamType::Integer, "jobs", "8",
           "jobs of a class that may fail to fit before the pass stops", {}}}},
        [](const Params& p) { return model::make_greedy_discipline(p.integer("max_failures")); });
  r.add({"", "fcfs", "strict first come, first served (priority classes in order): the head job blocks the queue", {}},
        [](const Params&) { return make_fcfs_discipline(); });
  r.add({"",
         "easy",
         "EASY backfilling: the head job reserves the earliest time it fits (from running jobs' runtime "
         "estimates); later jobs start if they fit and end before it or leave the reserved resources free",
         {}},
        [](const Params&) { return make_easy_discipline(); });
}

}  // namespace fleetsim::policies
