/// EASY backfilling over the hosts of one zone.
///
/// A pass walks the queue in order (priority classes, FIFO inside). Jobs start while they
/// fit. The first job that does not fit (the head) gets one reservation: the earliest
/// time S at which some schedulable host H will have room for it, found by releasing the
/// running jobs in order of their estimated ends (start + estimate; an overdue job is
/// expected to end now) onto their hosts; `extra` is what H will have beyond the head's
/// need at S. Every later job that fits now may start when
///   - it ends by its estimate no later than S (anywhere), or
///   - it is placed on a host other than H, or
///   - it fits in `extra` on H (which it then uses up).
/// None of these can delay the head's start beyond S, given the estimates. With a single
/// host in the zone (the pool model of an SWF machine) this is exactly EASY as in Mu'alem
/// & Feitelson (2001); with several hosts the reservation is per host, so the guarantee
/// holds and backfilling is exact per host. When no host can ever hold the head (its
/// hosts are down), there is no reservation and every job that fits may start.

#include <algorithm>

#include "policies/scheduling/queue_api.hpp"

namespace fleetsim::policies {

namespace {

using model::HostId;
using model::kNone;
using model::RunningJob;
using model::TaskId;
using scenario::Resources;

class Easy final : public model::QueueDiscipline {
 public:
  std::string_view name() const override { return "easy"; }

  void schedule(model::SchedulingPass& pass) override {
    if (pass.pending_count() == 0) return;
    bool blocked = false, middle = false;
    for (auto& [priority, queue] : pass.queues()) {
      for (std::size_t i = 0; i < queue.size();) {
        const TaskId t = queue[i];
        if (!pass.is_pending(t)) {
          if (!blocked) queue.pop_front(); else ++i;
          continue;
        }
        if (!blocked) {
          if (pass.start(t)) {
            queue.pop_front();
            continue;
          }
          blocked = true;
          reserve(pass, pass.need(t));
          ++i;
          continue;
        }
        ++i;
        if (!pass.any_schedulable()) break;
        if (backfill(pass, t)) middle = true;
      }
    }
    if (middle) pass.drop_stale();
  }

 private:
  /// Finds the head's reservation (shadow_, host_, extra_).
  void reserve(model::SchedulingPass& pass, const Resources& need) {
    shadow_ = kTimeMax;
    host_ = kNone;
    running_.clear();
    pass.running_jobs(running_);
    // Releases in order of expected end, taken from a min-heap: O(R + k log R) for the k
    // releases the head needs, and no allocation (the scratch vector is reused).
    const auto later = [](const RunningJob& a, const RunningJob& b) {
      return a.expected_end != b.expected_end ? a.expected_end > b.expected_end : a.host > b.host;
    };
    std::make_heap(running_.begin(), running_.end(), later);
    const HostId first = pass.first_host();
    avail_.resize(pass.end_host() - first);
    seen_.assign(avail_.size(), 0);
    auto room = [&](HostId h) -> Resources& {
      if (!seen_[h - first]) {
        seen_[h - first] = 1;
        avail_[h - first] = pass.free(h);
      }
      return avail_[h - first];
    };
    auto end = running_.end();
    while (end != running_.begin()) {
      std::pop_heap(running_.begin(), end, later);
      const RunningJob r = *--end;
      if (!pass.schedulable(r.host)) continue;  // releases on a host out of service do not help
      room(r.host) += r.need;
      if (!need.fits_in(room(r.host))) continue;
      shadow_ = r.expected_end;
      host_ = r.host;
      // Jobs on the same host ending at the same instant free their resources too.
      while (end != running_.begin() && running_.front().expected_end == shadow_) {
        std::pop_heap(running_.begin(), end, later);
        --end;
        if (end->host == host_) room(host_) += end->need;
      }
      extra_ = room(host_);
      extra_ -= need;
      return;
    }
  }

  /// Starts t now if that cannot delay the reservation.
  bool backfill(model::SchedulingPass& pass, TaskId t) {
    const Resources& need = pass.need(t);
    if (!pass.may_fit(need)) return false;
    if (host_ == kNone || pass.now() + pass.estimate(t) <= shadow_) return pass.start(t);
    const bool alone = pass.end_host() - pass.first_host() == 1;
    if (!alone && pass.start_avoiding(t, host_)) return true;
    if (!need.fits_in(extra_) || !pass.start_on(t, host_)) return false;
    extra_ -= need;
    return true;
  }

  Time shadow_ = kTimeMax;
  HostId host_ = kNone;
  Resources extra_;
  std::vector<RunningJob> running_;  // scratch, reused by every pass
  std::vector<Resources> avail_;
  std::vector<std::uint8_t> seen_;
};

class EasyFactory final : public model::QueueDisciplineFactory {
 public:
  std::unique_ptr<model::QueueDiscipline> make() const override { return std::make_unique<Easy>(); }
};

}  // namespace

std::unique_ptr<model::QueueDisciplineFactory> make_easy_discipline() {
  return std::make_unique<EasyFactory>();
}

}  // namespace fleetsim::policies
