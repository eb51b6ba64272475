/// End of run: close the online integrators, merge per-zone accumulators in zone order
/// (deterministic for any thread count), and produce metrics, series and the event log.

#include <algorithm>
#include <cmath>
#include <queue>

#include "analysis/stats/descriptive.hpp"
#include "sim/model/fleet_model.hpp"

namespace fleetsim::model {

using scenario::WorkloadKind;

ModelResults FleetModel::finish(Time end, bool with_trace) {
  ModelResults r;
  const Time from = s_.warmup;
  const double span = static_cast<double>(std::max<Time>(end - from, 1));
  double cpu = 0, mem = 0, stranded = 0, up = 0, total_cpu = 0, total_mem = 0, hosts = 0;
  for (ZoneState& z : zones_) {
    for (Integrator* in : {&z.cpu_alloc, &z.mem_alloc, &z.stranded_cpu, &z.hosts_up}) in->advance(end, from);
    cpu += z.cpu_alloc.area;
    mem += z.mem_alloc.area;
    stranded += z.stranded_cpu.area;
    up += z.hosts_up.area;
    total_cpu += static_cast<double>(z.total_cpu);
    total_mem += static_cast<double>(z.total_mem);
    hosts += static_cast<double>(z.hosts);
  }
  auto& m = r.metrics;
  m["fleet.hosts"] = hosts;
  m["fleet.zones"] = static_cast<double>(zones_.size());
  m["fleet.cpu_cores"] = total_cpu / 1000.0;
  m["fleet.memory_bytes"] = total_mem;
  m["fleet.utilization.cpu"] = total_cpu > 0 ? cpu / (total_cpu * span) : 0;
  m["fleet.utilization.memory"] = total_mem > 0 ? mem / (total_mem * span) : 0;
  m["fleet.stranded.cpu"] = total_cpu > 0 ? stranded / (total_cpu * span) : 0;
  m["fleet.host_availability"] = hosts > 0 ? up / (hosts * span) : 0;
  finish_services(r, end);
  finish_batch(r);
  finish_series(r);
  finish_replay(r);
  for (const auto& c : controllers_) c->finish(r, end);

  if (with_trace) {
    // k-way merge of the zones' buffers, each already in (time, key, sub) order.
    using Head = std::tuple<Time, std::uint64_t, std::uint32_t, std::size_t, std::size_t>;
    std::priority_queue<Head, std::vector<Head>, std::greater<>> heads;
    std::size_t total = 0;
    const auto buffer = [&](std::size_t i) -> const std::vector<TraceRecord>& {
      return i < zones_.size() ? zones_[i].trace : control_trace_;
    };
    for (std::size_t zi = 0; zi <= zones_.size(); ++zi) {
      const auto& t = buffer(zi);
      total += t.size();
      if (!t.empty()) heads.emplace(t[0].ev.time_us, t[0].key, t[0].sub, zi, 0);
    }
    r.events.reserve(total);
    while (!heads.empty()) {
      const auto [time, key, sub, zi, i] = heads.top();
      heads.pop();
      const auto& t = buffer(zi);
      r.events.push_back(t[i].ev);
      if (i + 1 < t.size()) heads.emplace(t[i + 1].ev.time_us, t[i + 1].key, t[i + 1].sub, zi, i + 1);
    }
  }
  return r;
}

void FleetModel::finish_services(ModelResults& r, Time end) const {
  const Time from = s_.warmup;
  const double span = static_cast<double>(std::max<Time>(end - from, 1));
  for (WorkloadId w = 0; w < s_.workloads.size(); ++w) {
    const scenario::Workload& wl = s_.workloads[w];
    if (wl.kind != WorkloadKind::Service && wl.kind != WorkloadKind::Vm) continue;
    // Merge the zones' step functions of running replicas into the fleet-wide count.
    struct Change {
      Time time;
      std::size_t zone;
      std::int64_t level;
      bool operator>(const Change& o) const { return time != o.time ? time > o.time : zone > o.zone; }
    };
    std::priority_queue<Change, std::vector<Change>, std::greater<>> changes;
    std::vector<std::size_t> next(zones_.size(), 0);
    std::vector<std::int64_t> level(zones_.size(), 0);
    for (std::size_t z = 0; z < zones_.size(); ++z) {
      const auto& lv = zones_[z].services[w].levels;
      if (!lv.empty()) changes.push({lv[0].first, z, lv[0].second});
    }
    std::int64_t total = 0;
    Time last = 0;
    double ok_area = 0, full_area = 0, running_area = 0;
    auto accumulate = [&](Time until) {
      const Time a = std::max(last, from), b = std::min(until, end);
      if (b > a) {
        const double dt = static_cast<double>(b - a);
        if (total >= min_available_[w]) ok_area += dt;
        if (total >= desired_total_[w]) full_area += dt;
        running_area += dt * static_cast<double>(total);
      }
      last = std::max(last, until);
    };
    while (!changes.empty()) {
      const Change c = changes.top();
      changes.pop();
      accumulate(c.time);
      total += c.level - level[c.zone];
      level[c.zone] = c.level;
      const auto& lv = zones_[c.zone].services[w].levels;
      if (++next[c.zone] < lv.size()) changes.push({lv[next[c.zone]].first, c.zone, lv[next[c.zone]].second});
    }
    accumulate(end);
    const std::string prefix = (wl.kind == WorkloadKind::Service ? "service." : "vm.") + wl.name;
    r.metrics[prefix + ".availability"] = ok_area / span;
    r.metrics[prefix + ".full_availability"] = full_area / span;
    r.metrics[prefix + ".replicas_mean"] = running_area / span;
    r.metrics[prefix + ".desired"] = static_cast<double>(desired_total_[w]);
    r.metrics[prefix + ".min_available"] = static_cast<double>(min_available_[w]);
    std::uint64_t evicted = 0;
    for (const ZoneState& z : zones_) evicted += z.services[w].drain_evictions;
    r.metrics[prefix + ".drain_evictions"] = static_cast<double>(evicted);
  }
}

void FleetModel::finish_batch(ModelResults& r) const {
  for (WorkloadId w = 0; w < s_.workloads.size(); ++w) {
    const scenario::Workload& wl = s_.workloads[w];
    if (wl.kind != WorkloadKind::Batch) continue;
    std::vector<double> waits;  // the waits > 0; started - waits.size() jobs did not wait
    std::uint64_t started = 0, completed = 0, submitted = 0, forwarded = 0, restarts = 0;
    for (const ZoneState& z : zones_) {
      const BatchZone& bz = z.batch[w];
      waits.insert(waits.end(), bz.waits_s.begin(), bz.waits_s.end());
      started += bz.started;
      completed += bz.completed;
      submitted += bz.submitted;
      forwarded += bz.forwarded_out;
      restarts += bz.restarts;
    }
    double sum = 0;
    for (double x : waits) sum += x;  // zone order: deterministic
    std::sort(waits.begin(), waits.end());
    const std::uint64_t zeros = started - waits.size();
    const std::string p = "workload." + wl.name;
    const double n = static_cast<double>(started);
    r.metrics[p + ".started"] = n;
    r.metrics[p + ".submitted"] = static_cast<double>(submitted);
    r.metrics[p + ".completed"] = static_cast<double>(completed);
    r.metrics[p + ".forwarded"] = static_cast<double>(forwarded);
    r.metrics[p + ".restarts"] = static_cast<double>(restarts);
    r.metrics[p + ".wait_mean_s"] = n > 0 ? sum / n : 0;
    const bool any = started > 0;
    r.metrics[p + ".wait_p50_s"] = any ? analysis::quantile_sorted_after_zeros(zeros, waits, 0.50) : 0;
    r.metrics[p + ".wait_p90_s"] = any ? analysis::quantile_sorted_after_zeros(zeros, waits, 0.90) : 0;
    r.metrics[p + ".wait_p99_s"] = any ? analysis::quantile_sorted_after_zeros(zeros, waits, 0.99) : 0;
    r.metrics[p + ".wait_prob"] = n > 0 ? static_cast<double>(waits.size()) / n : 0;
  }
}

void FleetModel::finish_series(ModelResults& r) const {
  const std::size_t T = zones_.empty() ? 0 : zones_[0].samples.hosts_up.size();
  for (std::size_t k = 0; k < T; ++k) r.sample_times_us.push_back(static_cast<std::int64_t>(k) * s_.sample_interval);
  std::vector<std::string> zone_names;
  for (const ZoneInfo& zi : topo_.zones()) zone_names.push_back(zi.name);
  const std::size_t Z = zones_.size();

  auto zone_group = [&](const char* metric, const char* unit, const char* help,
                        std::vector<double> ZoneSamples::*field) {
    io::SeriesGroup g{"zone", metric, unit, help, zone_names, std::vector<double>(T * Z, 0.0)};
    for (std::size_t z = 0; z < Z; ++z) {
      const auto& v = zones_[z].samples.*field;
      for (std::size_t k = 0; k < T && k < v.size(); ++k) g.values[k * Z + z] = v[k];
    }
    return g;
  };
  auto fleet_sum = [&](const char* metric, const char* unit, const char* help,
                       std::vector<double> ZoneSamples::*field) {
    io::SeriesGroup g{"fleet", metric, unit, help, {}, std::vector<double>(T, 0.0)};
    for (std::size_t z = 0; z < Z; ++z) {
      const auto& v = zones_[z].samples.*field;
      for (std::size_t k = 0; k < T && k < v.size(); ++k) g.values[k] += v[k];
    }
    return g;
  };
  auto fleet_share = [&](const char* metric, const char* help, std::vector<double> ZoneSamples::*field,
                         std::int64_t ZoneState::*total) {
    io::SeriesGroup g{"fleet", metric, "ratio", help, {}, std::vector<double>(T, 0.0)};
    double all = 0;
    for (const ZoneState& z : zones_) all += static_cast<double>(z.*total);
    for (std::size_t z = 0; z < Z; ++z) {
      const auto& v = zones_[z].samples.*field;
      for (std::size_t k = 0; k < T && k < v.size(); ++k) {
        g.values[k] += all > 0 ? v[k] * static_cast<double>(zones_[z].*total) / all : 0;
      }
    }
    return g;
  };
  r.series.push_back(fleet_sum("hosts_up", "hosts", "hosts in service", &ZoneSamples::hosts_up));
  r.series.push_back(fleet_share("cpu_used", "allocated share of cpu capacity", &ZoneSamples::cpu_used, &ZoneState::total_cpu));
  r.series.push_back(fleet_share("memory_used", "allocated share of memory capacity", &ZoneSamples::memory_used, &ZoneState::total_mem));
  r.series.push_back(fleet_sum("pending_jobs", "jobs", "batch jobs waiting to start", &ZoneSamples::pending_jobs));
  r.series.push_back(fleet_sum("running_jobs", "jobs", "batch jobs running", &ZoneSamples::running_jobs));
  r.series.push_back(zone_group("hosts_up", "hosts", "hosts in service", &ZoneSamples::hosts_up));
  r.series.push_back(zone_group("cpu_used", "ratio", "allocated share of the zone's cpu", &ZoneSamples::cpu_used));
  r.series.push_back(zone_group("memory_used", "ratio", "allocated share of the zone's memory", &ZoneSamples::memory_used));
  r.series.push_back(zone_group("pending_jobs", "jobs", "batch jobs waiting to start", &ZoneSamples::pending_jobs));

  std::vector<WorkloadId> svc, batch;
  for (WorkloadId w = 0; w < s_.workloads.size(); ++w) {
    const auto k = s_.workloads[w].kind;
    if (k == WorkloadKind::Service || k == WorkloadKind::Vm) svc.push_back(w);
    if (k == WorkloadKind::Batch || job_trace(w)) batch.push_back(w);
  }
  auto by_workload = [&](const char* group, const char* metric, const char* unit, const char* help,
                         const std::vector<WorkloadId>& ws, std::vector<std::vector<double>> ZoneSamples::*field) {
    io::SeriesGroup g{group, metric, unit, help, {}, std::vector<double>(T * ws.size(), 0.0)};
    for (WorkloadId w : ws) g.columns.push_back(s_.workloads[w].name);
    for (std::size_t c = 0; c < ws.size(); ++c) {
      for (const ZoneState& z : zones_) {
        const auto& v = (z.samples.*field)[ws[c]];
        for (std::size_t k = 0; k < T && k < v.size(); ++k) g.values[k * ws.size() + c] += v[k];
      }
    }
    return g;
  };
  if (!svc.empty()) {
    r.series.push_back(by_workload("service", "running_replicas", "replicas", "replicas running",
                                   svc, &ZoneSamples::running_by_workload));
  }
  if (!batch.empty()) {
    r.series.push_back(by_workload("workload", "pending_jobs", "jobs", "jobs waiting to start",
                                   batch, &ZoneSamples::pending_by_workload));
  }
}

std::vector<io::NameTable> FleetModel::name_tables() const {
  std::vector<io::NameTable> out;
  io::NameTable kinds{"kind", {}};
  for (auto n : kTraceKindNames) kinds.names.emplace_back(n);
  for (const auto& n : extra_trace_kinds_) kinds.names.push_back(n);
  out.push_back(kinds);
  io::NameTable zones{"zone", {}};
  for (const ZoneInfo& z : topo_.zones()) zones.names.push_back(z.name);
  out.push_back(zones);
  io::NameTable workloads{"workload", {}};
  for (const auto& w : s_.workloads) workloads.names.push_back(w.name);
  out.push_back(workloads);
  io::NameTable kinds_c{"component_kind", {}};
  for (int k = 0; k < kComponentKinds; ++k) kinds_c.names.emplace_back(component_kind_name(static_cast<ComponentKind>(k)));
  out.push_back(kinds_c);
  return out;
}

io::ComponentTable FleetModel::component_table() const {
  io::ComponentTable t;
  const auto& comps = topo_.components();
  for (ComponentId c = 0; c < comps.size(); ++c) {
    t.id.push_back(c);
    t.kind.push_back(static_cast<std::uint8_t>(comps[c].kind));
    t.zone.push_back(comps[c].zone == kNone ? -1 : static_cast<std::int32_t>(comps[c].zone));
    t.parent.push_back(comps[c].parent == kNone ? -1 : static_cast<std::int64_t>(comps[c].parent));
    t.name.push_back(topo_.name(c));
  }
  return t;
}

}  // namespace fleetsim::model
