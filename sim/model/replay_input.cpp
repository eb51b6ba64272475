#include "sim/model/replay_input.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/io/importers/alibaba_gpu.hpp"
#include "sim/io/importers/swf_reader.hpp"
#include "sim/io/importers/vm_utilisation.hpp"

namespace fleetsim::model {

using scenario::Diagnostic;
using scenario::kCpu;
using scenario::kMaxDims;
using scenario::kMemory;
using scenario::Resources;
using scenario::Workload;
using scenario::WorkloadKind;

namespace {

/// A record in the log's clock, before the offset and scale are applied.
struct Raw {
  std::int64_t id = 0;
  double submit_s = 0;
  double run_s = 0;
  double estimate_s = 0;
  Resources need;
  double size = 0;
  double wait_s = NAN;
};

Diagnostic located(const io::ImportError& e, const std::string& path) {
  scenario::Location at{e.file(), static_cast<int>(e.line()), static_cast<int>(e.column())};
  return Diagnostic::make(at, path, e.message());
}

/// The per-dimension capacity of the largest host of each dimension among host types in use.
Resources largest_host(const scenario::Scenario& s) {
  Resources big;
  for (const auto& region : s.topology.regions) {
    for (const auto& group : region.racks) {
      for (const auto& t : s.topology.host_types) {
        if (t.name != group.host_type) continue;
        for (std::size_t d = 0; d < kMaxDims; ++d) big.v[d] = std::max(big.v[d], t.capacity.v[d]);
      }
    }
  }
  return big;
}

/// True when need fits some host type in use.
bool fits_some_host(const scenario::Scenario& s, const Resources& need) {
  for (const auto& region : s.topology.regions) {
    for (const auto& group : region.racks) {
      for (const auto& t : s.topology.host_types) {
        if (t.name == group.host_type && need.fits_in(t.capacity)) return true;
      }
    }
  }
  return false;
}

Duration to_duration(double seconds) {
  const double us = std::round(seconds * 1e6);
  return us >= 9e18 ? kTimeMax : static_cast<Duration>(us);
}

std::vector<Raw> read_swf_raw(const Workload& w, const scenario::Scenario& s, ReplayJobs& out) {
  const io::SwfLog log = io::read_swf(w.trace_file);
  const bool by_request = w.replay.processors == "requested";
  const Resources big = largest_host(s);
  const Resources& per = w.resources;
  std::vector<Raw> raw;
  raw.reserve(log.jobs.size());
  for (const io::SwfJob& j : log.jobs) {
    ++out.records;
    const auto procs = by_request ? (j.requested_procs ? j.requested_procs : j.allocated_procs)
                                  : (j.allocated_procs ? j.allocated_procs : j.requested_procs);
    if (!j.run_s || *j.run_s <= 0 || !procs || *procs <= 0) {
      ++out.incomplete;
      continue;
    }
    Raw r;
    r.id = j.job_id;
    r.submit_s = static_cast<double>(j.submit_s);
    r.run_s = static_cast<double>(*j.run_s);
    r.estimate_s = w.replay.estimate == "exact" || !j.requested_time_s || *j.requested_time_s <= 0
                       ? r.run_s
                       : static_cast<double>(*j.requested_time_s);
    std::int64_t n = *procs;
    // The most processors one host holds, in every dimension a processor takes.
    std::int64_t room = std::numeric_limits<std::int64_t>::max();
    for (std::size_t d = 0; d < kMaxDims; ++d) {
      if (per.v[d] > 0) room = std::min(room, big.v[d] / per.v[d]);
    }
    if (n > room) {
      if (w.replay.oversize == "skip" || room <= 0) {
        ++out.oversize;
        continue;
      }
      n = room;
      ++out.clipped;
    }
    for (std::size_t d = 0; d < kMaxDims; ++d) r.need.v[d] = per.v[d] * n;
    r.size = static_cast<double>(n);
    if (j.wait_s) r.wait_s = static_cast<double>(*j.wait_s);
    raw.push_back(r);
  }
  return raw;
}

std::vector<Raw> read_pods_raw(const Workload& w, const scenario::Scenario& s, ReplayJobs& out) {
  const std::vector<io::GpuPod> pods = io::read_alibaba_gpu_pods(w.trace_file);
  std::size_t gpu_dim = kMaxDims;
  for (std::size_t i = 0; i < s.topology.extra_dimensions.size(); ++i) {
    if (s.topology.extra_dimensions[i] == "gpu") gpu_dim = 2 + i;
  }
  std::vector<Raw> raw;
  raw.reserve(pods.size());
  for (std::size_t i = 0; i < pods.size(); ++i) {
    const io::GpuPod& p = pods[i];
    ++out.records;
    if (!p.scheduled_s) {  // never scheduled: no run time, and its wait is unknown
      ++out.incomplete;
      continue;
    }
    Raw r;
    r.id = static_cast<std::int64_t>(i);
    r.submit_s = static_cast<double>(p.creation_s);
    // A pod still alive at the end of the trace runs to the end of the simulation.
    r.run_s = p.deletion_s ? static_cast<double>(*p.deletion_s - *p.scheduled_s) : 1e12;
    if (r.run_s <= 0) {
      ++out.incomplete;
      continue;
    }
    r.estimate_s = r.run_s;
    r.need.v[kCpu] = p.cpu_milli;
    r.need.v[kMemory] = p.memory_mib * 1024 * 1024;
    if (gpu_dim < kMaxDims) r.need.v[gpu_dim] = static_cast<std::int64_t>(p.num_gpu) * p.gpu_milli;
    r.size = p.num_gpu;
    r.wait_s = static_cast<double>(*p.scheduled_s - p.creation_s);
    if (!fits_some_host(s, r.need)) {
      ++out.oversize;  // clipping a pod's multi-dimensional request is meaningless
      continue;
    }
    raw.push_back(r);
  }
  return raw;
}

/// Offsets, scales, sorts, cuts at the end of the run and applies the limit.
void finish_jobs(const Workload& w, const scenario::Scenario& s, std::vector<Raw>& raw, ReplayJobs& out) {
  double first = std::numeric_limits<double>::infinity();
  for (const Raw& r : raw) first = std::min(first, r.submit_s);
  const double offset_s = w.replay.time_offset ? to_seconds(*w.replay.time_offset) : (raw.empty() ? 0 : first);
  std::stable_sort(raw.begin(), raw.end(), [](const Raw& a, const Raw& b) { return a.submit_s < b.submit_s; });
  out.jobs.reserve(raw.size());
  for (const Raw& r : raw) {
    if (r.submit_s < offset_s) {
      ++out.before_offset;
      continue;
    }
    const Time submit = to_duration((r.submit_s - offset_s) * w.replay.time_scale);
    if (submit >= s.duration) {
      ++out.after_end;
      continue;
    }
    if (w.replay.limit > 0 && out.jobs.size() >= static_cast<std::size_t>(w.replay.limit)) {
      ++out.over_limit;
      continue;
    }
    ReplayJob j;
    j.id = r.id;
    j.submit = submit;
    j.run = std::max<Duration>(1, to_duration(r.run_s));
    j.estimate = std::max<Duration>(1, to_duration(r.estimate_s));
    j.need = r.need;
    j.size = r.size;
    j.recorded_wait_s = r.wait_s;
    out.jobs.push_back(j);
  }
}

VmDemand read_demand(const scenario::VmDemandTrace& t) {
  std::vector<io::VmCpuSeries> raw =
      t.format == "planetlab" ? io::read_planetlab_cpu(t.file)
                              : io::read_bitbrains_cpu(t.file, io::BitbrainsOptions{true});
  double first = std::numeric_limits<double>::infinity();
  for (const auto& v : raw) {
    if (!v.times_s.empty()) first = std::min(first, v.times_s.front());
  }
  const double offset = t.time_offset ? to_seconds(*t.time_offset) : first;
  VmDemand d;
  for (auto& v : raw) {
    if (v.times_s.empty()) continue;
    VmDemandSeries s;
    s.vm = v.vm + (v.period.empty() ? "" : "@" + v.period);
    s.times_s.reserve(v.times_s.size());
    s.util.reserve(v.cpu_pct.size());
    for (std::size_t i = 0; i < v.times_s.size(); ++i) {
      s.times_s.push_back(v.times_s[i] - offset);
      s.util.push_back(std::max(0.0, v.cpu_pct[i] / 100.0));
    }
    d.series.push_back(std::move(s));
  }
  return d;
}

}  // namespace

double VmDemandSeries::at(double t, const std::string& after_end) const {
  if (times_s.empty()) return 0;
  if (t <= times_s.front()) return util.front();
  const std::size_t n = times_s.size();
  const double step = n > 1 ? times_s[n - 1] - times_s[n - 2] : 300.0;
  const double end = times_s.back() + step;
  if (t >= end) {
    if (after_end == "zero") return 0;
    if (after_end == "hold") return util.back();
    t = times_s.front() + std::fmod(t - times_s.front(), end - times_s.front());
  }
  const auto it = std::upper_bound(times_s.begin(), times_s.end(), t);
  return util[static_cast<std::size_t>(it - times_s.begin()) - 1];
}

bool ReplayInputs::any_jobs() const {
  for (const auto& j : jobs) {
    if (!j.jobs.empty()) return true;
  }
  return false;
}

bool needs_replay_inputs(const scenario::Scenario& s) {
  for (const Workload& w : s.workloads) {
    if (w.kind == WorkloadKind::Trace || w.demand) return true;
  }
  return false;
}

std::shared_ptr<const ReplayInputs> load_replay_inputs(const scenario::Scenario& s,
                                                       std::vector<Diagnostic>& errors) {
  auto in = std::make_shared<ReplayInputs>();
  in->jobs.resize(s.workloads.size());
  in->demand.resize(s.workloads.size());
  for (std::size_t i = 0; i < s.workloads.size(); ++i) {
    const Workload& w = s.workloads[i];
    const std::string path = "spec.workloads[" + std::to_string(i) + "]";
    try {
      if (w.kind == WorkloadKind::Trace) {
        ReplayJobs& out = in->jobs[i];
        std::vector<Raw> raw = w.trace_format == "alibaba-gpu" ? read_pods_raw(w, s, out) : read_swf_raw(w, s, out);
        finish_jobs(w, s, raw, out);
        if (out.jobs.empty()) {
          errors.push_back(Diagnostic::make(w.where, path + ".file",
                                            "no job of '" + w.trace_file + "' is replayed (" +
                                                std::to_string(out.records) + " records, " +
                                                std::to_string(out.skipped()) + " skipped)",
                                            "check time_offset, time_scale, limit and spec.duration"));
        }
      }
      if (w.demand) {
        in->demand[i] = read_demand(*w.demand);
        if (in->demand[i].series.empty()) {
          errors.push_back(Diagnostic::make(w.where, path + ".demand.file",
                                            "the demand trace '" + w.demand->file + "' has no series"));
        }
      }
    } catch (const io::ImportError& e) {
      errors.push_back(located(e, path + (w.kind == WorkloadKind::Trace ? ".file" : ".demand.file")));
    }
  }
  return in;
}

}  // namespace fleetsim::model
