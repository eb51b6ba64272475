/// Queue disciplines against independent reference schedulers: on a pool of P processors
/// (one host, the SWF machine model) the model's EASY backfilling must give exactly the
/// start times of a textbook EASY simulator, and fcfs those of strict FCFS, job by job.
/// Jobs are random with distinct event times, so no tie-breaking convention is involved.
/// Also: EASY on several hosts never starts a job on a host it cannot hold.

#include <algorithm>
#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "policies/scheduling/api.hpp"
#include "policies/scheduling/queue_api.hpp"
#include "sim/core/rng.hpp"
#include "sim/model/run.hpp"
#include "tests/support/scenario_builder.hpp"

using namespace fleetsim;

namespace {

struct Job {
  Time submit;
  Duration run, estimate;
  std::int64_t procs;
};

std::vector<Job> random_jobs(std::size_t n, std::int64_t pool, std::uint64_t seed) {
  core::Rng rng(seed, core::purpose_id("queue-test"), 0);
  std::vector<Job> jobs;
  Time t = 0;
  for (std::size_t i = 0; i < n; ++i) {
    t += 1 + static_cast<Time>(rng.uniform01() * 600e6);  // up to 10 min apart, microseconds
    Job j;
    j.submit = t;
    j.run = 1 + static_cast<Duration>(std::exp(rng.uniform01() * 9.0) * 1e6);  // 1 s .. 2.25 h, log-uniform
    // Estimates: mostly over-estimates (users ask for more), sometimes too short (overdue jobs).
    const double factor = rng.uniform01() < 0.1 ? 0.5 : 1.0 + 4.0 * rng.uniform01();
    j.estimate = std::max<Duration>(1, static_cast<Duration>(static_cast<double>(j.run) * factor));
    const double u = rng.uniform01();
    j.procs = std::clamp<std::int64_t>(static_cast<std::int64_t>(std::pow(static_cast<double>(pool), u * u)), 1, pool);
    jobs.push_back(j);
  }
  return jobs;
}

/// Textbook EASY (or FCFS with easy = false) on a pool: a pass after every event.
std::vector<Time> reference_starts(const std::vector<Job>& jobs, std::int64_t pool, bool easy) {
  struct Running {
    std::size_t job;
    Time start;
  };
  std::vector<Time> start(jobs.size(), -1);
  std::vector<std::size_t> queue;
  std::vector<Running> running;
  std::int64_t free = pool;
  std::size_t next = 0;
  auto begin = [&](std::size_t j, Time now) {
    start[j] = now;
    free -= jobs[j].procs;
    running.push_back({j, now});
  };
  for (;;) {
    Time now = kTimeMax;
    std::size_t done = running.size();
    for (std::size_t r = 0; r < running.size(); ++r) {
      const Time end = running[r].start + jobs[running[r].job].run;
      if (end < now) {
        now = end;
        done = r;
      }
    }
    if (next < jobs.size() && jobs[next].submit < now) {
      now = jobs[next].submit;
      queue.push_back(next++);
    } else if (done < running.size()) {
      free += jobs[running[done].job].procs;
      running.erase(running.begin() + static_cast<std::ptrdiff_t>(done));
    } else {
      break;
    }
    while (!queue.empty() && jobs[queue.front()].procs <= free) {
      begin(queue.front(), now);
      queue.erase(queue.begin());
    }
    if (queue.empty() || !easy) continue;
    const Job& head = jobs[queue.front()];
    std::vector<std::pair<Time, std::int64_t>> ends;
    for (const Running& r : running) ends.emplace_back(std::max(now, r.start + jobs[r.job].estimate), jobs[r.job].procs);
    std::sort(ends.begin(), ends.end());
    std::int64_t acc = free, extra = 0;
    Time shadow = kTimeMax;
    for (std::size_t k = 0; k < ends.size(); ++k) {
      acc += ends[k].second;
      if (acc < head.procs) continue;
      shadow = ends[k].first;
      for (std::size_t m = k + 1; m < ends.size() && ends[m].first == shadow; ++m) acc += ends[m].second;
      extra = acc - head.procs;
      break;
    }
    for (std::size_t q = 1; q < queue.size();) {
      const Job& j = jobs[queue[q]];
      bool go = false;
      if (j.procs <= free) {
        if (now + j.estimate <= shadow) {
          go = true;
        } else if (j.procs <= extra) {
          go = true;
          extra -= j.procs;
        }
      }
      if (go) {
        begin(queue[q], now);
        queue.erase(queue.begin() + static_cast<std::ptrdiff_t>(q));
      } else {
        ++q;
      }
    }
  }
  return start;
}

/// The model's start times for the same jobs on one host of `pool` cpus.
std::vector<Time> model_starts(const std::vector<Job>& jobs, std::int64_t pool, const std::string& discipline,
                               std::uint32_t hosts = 1) {
  auto s = testing::fleet(1, 1, hosts, 0);
  s.topology.host_types[0].capacity = testing::resources(static_cast<double>(pool), 1);
  s.duration = jobs.back().submit + days(30);
  s.sample_interval = days(1);
  scenario::Workload w;
  w.name = "log";
  w.kind = scenario::WorkloadKind::Trace;
  w.trace_format = "swf";
  w.resources.v[scenario::kCpu] = 1000;
  s.workloads.push_back(w);
  s.policies.queue.name = discipline;

  auto in = std::make_shared<model::ReplayInputs>();
  in->jobs.resize(1);
  in->demand.resize(1);
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    model::ReplayJob r;
    r.id = static_cast<std::int64_t>(i);
    r.submit = jobs[i].submit;
    r.run = jobs[i].run;
    r.estimate = jobs[i].estimate;
    r.need.v[scenario::kCpu] = jobs[i].procs * 1000;
    r.size = static_cast<double>(jobs[i].procs);
    in->jobs[0].jobs.push_back(r);
  }
  policies::PlacementRegistry placements("placement");
  policies::register_builtin_placement(placements);
  policies::QueueRegistry queues("queue");
  policies::register_builtin_queue(queues);
  std::vector<scenario::Diagnostic> errors;
  const auto placement = placements.make(s.policies.placement, "placement", errors);
  const auto queue = queues.make(s.policies.queue, "queue", errors);
  REQUIRE(errors.empty());
  model::RunOptions opt;
  opt.queue = queue.get();
  opt.replay = in;
  const model::RunOutput out = model::run_scenario(s, *placement, opt);
  REQUIRE(out.results.tables.size() == 1);
  const auto& cols = out.results.tables[0].columns;
  const auto col = [&](const char* name) -> const std::vector<double>& {
    for (const auto& c : cols) {
      if (c.name == name) return c.values;
    }
    FAIL("no column " << name);
    return cols[0].values;
  };
  const auto& wait = col("simulated_wait_s");
  std::vector<Time> starts;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    starts.push_back(std::isnan(wait[i]) ? -1 : jobs[i].submit + static_cast<Time>(std::llround(wait[i] * 1e6)));
  }
  return starts;
}

}  // namespace

TEST_CASE("EASY on a processor pool starts every job exactly when textbook EASY does", "[policies][queue]") {
  const std::int64_t pool = 128;
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    const auto jobs = random_jobs(1500, pool, seed);
    const auto expected = reference_starts(jobs, pool, true);
    const auto got = model_starts(jobs, pool, "easy");
    std::size_t backfilled = 0, mismatches = 0;
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      if (got[i] != expected[i]) ++mismatches;
      // A job that started before an earlier-submitted job was backfilled.
      if (i > 0 && expected[i] >= 0 && expected[i - 1] > expected[i]) ++backfilled;
    }
    INFO("seed " << seed);
    CHECK(mismatches == 0);
    CHECK(backfilled > 50);  // the workload really exercises backfilling
  }
}

TEST_CASE("fcfs matches strict first come, first served; easy and greedy wait less", "[policies][queue]") {
  const std::int64_t pool = 64;
  const auto jobs = random_jobs(1200, pool, 7);
  const auto fcfs = model_starts(jobs, pool, "fcfs");
  CHECK(fcfs == reference_starts(jobs, pool, false));
  for (std::size_t i = 1; i < jobs.size(); ++i) CHECK(fcfs[i] >= fcfs[i - 1]);  // never out of order
  const auto mean_wait = [&](const std::vector<Time>& s) {
    double sum = 0;
    for (std::size_t i = 0; i < jobs.size(); ++i) sum += static_cast<double>(s[i] - jobs[i].submit);
    return sum / static_cast<double>(jobs.size()) / 1e6;
  };
  const double w_fcfs = mean_wait(fcfs), w_easy = mean_wait(model_starts(jobs, pool, "easy"));
  const double w_greedy = mean_wait(model_starts(jobs, pool, "greedy"));
  INFO("mean waits fcfs " << w_fcfs << " s, easy " << w_easy << " s, greedy " << w_greedy << " s");
  CHECK(w_fcfs > 600);          // the queue is busy enough to matter
  CHECK(w_easy < 0.8 * w_fcfs);  // backfilling fills the holes FCFS leaves
  CHECK(w_greedy < w_fcfs);
}

TEST_CASE("EASY on several hosts starts every job and never overcommits a host", "[policies][queue]") {
  // Four hosts of 32: the same jobs, sized for one host, all start and finish.
  const auto jobs = random_jobs(800, 32, 11);
  const auto starts = model_starts(jobs, 32, "easy", 4);
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    INFO("job " << i);
    CHECK(starts[i] >= jobs[i].submit);
  }
  // With four times the capacity, waits are far shorter than on one host.
  const auto one = model_starts(jobs, 32, "easy", 1);
  double w4 = 0, w1 = 0;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    w4 += static_cast<double>(starts[i] - jobs[i].submit);
    w1 += static_cast<double>(one[i] - jobs[i].submit);
  }
  CHECK(w4 < 0.5 * w1);
}
