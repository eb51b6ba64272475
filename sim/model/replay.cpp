/// Replayed real data in the model: the jobs of trace workloads arrive at their logged
/// submit times and go through the zone's queue discipline and placement like any batch
/// job; their simulated waits are kept next to the waits the log recorded. VMs whose
/// demand follows a utilisation trace add their cpu demand to the sampled series.

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "analysis/stats/descriptive.hpp"
#include "analysis/stats/ks_test.hpp"
#include "analysis/stats/wasserstein.hpp"
#include "sim/model/fleet_model.hpp"

namespace fleetsim::model {

void FleetModel::setup_replay() {
  if (!replay_ && needs_replay_inputs(s_)) {
    std::vector<scenario::Diagnostic> errors;
    replay_ = load_replay_inputs(s_, errors);
    if (!errors.empty()) {
      std::string text;
      for (const auto& d : errors) text += (text.empty() ? "" : "\n") + d.format();
      throw std::invalid_argument(text);
    }
  }
  const auto W = static_cast<WorkloadId>(s_.workloads.size());
  for (ZoneState& z : zones_) {
    z.replay.jobs.resize(W);
    z.replay.vm_first.assign(W, 0);
    z.replay.demand.resize(W);
  }
  if (!replay_) return;
  if (replay_->jobs.size() != W || replay_->demand.size() != W) {
    throw std::invalid_argument("replay inputs were read for another scenario");
  }
  // Smooth weighted round robin over zones by cpu capacity: deterministic, and every
  // zone's share stays within one job of its weight at any prefix of the log.
  std::vector<double> weight(zones_.size());
  double total = 0;
  for (std::size_t z = 0; z < zones_.size(); ++z) total += weight[z] = static_cast<double>(zones_[z].total_cpu);
  // A job goes only to zones with a host type it fits (the log was checked against the
  // largest host type, not against each zone).
  std::vector<std::vector<scenario::Resources>> shapes(zones_.size());
  for (std::size_t z = 0; z < zones_.size(); ++z) {
    const ZoneInfo& zi = topo_.zones()[z];
    for (HostId h = zi.first_host; h < zi.end_host; ++h) {
      if (std::find(shapes[z].begin(), shapes[z].end(), capacity(h)) == shapes[z].end()) shapes[z].push_back(capacity(h));
    }
  }
  const auto fits = [&](std::size_t z, const scenario::Resources& need) {
    for (const auto& c : shapes[z]) {
      if (need.fits_in(c)) return true;
    }
    return false;
  };
  for (WorkloadId w = 0; w < W; ++w) {
    const auto& jobs = replay_->jobs[w].jobs;
    if (jobs.empty()) continue;
    std::vector<double> current(zones_.size(), 0);
    for (std::uint32_t i = 0; i < jobs.size(); ++i) {
      std::size_t pick = zones_.size();
      for (std::size_t z = 0; z < zones_.size(); ++z) {
        current[z] += weight[z];
        if (fits(z, jobs[i].need) && (pick == zones_.size() || current[z] > current[pick])) pick = z;
      }
      if (pick == zones_.size()) pick = 0;  // no host type holds it whole: it waits in zone 0
      current[pick] -= total;
      zones_[pick].replay.jobs[w].jobs.push_back(i);
    }
    for (ZoneState& z : zones_) {
      ReplayZoneJobs& rz = z.replay.jobs[w];
      rz.wait_s.assign(rz.jobs.size(), NAN);
      rz.end_s.assign(rz.jobs.size(), NAN);
    }
  }
  for (WorkloadId w = 0; w < W; ++w) {
    if (replay_->demand[w].series.empty()) continue;
    std::int64_t first = 0;  // zone z's VMs follow the series after those of earlier zones
    for (ZoneState& z : zones_) {
      z.replay.vm_first[w] = static_cast<std::uint32_t>(first);
      first += z.services[w].desired;
    }
  }
}

void FleetModel::schedule_trace_arrival(core::Context& ctx, ZoneState& z, WorkloadId w) {
  const ReplayZoneJobs& rz = z.replay.jobs[w];
  if (rz.next >= rz.jobs.size()) return;
  const Time at = replay_->jobs[w].jobs[rz.jobs[rz.next]].submit;
  ctx.schedule(std::max(at, ctx.now()), z.id, kTraceArrival, w);
}

void FleetModel::on_trace_arrival(core::Context& ctx, ZoneState& z, WorkloadId w) {
  ReplayZoneJobs& rz = z.replay.jobs[w];
  const auto& jobs = replay_->jobs[w].jobs;
  BatchZone& bz = z.batch[w];
  while (rz.next < rz.jobs.size() && jobs[rz.jobs[rz.next]].submit <= ctx.now()) {
    const ReplayJob& j = jobs[rz.jobs[rz.next]];
    const TaskId t = new_task(z, w);
    Task& task = z.tasks[t];
    task.submit = ctx.now();
    task.remaining = j.run;
    task.forwarded = 0;
    task.started_once = false;
    task.job = static_cast<std::uint32_t>(rz.next);
    ++bz.submitted;
    trace(z, ctx.now(), TraceKind::JobSubmit, -1, static_cast<std::int32_t>(w), to_seconds(j.run));
    enqueue_job(z, t);
    ++rz.next;
  }
  schedule_trace_arrival(ctx, z, w);
}

void FleetModel::replay_started(ZoneState& z, const Task& task, Time now) {
  z.replay.jobs[task.workload].wait_s[task.job] = to_seconds(now - task.submit);
}

void FleetModel::replay_ended(ZoneState& z, const Task& task, Time now) {
  z.replay.jobs[task.workload].end_s[task.job] = to_seconds(now);
}

void FleetModel::sample_demand(ZoneState& z, Time now) {
  if (!replay_) return;
  const double t = to_seconds(now);
  for (WorkloadId w = 0; w < s_.workloads.size(); ++w) {
    const VmDemand& d = replay_->demand[w];
    if (d.series.empty()) continue;
    const scenario::Workload& wl = s_.workloads[w];
    const double cores = static_cast<double>(wl.resources.v[scenario::kCpu]) / 1000.0;
    double sum = 0;
    const std::int64_t running = z.services[w].running;  // VMs are interchangeable replicas:
    for (std::int64_t k = 0; k < running; ++k) {          // the zone's first `running` run
      const auto i = (static_cast<std::size_t>(z.replay.vm_first[w]) + static_cast<std::size_t>(k)) % d.series.size();
      sum += d.series[i].at(t, wl.demand->after_end);
    }
    z.replay.demand[w].push_back(sum * cores);
  }
}

namespace {

void quantile_metrics(std::map<std::string, double>& m, const std::string& p, std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const bool any = !v.empty();
  m[p + "_mean_s"] = any ? analysis::mean(v) : 0;
  m[p + "_p50_s"] = any ? analysis::quantile_sorted(v, 0.50) : 0;
  m[p + "_p90_s"] = any ? analysis::quantile_sorted(v, 0.90) : 0;
  m[p + "_p99_s"] = any ? analysis::quantile_sorted(v, 0.99) : 0;
  // Shares of jobs that waited at least a minute and at least an hour.
  const auto share = [&](double at_least) {
    const auto it = std::lower_bound(v.begin(), v.end(), at_least);
    return any ? static_cast<double>(v.end() - it) / static_cast<double>(v.size()) : 0.0;
  };
  m[p + "_over_1m"] = share(60);
  m[p + "_over_1h"] = share(3600);
}

}  // namespace

void FleetModel::finish_replay(ModelResults& r) const {
  if (!replay_) return;
  const std::size_t T = r.sample_times_us.size();
  std::vector<WorkloadId> demand_ws;
  for (WorkloadId w = 0; w < s_.workloads.size(); ++w) {
    if (!replay_->demand[w].series.empty()) demand_ws.push_back(w);
    const ReplayJobs& in = replay_->jobs[w];
    if (in.jobs.empty()) continue;
    const std::size_t n = in.jobs.size();
    std::vector<double> sim(n, NAN), end(n, NAN), zone(n, -1);
    for (const ZoneState& z : zones_) {
      const ReplayZoneJobs& rz = z.replay.jobs[w];
      for (std::size_t k = 0; k < rz.jobs.size(); ++k) {
        sim[rz.jobs[k]] = rz.wait_s[k];
        end[rz.jobs[k]] = rz.end_s[k];
        zone[rz.jobs[k]] = z.id;
      }
    }
    io::ColumnTable table;
    table.name = s_.workloads[w].name;
    table.description = "One row per replayed job of trace workload '" + table.name + "', in submit order.";
    table.columns.reserve(9);  // the references below stay valid
    auto column = [&](const char* name, const char* unit, const char* help, bool integer) -> std::vector<double>& {
      table.columns.push_back({name, unit, help, {}, integer});
      table.columns.back().values.reserve(n);
      return table.columns.back().values;
    };
    auto& id = column("job_id", "1", "job number in the log (SWF field 1), or the pod's row", true);
    auto& submit = column("submit_s", "s", "simulated submit time", false);
    auto& size = column("size", "1", "processors (SWF) or gpus (pods) requested", false);
    auto& run = column("run_s", "s", "run time from the log", false);
    auto& est = column("estimate_s", "s", "runtime estimate the scheduler saw", false);
    auto& rec = column("recorded_wait_s", "s", "queueing delay recorded in the log; NaN when not recorded", false);
    auto& simw = column("simulated_wait_s", "s", "simulated queueing delay; NaN when it never started", false);
    auto& ends = column("end_s", "s", "simulated completion time; NaN when it did not finish", false);
    auto& zones = column("zone", "code", "zone it ran in (index into /names/zone)", true);
    std::vector<double> both_sim, both_rec, all_sim;
    std::uint64_t started = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const ReplayJob& j = in.jobs[i];
      id.push_back(static_cast<double>(j.id));
      submit.push_back(to_seconds(j.submit));
      size.push_back(j.size);
      run.push_back(to_seconds(j.run));
      est.push_back(to_seconds(j.estimate));
      rec.push_back(j.recorded_wait_s);
      simw.push_back(sim[i]);
      ends.push_back(end[i]);
      zones.push_back(zone[i]);
      if (std::isnan(sim[i])) continue;
      ++started;
      if (j.submit < s_.warmup) continue;
      all_sim.push_back(sim[i]);
      if (!std::isnan(j.recorded_wait_s)) {
        both_sim.push_back(sim[i]);
        both_rec.push_back(j.recorded_wait_s);
      }
    }
    auto& m = r.metrics;
    const std::string p = "trace." + table.name;
    m[p + ".records"] = static_cast<double>(in.records);
    m[p + ".jobs"] = static_cast<double>(n);
    m[p + ".skipped"] = static_cast<double>(in.skipped());
    m[p + ".clipped"] = static_cast<double>(in.clipped);
    m[p + ".started"] = static_cast<double>(started);
    m[p + ".unstarted"] = static_cast<double>(n - started);
    quantile_metrics(m, p + ".wait", all_sim);
    quantile_metrics(m, p + ".recorded_wait", both_rec);
    m[p + ".compared"] = static_cast<double>(both_sim.size());
    const bool cmp = !both_sim.empty();
    m[p + ".wait_ks_d"] = cmp ? analysis::ks_statistic(both_sim, both_rec) : NAN;
    m[p + ".wait_w1_s"] = cmp ? analysis::wasserstein_distance(both_sim, both_rec) : NAN;
    r.tables.push_back(std::move(table));
  }
  if (demand_ws.empty()) return;
  io::SeriesGroup g{"vm", "cpu_demand", "cores", "cpu demand of the running VMs (utilisation trace x VM size)",
                    {}, std::vector<double>(T * demand_ws.size(), 0.0)};
  io::SeriesGroup fleet{"fleet", "cpu_demand", "ratio", "cpu demand of trace-driven VMs over fleet cpu capacity",
                        {}, std::vector<double>(T, 0.0)};
  double capacity = 0;
  for (const ZoneState& z : zones_) capacity += static_cast<double>(z.total_cpu) / 1000.0;
  for (std::size_t c = 0; c < demand_ws.size(); ++c) {
    const WorkloadId w = demand_ws[c];
    g.columns.push_back(s_.workloads[w].name);
    std::vector<double> total(T, 0.0);
    for (const ZoneState& z : zones_) {
      const auto& v = z.replay.demand[w];
      for (std::size_t k = 0; k < T && k < v.size(); ++k) total[k] += v[k];
    }
    double sum = 0, peak = 0;
    std::size_t counted = 0;
    for (std::size_t k = 0; k < T; ++k) {
      g.values[k * demand_ws.size() + c] = total[k];
      fleet.values[k] += capacity > 0 ? total[k] / capacity : 0;
      if (r.sample_times_us[k] < s_.warmup) continue;
      sum += total[k];
      peak = std::max(peak, total[k]);
      ++counted;
    }
    const std::string p = "vm." + s_.workloads[w].name;
    r.metrics[p + ".cpu_demand_mean"] = counted ? sum / static_cast<double>(counted) : 0;
    r.metrics[p + ".cpu_demand_peak"] = peak;
  }
  r.series.push_back(std::move(g));
  r.series.push_back(std::move(fleet));
}

}  // namespace fleetsim::model
