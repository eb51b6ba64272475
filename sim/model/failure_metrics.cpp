/// End of run for the failure processes: fault and outage counts per component kind,
/// fleet MTBF and MTTR, and how faithfully replayed traces came out.

#include <algorithm>
#include <cmath>

#include "sim/model/failure_controller.hpp"

namespace fleetsim::model {

void FailureController::finish(ModelResults& results, Time end) {
  auto& m = results.metrics;
  ZoneStats all;
  for (const ZoneStats& z : stats_) {  // zone order: deterministic sums
    for (int k = 0; k < kComponentKinds; ++k) {
      all.faults[k] += z.faults[k];
      all.outages[k] += z.outages[k];
    }
    all.absorbed += z.absorbed;
    all.host_outages += z.host_outages;
    all.repaired += z.repaired;
    all.mttr_s += z.mttr_s;
    all.outage_s += z.outage_s;
  }
  std::vector<char> kinds(kComponentKinds, 0);
  for (const Process& p : processes_) kinds[static_cast<int>(p.kind)] = 1;
  for (int k = 0; k < kComponentKinds; ++k) {
    if (!kinds[k]) continue;
    const std::string prefix = "failures." + std::string(component_kind_name(static_cast<ComponentKind>(k)));
    m[prefix + ".faults"] = static_cast<double>(all.faults[k]);
    m[prefix + ".outages"] = static_cast<double>(all.outages[k]);
  }
  m["failures.absorbed"] = static_cast<double>(all.absorbed);
  m["failures.host_outages"] = static_cast<double>(all.host_outages);
  double in_service_s = 0;
  for (const ZoneState& z : model_.zones()) in_service_s += z.hosts_up.area / 1e6;
  // With no failure at all, MTBF is at least the in-service time observed (a lower bound).
  m["fleet.mtbf_s"] = in_service_s / static_cast<double>(std::max<std::uint64_t>(all.host_outages, 1));
  m["fleet.mttr_s"] = all.repaired ? all.mttr_s / static_cast<double>(all.repaired) : 0.0;
  m["failures.outage_mean_s"] = all.repaired ? all.outage_s / static_cast<double>(all.repaired) : 0.0;

  // Replayed traces: availability of each replaying host inside its node's window.
  std::uint64_t hosts = 0, compared = 0, clipped = 0, merged = 0, outside = 0, unmapped = 0, outages = 0, empty = 0;
  double sum = 0, sum_recorded = 0, max_error = 0;
  bool any = false;
  for (const Process& p : processes_) {
    if (!p.traced) continue;
    any = true;
    const FailureTraceData& d = traces_->by_failure[p.index];
    merged += d.merged;
    outside += d.outside;
    unmapped += d.unmapped;
    empty += d.empty + d.unnamed;
    outages += d.outages.size();
    for (std::size_t i = 0; i < d.hosts.size(); ++i) {
      const TraceWatch& w = watches_[p.index][i];
      const Time a = std::max<Time>(w.window_start, 0), b = std::min(w.window_end, end);
      if (b <= a) continue;
      Duration down = w.down;
      if (w.down_since >= 0) down += std::max<Time>(0, b - std::max(w.down_since, a));
      const double avail = 1.0 - static_cast<double>(down) / static_cast<double>(b - a);
      ++hosts;
      sum += avail;
      const double rec = d.hosts[i].recorded_availability;
      if (std::isnan(rec)) continue;
      if (w.window_start < 0 || w.window_end > end) {
        ++clipped;
        continue;
      }
      ++compared;
      sum_recorded += rec;
      max_error = std::max(max_error, std::abs(avail - rec));
    }
  }
  if (!any) return;
  m["failures.trace.hosts"] = static_cast<double>(hosts);
  m["failures.trace.outages"] = static_cast<double>(outages);
  m["failures.trace.merged"] = static_cast<double>(merged);
  m["failures.trace.outside_run"] = static_cast<double>(outside);
  m["failures.trace.unmapped"] = static_cast<double>(unmapped);
  m["failures.trace.dropped"] = static_cast<double>(empty);  // zero-length, or naming no node
  m["failures.trace.availability_mean"] = hosts ? sum / static_cast<double>(hosts) : 0.0;
  m["failures.trace.compared_hosts"] = static_cast<double>(compared);
  m["failures.trace.clipped_hosts"] = static_cast<double>(clipped);
  m["failures.trace.recorded_availability_mean"] = compared ? sum_recorded / static_cast<double>(compared) : 0.0;
  m["failures.trace.availability_max_error"] = max_error;
}

}  // namespace fleetsim::model
