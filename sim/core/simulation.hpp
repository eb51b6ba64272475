#pragma once
/// The discrete-event engine: one Simulation object owns the partitions, their event
/// queues and outboxes, the per-entity sequence counters and the thread arena. There
/// are no globals; any number of simulations may live (and run) in one process.
///
/// Parallelism is conservative and bulk-synchronous (YAWNS-style windows):
///   t     = earliest pending event over all partitions (including messages in flight)
///   bound = min(t + lookahead, end)
///   every partition, in parallel, first takes the messages addressed to it in the
///   previous window (in source-partition order), then handles its events with
///   time < bound. An event sent to another partition must be at least `lookahead`
///   in the future, so nothing a partition receives can fall inside a window it has
///   already run. Event order is (time, key) with keys made from the origin entity and
///   its own sequence counter, so results do not depend on partition or thread count.
/// With one partition the loop is a plain sequential DES with no window overhead.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>
#include <tbb/task_arena.h>

#include "sim/core/event.hpp"
#include "sim/core/event_queue.hpp"
#include "sim/core/time.hpp"
#include "sim/core/tsan.hpp"

namespace fleetsim::core {

/// A broken engine invariant caused by the model (a bug, not bad input): an event in
/// the past, a cross-partition message below the lookahead, an unknown entity.
class SimulationError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

struct SimulationConfig {
  std::uint32_t entities = 0;    ///< entity ids are 0..entities-1
  std::uint32_t partitions = 1;  ///< units of parallelism; >= 1
  Duration lookahead = 0;        ///< minimum cross-partition delay, > 0 when partitions > 1
  Time end = kTimeMax;           ///< events at time >= end are not handled
  unsigned threads = 1;          ///< worker threads for windows; >= 1
  /// A window runs inline (no parallel_for) when it is expected to handle fewer events
  /// (the window's span times the event rate of recent windows, plus the messages it
  /// delivers), or when at most one partition has work in it.
  std::uint64_t inline_below = 64;
};

/// Events handled and nanoseconds spent in their handlers, for one event kind (builds with
/// FLEETSIM_EVENT_PROFILE only).
struct KindCost {
  std::uint64_t events = 0;
  std::uint64_t ns = 0;
};

/// Synchronisation windows of one kind (run inline, or in parallel), for the measuring
/// build: how many, their events, their wall time and the time partitions spent running
/// in them (busy / (threads x wall) is the parallel loop's efficiency).
struct WindowCost {
  std::uint64_t windows = 0;
  std::uint64_t events = 0;
  std::uint64_t ns = 0;
  std::uint64_t busy_ns = 0;
  /// The busiest thread's time, summed over windows: wall - critical is the loop's own
  /// cost (waking threads, the barrier); critical - busy / threads is imbalance.
  std::uint64_t critical_ns = 0;
  /// The least any assignment of partitions to threads could have made critical_ns: per
  /// window, the larger of the busiest partition and busy / threads (critical - floor is
  /// what better scheduling could still win; floor - busy / threads, what it cannot).
  std::uint64_t floor_ns = 0;
};

struct RunStats {
  std::uint64_t events = 0;    ///< events handled
  std::uint64_t messages = 0;  ///< events that crossed partitions
  std::uint64_t windows = 0;   ///< synchronisation rounds (0 with one partition)
  Time last_time = 0;          ///< time of the last handled event
};

template <class Queue>
class BasicSimulation;

/// What a handler sees while it handles one event: the clock, the entity it runs as,
/// and the means to schedule events. One context per partition.
template <class Queue>
class BasicContext {
 public:
  Time now() const { return now_; }
  EntityId self() const { return self_; }
  std::uint32_t partition() const { return partition_; }
  Duration lookahead() const { return sim_->config_.lookahead; }

  /// Schedules an event at absolute time `at` (>= now) for `target`. Across partitions
  /// `at` must be at least now + lookahead.
  void schedule(Time at, EntityId target, EventKind kind, std::uint64_t payload = 0,
                std::uint16_t tag = 0) {
    if (at < now_) [[unlikely]] sim_->fail_past(now_, at, self_, target);
    const Event e{at, make_key(self_, sim_->seq_[self_]++), target, kind, tag, payload};
    const std::uint32_t dest = sim_->partition_of(target);
    if (dest == partition_) {
      auto& q = sim_->parts_[partition_].queue;
      if (top_handled_) {  // the event being handled still sits at the top: replace it
        q.replace_top(e);
        top_handled_ = false;
      } else {
        q.push(e);
      }
    } else {
      if (at - now_ < sim_->config_.lookahead) [[unlikely]] {
        sim_->fail_lookahead(now_, at, self_, target);
      }
      auto& part = sim_->parts_[partition_];
      if (now_ < part.horizon) [[unlikely]] sim_->fail_horizon(now_, part.horizon, self_, target);
      part.outbox[part.parity][dest].push_back(e);
      part.sent_min[dest] = std::min(part.sent_min[dest], at);
      part.sent = true;
      ++part.messages;
    }
  }
  void schedule_in(Duration d, EntityId target, EventKind kind, std::uint64_t payload = 0,
                   std::uint16_t tag = 0) {
    schedule(now_ + d, target, kind, payload, tag);
  }

 private:
  friend class BasicSimulation<Queue>;
  BasicSimulation<Queue>* sim_ = nullptr;
  std::uint32_t partition_ = 0;
  Time now_ = 0;
  EntityId self_ = 0;
  bool top_handled_ = false;  // the handled event is still the queue top (lazy pop)
};

template <class Queue>
class BasicSimulation {
 public:
  using Context = BasicContext<Queue>;

  /// `partition_of[e]` names the partition of entity e; empty means all in partition 0.
  explicit BasicSimulation(SimulationConfig config, std::vector<std::uint32_t> partition_of = {})
      : config_(config), partition_of_(std::move(partition_of)) {
    if (config_.partitions == 0) throw std::invalid_argument("partitions must be >= 1");
    if (config_.threads == 0) throw std::invalid_argument("threads must be >= 1");
    if (config_.partitions > 1 && config_.lookahead <= 0) {
      throw std::invalid_argument(
          "a lookahead > 0 is required with more than one partition (a zero-latency "
          "cross-partition link would make conservative windows impossible)");
    }
    if (!partition_of_.empty() && partition_of_.size() != config_.entities) {
      throw std::invalid_argument("partition map size differs from the entity count");
    }
    for (std::uint32_t p : partition_of_) {
      if (p >= config_.partitions) throw std::invalid_argument("partition map names a partition out of range");
    }
    if (partition_of_.empty() && config_.partitions > 1) {
      throw std::invalid_argument("a partition map is required with more than one partition");
    }
    seq_.assign(config_.entities, 0);
    parts_.resize(config_.partitions);
    for (auto& p : parts_) {
      for (auto& ob : p.outbox) ob.resize(config_.partitions);
      p.sent_min.assign(config_.partitions, kTimeMax);
    }
    if (config_.threads > 1 && config_.partitions > 1) {
      // More threads than the machine has buys nothing: cap at its concurrency.
      const int threads = std::min(static_cast<int>(config_.threads), tbb::info::default_concurrency());
      if (threads > 1) {
        arena_ = std::make_unique<tbb::task_arena>(threads);
        workers_ = static_cast<std::uint32_t>(threads);
#ifdef FLEETSIM_EVENT_PROFILE
        worker_ns_.assign(workers_, 0);
#endif
      }
    }
  }

  const SimulationConfig& config() const { return config_; }

  std::uint32_t partition_of(EntityId e) const {
    return partition_of_.empty() ? 0 : partition_of_[e];
  }

  /// Schedules an initial event before run(); its origin is the target itself.
  void schedule(Time at, EntityId target, EventKind kind, std::uint64_t payload = 0,
                std::uint16_t tag = 0) {
    if (target >= config_.entities) throw SimulationError("initial event for unknown entity");
    if (at < 0) throw SimulationError("initial event before time 0");
    parts_[partition_of(target)].queue.push(
        Event{at, make_key(target, seq_[target]++), target, kind, tag, payload});
  }

  /// Reserves queue storage for about `events` pending events in all, shared among
  /// partitions by their entity counts; avoids growth copies when the model knows its
  /// population (PHOLD's is constant).
  void reserve(std::size_t events) {
    std::vector<std::size_t> share(parts_.size(), 0);
    for (EntityId e = 0; e < config_.entities; ++e) ++share[partition_of(e)];
    for (std::size_t p = 0; p < parts_.size(); ++p) {
      const double frac = config_.entities ? static_cast<double>(share[p]) / config_.entities : 0;
      parts_[p].queue.reserve(static_cast<std::size_t>(static_cast<double>(events) * frac * 1.05) + 16);
    }
  }

  /// Called between windows (and every 65536 events in sequential mode) with the
  /// current simulated time; meant for progress bars. Runs on the calling thread.
  void on_progress(std::function<void(Time)> f) { progress_ = std::move(f); }

#ifdef FLEETSIM_EVENT_PROFILE
  /// Per event kind, over all partitions: events handled and time in their handlers.
  std::vector<KindCost> event_profile() const {
    std::vector<KindCost> all;
    for (const auto& p : parts_) {
      if (all.size() < p.profile.size()) all.resize(p.profile.size());
      for (std::size_t k = 0; k < p.profile.size(); ++k) {
        all[k].events += p.profile[k].events;
        all[k].ns += p.profile[k].ns;
      }
    }
    return all;
  }
  /// Windows run inline [0] and in parallel [1].
  const WindowCost* window_profile() const { return window_cost_; }
#endif

  /// Pending events over all partitions, including messages in flight.
  std::size_t pending() const {
    std::size_t n = 0;
    for (const auto& p : parts_) {
      n += p.queue.size();
      for (const auto& ob : p.outbox) {
        for (const auto& v : ob) n += v.size();
      }
    }
    return n;
  }

  /// Runs until no event is left before config().end. Handler must provide
  /// `void handle(Context&, const Event&)`; it may touch only the state of the target
  /// entity and of its own partition.
  template <class Handler>
  RunStats run(Handler& handler) {
    return config_.partitions == 1 ? run_sequential(handler) : run_windows(handler);
  }

 private:
  friend class BasicContext<Queue>;

  struct alignas(64) Partition {
    Queue queue;
    // outbox[parity][dest]: messages sent in the current window go to outbox[parity];
    // the previous window's messages (outbox[parity ^ 1]) are read by their receivers.
    std::vector<std::vector<Event>> outbox[2];
    std::vector<Time> sent_min;  // per destination: earliest message sent this window
    bool sent = false;           // sent_min holds a message (a cross-partition send this window)
    bool mail = false;           // the previous window sent it messages, still to be taken
    bool stale = true;           // it ran since send_h was computed
    Time send_h = 0;             // its send horizon, ignoring mail
    unsigned parity = 0;
    Time horizon = 0;            // no message may be sent by an event earlier than this
    Time next = kTimeMax;        // earliest local event after the window
    std::uint64_t events = 0;
    std::uint64_t messages = 0;
    std::uint64_t last_n = 0;    // events it handled the last time it ran: its weight
    Time last_time = 0;
#ifdef FLEETSIM_EVENT_PROFILE
    std::vector<KindCost> profile;  // by event kind; written only by the thread running the partition
    std::uint64_t busy_ns = 0;      // time in run_partition in the current window
#endif
  };

  [[noreturn]] void fail_past(Time now, Time at, EntityId self, EntityId target) const {
    throw SimulationError("entity " + std::to_string(self) + " at t=" + std::to_string(now) +
                          "us scheduled an event for entity " + std::to_string(target) +
                          " in the past (t=" + std::to_string(at) + "us)");
  }
  [[noreturn]] void fail_lookahead(Time now, Time at, EntityId self, EntityId target) const {
    throw SimulationError("entity " + std::to_string(self) + " at t=" + std::to_string(now) +
                          "us sent entity " + std::to_string(target) +
                          " (another partition) a message with delay " +
                          std::to_string(at - now) + "us, below the lookahead of " +
                          std::to_string(config_.lookahead) + "us");
  }

  [[noreturn]] void fail_horizon(Time now, Time horizon, EntityId self, EntityId target) const {
    throw SimulationError("entity " + std::to_string(self) + " at t=" + std::to_string(now) +
                          "us sent entity " + std::to_string(target) +
                          " a message although its partition declared no sends before t=" +
                          std::to_string(horizon) + "us (the model's send_horizon is wrong)");
  }

  template <class Handler>
  void handle(Handler& handler, [[maybe_unused]] Partition& part, Context& ctx, const Event& e) {
#ifdef FLEETSIM_EVENT_PROFILE
    const auto t0 = std::chrono::steady_clock::now();
    handler.handle(ctx, e);
    if (part.profile.size() <= e.kind) part.profile.resize(e.kind + 1u);
    ++part.profile[e.kind].events;
    part.profile[e.kind].ns += static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count());
#else
    handler.handle(ctx, e);
#endif
  }

  template <class Handler>
  RunStats run_sequential(Handler& handler) {
    Partition& part = parts_[0];
    Context ctx;
    ctx.sim_ = this;
    ctx.partition_ = 0;
    std::uint64_t n = 0;
    const Time end = config_.end;
    while (!part.queue.empty()) {
      const Event e = part.queue.top();
      if (e.time >= end) break;
      ctx.now_ = e.time;
      ctx.self_ = e.target;
      ctx.top_handled_ = true;
      handle(handler, part, ctx, e);
      if (ctx.top_handled_) part.queue.pop();
      ++n;
      if ((n & 0xffff) == 0 && progress_) progress_(e.time);
    }
    RunStats s;
    s.events = n;
    s.last_time = ctx.now_;
    return s;
  }

  template <class Handler>
  void run_partition(Handler& handler, std::uint32_t p, Time bound) {
    Partition& part = parts_[p];
    // Most windows of a partition bring no mail, and many (short windows cut by messages
    // elsewhere) no event either: then there is nothing to do.
    if (!part.mail && part.next >= bound) return;
#ifdef FLEETSIM_EVENT_PROFILE
    const auto b0 = std::chrono::steady_clock::now();
#endif
    part.stale = true;
    if (part.mail) {  // take the previous window's messages, in source-partition order
      for (auto& src : parts_) {
        auto& in = src.outbox[src.parity ^ 1][p];
        for (const Event& e : in) part.queue.push(e);
        in.clear();
      }
      part.mail = false;
    }
    Context ctx;
    ctx.sim_ = this;
    ctx.partition_ = p;
    ctx.now_ = part.last_time;
    std::uint64_t n = 0;
    while (!part.queue.empty()) {
      const Event e = part.queue.top();
      if (e.time >= bound) break;
      ctx.now_ = e.time;
      ctx.self_ = e.target;
      ctx.top_handled_ = true;
      // A model may start fetching what the next event will touch while this one runs.
      if constexpr (requires { handler.prefetch(p, e); part.queue.second(); }) {
        if (const Event* next = part.queue.second()) handler.prefetch(p, *next);
      }
      handle(handler, part, ctx, e);
      if (ctx.top_handled_) part.queue.pop();
      ++n;
    }
    part.events += n;
    part.last_n = n;
    part.last_time = ctx.now_;
    part.next = part.queue.empty() ? kTimeMax : part.queue.top().time;
#ifdef FLEETSIM_EVENT_PROFILE
    part.busy_ns += static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - b0).count());
#endif
  }

  /// Earliest time each partition may send a message: the model's send_horizon when it
  /// offers one (a promise checked at every send), else its next event; never later
  /// than a message on its way to it (that message's handler might send).
  template <class Handler>
  void compute_horizons(Handler& handler, std::vector<Time>& inflight) {
    const auto P = static_cast<std::uint32_t>(parts_.size());
    inflight.assign(P, kTimeMax);
    for (auto& src : parts_) {
      if (!src.sent) continue;
      for (std::uint32_t q = 0; q < P; ++q) {
        inflight[q] = std::min(inflight[q], src.sent_min[q]);
        src.sent_min[q] = kTimeMax;
      }
      src.sent = false;
    }
    for (std::uint32_t p = 0; p < P; ++p) {
      Partition& part = parts_[p];
      part.mail = inflight[p] < kTimeMax;
      // A partition that neither ran nor has mail is where it was: its next event and
      // its state, so the model's answer, are unchanged.
      if (part.stale || part.mail) {
        const Time next = std::min(part.next, inflight[p]);
        part.send_h = next;
        if constexpr (requires { handler.send_horizon(p, next); }) {
          part.send_h = std::max(next, handler.send_horizon(p, next));
        }
        part.stale = false;
      }
      part.horizon = std::min(part.send_h, inflight[p]);
    }
  }

  template <class Handler>
  RunStats run_windows(Handler& handler) {
    const auto P = static_cast<std::uint32_t>(parts_.size());
    for (auto& part : parts_) {
      part.next = part.queue.empty() ? kTimeMax : part.queue.top().time;
      part.stale = true;
      for (std::uint32_t q = 0; q < P; ++q) {  // messages already in flight
        for (const Event& e : part.outbox[part.parity][q]) {
          part.sent_min[q] = std::min(part.sent_min[q], e.time);
          part.sent = true;
        }
      }
    }
    std::vector<Time> inflight;
    RunStats s;
    // Events per simulated microsecond, averaged over recent windows; a negative value
    // means no window has run yet (the first one runs in parallel).
    double rate = -1;
    std::uint64_t mail = 0, sent_before = 0;  // messages sent in the last window, before it
    for (;;) {
      compute_horizons(handler, inflight);
      Time t = kTimeMax, horizon = kTimeMax;
      for (std::uint32_t p = 0; p < P; ++p) {
        t = std::min({t, parts_[p].next, inflight[p]});
        horizon = std::min(horizon, parts_[p].horizon);
      }
      if (t >= config_.end) break;
      const Time bound = horizon > config_.end - config_.lookahead ? config_.end : horizon + config_.lookahead;
      for (auto& part : parts_) part.parity ^= 1;  // last window's sends become readable
      std::uint64_t before_events = 0;
      for (const auto& part : parts_) before_events += part.events;
#ifdef FLEETSIM_EVENT_PROFILE
      const auto w0 = std::chrono::steady_clock::now();
      bool parallel = false;
#endif
      // A thin window runs inline: a parallel_for costs microseconds, more than a handful
      // of events, and buys nothing when at most one partition has work. Thin and thick
      // windows alternate when a message cuts a window short, so the guess scales the
      // recent event rate to this window's span (the event count of the previous window
      // alone would run every window after a thin one inline) and adds the messages it
      // delivers: a burst of commands lands in a window the rate calls thin.
      const double span = static_cast<double>(bound - t);
      std::uint32_t active = 0;  // partitions with mail or an event in the window
      for (const auto& part : parts_) active += (part.mail || part.next < bound) ? 1u : 0u;
      const double expected = rate * span + static_cast<double>(mail);
      if (arena_ && active >= 2 && (rate < 0 || expected >= static_cast<double>(config_.inline_below))) {
#ifdef FLEETSIM_EVENT_PROFILE
        parallel = true;
#endif
        // The partitions with work, heaviest first (by their events in the last window they
        // ran), taken one at a time by whichever thread is free (list scheduling): the
        // threads finish close together however the work falls on partitions. Which thread
        // runs a partition changes nothing in it (partitions share nothing in a window).
        order_.clear();
        for (std::uint32_t p = 0; p < P; ++p) {
          if (parts_[p].mail || parts_[p].next < bound) order_.push_back(p);
        }
        std::stable_sort(order_.begin(), order_.end(),
                         [&](std::uint32_t a, std::uint32_t b) { return parts_[a].last_n > parts_[b].last_n; });
        taken_.value.store(0, std::memory_order_relaxed);
        const auto count = static_cast<std::uint32_t>(order_.size());
        const auto body = [&]([[maybe_unused]] std::uint32_t worker) {
          tsan_acquire(&tsan_loop_start);  // tsan.hpp: the loop's edges, for ThreadSanitizer
#ifdef FLEETSIM_EVENT_PROFILE
          const auto b0 = std::chrono::steady_clock::now();
#endif
          for (std::uint32_t i; (i = taken_.value.fetch_add(1, std::memory_order_relaxed)) < count;) {
            run_partition(handler, order_[i], bound);
          }
#ifdef FLEETSIM_EVENT_PROFILE
          worker_ns_[worker] += static_cast<std::uint64_t>(
              std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - b0).count());
#endif
          tsan_release(&tsan_loop_end);
        };
        tsan_release(&tsan_loop_start);
        arena_->execute([&] {
          tbb::parallel_for(std::uint32_t{0}, workers_, std::uint32_t{1}, body, tbb::static_partitioner());
        });
        tsan_acquire(&tsan_loop_end);
      } else {
        for (std::uint32_t p = 0; p < P; ++p) run_partition(handler, p, bound);
      }
      std::uint64_t after_events = 0, sent = 0;
      for (const auto& part : parts_) {
        after_events += part.events;
        sent += part.messages;
      }
      mail = sent - sent_before;
      sent_before = sent;
#ifdef FLEETSIM_EVENT_PROFILE
      WindowCost& wc = window_cost_[parallel ? 1 : 0];
      ++wc.windows;
      wc.events += after_events - before_events;
      wc.ns += static_cast<std::uint64_t>(
          std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - w0).count());
      std::uint64_t critical = 0;
      for (auto& ns : worker_ns_) {
        critical = std::max(critical, ns);
        ns = 0;
      }
      std::uint64_t busy = 0, largest = 0;
      for (auto& part : parts_) {
        if (!parallel) critical += part.busy_ns;
        busy += part.busy_ns;
        largest = std::max(largest, part.busy_ns);
        part.busy_ns = 0;
      }
      wc.busy_ns += busy;
      wc.critical_ns += critical;
      wc.floor_ns += parallel ? std::max(largest, busy / workers_) : busy;
#endif
      const double window_rate = static_cast<double>(after_events - before_events) / std::max(span, 1.0);
      rate = rate < 0 ? window_rate : 0.75 * rate + 0.25 * window_rate;
      ++s.windows;
      if (progress_) progress_(t);
    }
    // Deliver what is still in flight, so pending() and a later look at queues agree.
    for (std::uint32_t p = 0; p < P; ++p) {
      for (auto& src : parts_) {
        for (unsigned par = 0; par < 2; ++par) {
          for (const Event& e : src.outbox[par][p]) parts_[p].queue.push(e);
          src.outbox[par][p].clear();
        }
      }
    }
    for (auto& part : parts_) {
      s.events += part.events;
      s.messages += part.messages;
      s.last_time = std::max(s.last_time, part.last_time);
      part.events = 0;
      part.messages = 0;
    }
    return s;
  }

  SimulationConfig config_;
  std::vector<std::uint32_t> partition_of_;
  std::vector<std::uint32_t> seq_;
  std::vector<Partition> parts_;
  std::unique_ptr<tbb::task_arena> arena_;
  std::uint32_t workers_ = 1;         // threads of the arena
  std::vector<std::uint32_t> order_;  // this window's partitions with work, heaviest first
  struct alignas(64) Counter {
    std::atomic<std::uint32_t> value{0};
  };
  Counter taken_;  // entries of order_ handed out in this window
#ifdef FLEETSIM_EVENT_PROFILE
  std::vector<std::uint64_t> worker_ns_;  // per loop worker: its time in this window
#endif
#ifdef FLEETSIM_EVENT_PROFILE
  WindowCost window_cost_[2];
#endif
  std::function<void(Time)> progress_;
};

using Simulation = BasicSimulation<QuaternaryHeap>;
using Context = BasicContext<QuaternaryHeap>;

}  // namespace fleetsim::core
