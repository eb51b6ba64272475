#include "analysis/compare/compare.hpp"

#include <cmath>
#include <stdexcept>

#include "analysis/stats/descriptive.hpp"
#include "analysis/stats/forecast_error.hpp"
#include "analysis/stats/ks_test.hpp"
#include "analysis/stats/wasserstein.hpp"

namespace fleetsim::analysis {

bool ComparisonResult::pass() const {
  for (const CheckResult& c : checks) {
    if (!c.pass) return false;
  }
  return true;
}

std::optional<double> ComparisonResult::stat(const std::string& name) const {
  for (const CompareStat& s : stats) {
    if (s.name == name) return s.value;
  }
  return std::nullopt;
}

const char* kind_name(CompareKind k) { return k == CompareKind::Series ? "series" : "distribution"; }

const std::vector<std::string>& judged_stats(CompareKind kind) {
  static const std::vector<std::string> dist{"ks_d", "w1", "p50_rel", "p90_rel", "p99_rel"};
  static const std::vector<std::string> series{"wape", "nrmse"};
  return kind == CompareKind::Series ? series : dist;
}

ComparisonResult compare_distributions(const CompareData& sim, const CompareData& real) {
  ComparisonResult r;
  r.kind = CompareKind::Distribution;
  r.sim = sim.label;
  r.real = real.label;
  r.unit = sim.unit.empty() ? real.unit : sim.unit;
  const KsResult ks = ks_2samp(sim.values, real.values);
  const QuantileErrors q = quantile_relative_errors(real.values, sim.values);
  r.stats = {{"n_sim", static_cast<double>(sim.values.size()), false},
             {"n_real", static_cast<double>(real.values.size()), false},
             {"mean_sim", mean(sim.values), false},
             {"mean_real", mean(real.values), false},
             {"ks_d", ks.statistic},
             {"ks_p", ks.p_value, false},
             {"w1", wasserstein_distance(sim.values, real.values)},
             {"p50_rel", q.p50},
             {"p90_rel", q.p90},
             {"p99_rel", q.p99}};
  return r;
}

ComparisonResult compare_series(const CompareData& sim, const CompareData& real, const AlignOptions& align) {
  if (!sim.is_series() || !real.is_series()) {
    throw std::invalid_argument("a series comparison needs two time series; '" +
                                (sim.is_series() ? real.label : sim.label) + "' is a plain sample");
  }
  ComparisonResult r;
  r.kind = CompareKind::Series;
  r.sim = sim.label;
  r.real = real.label;
  r.unit = sim.unit.empty() ? real.unit : sim.unit;
  const AlignedSeries a = align_series({sim.times, sim.values}, {real.times, real.values}, align);
  const bool any = !a.times.empty();
  r.stats = {{"points", static_cast<double>(a.times.size()), false},
             {"mean_sim", any ? std::optional<double>(mean(a.a)) : std::nullopt, false},
             {"mean_real", any ? std::optional<double>(mean(a.b)) : std::nullopt, false},
             {"wape", any ? wape(a.b, a.a) : std::nullopt},
             {"nrmse", any ? nrmse(a.b, a.a) : std::nullopt}};
  return r;
}

void apply_thresholds(ComparisonResult& r, const std::vector<Threshold>& thresholds) {
  const auto& known = judged_stats(r.kind);
  for (const Threshold& t : thresholds) {
    bool ok = false;
    for (const auto& k : known) ok = ok || k == t.stat;
    if (!ok) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      throw std::invalid_argument("threshold on '" + t.stat + "': a " + kind_name(r.kind) +
                                  " comparison judges " + list);
    }
    CheckResult c;
    c.threshold = t;
    c.value = r.stat(t.stat);
    c.pass = c.value && std::isfinite(*c.value) && std::fabs(*c.value) <= t.max;
    r.checks.push_back(c);
  }
}

}  // namespace fleetsim::analysis
