#include "sim/experiment/plan_runner.hpp"

#include <array>
#include <limits>
#include <set>

#include "sim/io/json.hpp"
#include "sim/scenario/overrides.hpp"

namespace fleetsim::experiment {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Metrics shown in the curve: the plan's selection, or the assertions' metrics.
std::vector<std::string> curve_metrics(const ExperimentSpec& plan, const SearchOutcome& outcome) {
  std::set<std::string> names;
  for (const Probe& p : outcome.probes) {
    for (const auto& [name, s] : p.stats) {
      if (!plan.metrics.empty() && metric_selected(name, plan.metrics)) names.insert(name);
    }
    if (plan.metrics.empty()) {
      for (const Verdict& v : p.verdicts) names.insert(v.assertion.metric);
    }
  }
  return {names.begin(), names.end()};
}

}  // namespace

std::vector<std::string> probe_overrides(const ExperimentSpec& plan, std::int64_t value,
                                         OverrideOrigins& origins) {
  std::vector<std::string> out;
  for (const RawValue& v : plan.set) {
    out.push_back(v.text);
    origins.emplace(v.text, v.where);
  }
  if (plan.assertions) {
    out.push_back("spec.assertions=" + plan.assertions->text);
    origins.emplace(out.back(), plan.assertions->where);
  }
  out.push_back(plan.parameter + "=" + std::to_string(value));
  origins.emplace(out.back(), plan.parameter_where);
  return out;
}

SearchOutcome run_plan(const ExperimentSpec& plan, const VariantSource& source, Cluster& cluster,
                       unsigned threads, PlanObserver* observer) {
  const bool root = cluster.rank() == 0;
  const std::size_t reps = static_cast<std::size_t>(plan.replications);
  const Evaluate probe_batch = [&](const std::vector<std::int64_t>& values) {
    std::vector<Probe> probes(values.size());
    Variants variants;
    std::vector<std::size_t> slot;  // probe of each variant
    for (std::size_t k = 0; k < values.size(); ++k) {
      probes[k].value = values[k];
      OverrideOrigins origins;
      VariantLoad l = source.load(probe_overrides(plan, values[k], origins));
      if (!l.variant || !l.errors.empty()) {
        relocate(l.errors, origins);
        probes[k].exit_code = 2;
        for (const auto& d : l.errors) probes[k].errors.push_back(d.format());
        continue;
      }
      slot.push_back(k);
      variants.push_back(std::move(l.variant));
    }
    std::vector<Task> tasks;
    for (std::size_t v = 0; v < variants.size(); ++v) {
      for (std::size_t r = 0; r < reps; ++r) tasks.push_back({v, r});
    }
    if (observer && root) observer->batch_start(values, tasks.size());
    const std::vector<TaskResult> results =
        run_distributed(cluster, variants, tasks, threads, root ? observer : nullptr);
    for (std::size_t v = 0; v < variants.size(); ++v) {
      Probe& p = probes[slot[v]];
      std::vector<Metrics> runs;
      for (std::size_t r = 0; r < reps; ++r) {
        const TaskResult& t = results[v * reps + r];
        if (!t.ok) {
          p.exit_code = 3;
          p.errors.push_back("replication " + std::to_string(r) + " (seed " + std::to_string(t.seed) +
                             "): " + t.error);
        }
        runs.push_back(t.metrics);
      }
      if (!p.errors.empty()) continue;
      p.stats = summarize_runs(runs, plan.confidence);
      p.verdicts = evaluate(variants[v]->scenario().assertions, p.stats);
      for (const Verdict& x : p.verdicts) {
        if (x.found) continue;
        p.exit_code = 2;
        scenario::Location where = x.assertion.where;
        if (where.file == scenario::kOverrideFile && plan.assertions) where = plan.assertions->where;
        p.errors.push_back(scenario::Diagnostic::make(where, "", "unknown metric '" + x.assertion.metric + "'",
                                                      "the scenario produces no metric of that name")
                               .format());
      }
      p.ok = p.errors.empty();
      p.pass = p.ok && all_pass(p.verdicts);
    }
    if (observer && root) {
      for (const Probe& p : probes) observer->probe_done(p);
    }
    return probes;
  };
  return find_smallest(plan.min, plan.max, probe_batch);
}

io::ResultsTable plan_table(const ExperimentSpec& plan, const SearchOutcome& outcome) {
  io::ResultsTable t;
  t.attributes = {{"plan", plan.name},
                  {"plan_file", plan.source_file},
                  {"scenario_file", plan.scenario},
                  {"parameter", plan.parameter},
                  {"replications", std::to_string(plan.replications)},
                  {"confidence", short_number(plan.confidence)},
                  {"answer", outcome.answer ? std::to_string(*outcome.answer) : ""}};
  auto text = [](std::string name, std::string help) {
    io::TableColumn c;
    c.name = std::move(name);
    c.numeric = false;
    c.unit = "text";
    c.description = std::move(help);
    return c;
  };
  auto number = [](std::string name, std::string help) {
    io::TableColumn c;
    c.name = std::move(name);
    c.unit = "1";
    c.description = std::move(help);
    return c;
  };
  io::TableColumn value = number(plan.parameter, "The value of the searched parameter.");
  io::TableColumn outcome_col = text("outcome", "pass (every assertion holds), fail, or error.");
  io::TableColumn order = number("step", "Evaluation batch (0 = min and max, then one per bisection step).");
  std::vector<std::string> titles;
  for (const Probe& p : outcome.probes) {
    for (const Verdict& v : p.verdicts) {
      const std::string s = verdict_title(v);
      if (std::find(titles.begin(), titles.end(), s) == titles.end()) titles.push_back(s);
    }
  }
  std::vector<std::pair<io::TableColumn, io::TableColumn>> acols;
  for (const std::string& s : titles) {
    acols.emplace_back(number("value: " + s, "The compared statistic of the assertion."),
                       text("pass: " + s, "pass or fail."));
  }
  const std::vector<std::string> metrics = curve_metrics(plan, outcome);
  std::vector<std::array<io::TableColumn, 3>> mcols;
  for (const std::string& m : metrics) {
    mcols.push_back({number(m + ".mean", "Mean over the replications."),
                     number(m + ".ci_low", "Lower end of the CI of the mean."),
                     number(m + ".ci_high", "Upper end of the CI of the mean.")});
  }
  io::TableColumn error = text("error", "What went wrong, for error rows.");
  for (const Probe& p : outcome.probes) {
    value.numbers.push_back(static_cast<double>(p.value));
    outcome_col.texts.push_back(!p.ok ? "error" : p.pass ? "pass" : "fail");
    order.numbers.push_back(static_cast<double>(p.order));
    for (std::size_t k = 0; k < titles.size(); ++k) {
      double actual = kNaN;
      std::string cell;
      for (const Verdict& v : p.verdicts) {
        if (verdict_title(v) != titles[k]) continue;
        actual = v.actual;
        cell = v.pass ? "pass" : "fail";
      }
      acols[k].first.numbers.push_back(actual);
      acols[k].second.texts.push_back(cell);
    }
    for (std::size_t k = 0; k < metrics.size(); ++k) {
      const auto it = p.stats.find(metrics[k]);
      const bool have = it != p.stats.end();
      mcols[k][0].numbers.push_back(have ? it->second.mean : kNaN);
      mcols[k][1].numbers.push_back(have ? it->second.ci_low : kNaN);
      mcols[k][2].numbers.push_back(have ? it->second.ci_high : kNaN);
    }
    std::string err;
    for (const std::string& e : p.errors) err += (err.empty() ? "" : "; ") + e;
    error.texts.push_back(err);
  }
  t.columns.push_back(std::move(value));
  t.columns.push_back(std::move(outcome_col));
  t.columns.push_back(std::move(order));
  for (auto& [a, b] : acols) {
    t.columns.push_back(std::move(a));
    t.columns.push_back(std::move(b));
  }
  for (auto& g : mcols) {
    for (auto& c : g) t.columns.push_back(std::move(c));
  }
  t.columns.push_back(std::move(error));
  return t;
}

std::string plan_json(const ExperimentSpec& plan, const SearchOutcome& outcome) {
  io::JsonWriter j(true);
  j.begin_object();
  j.field("plan", plan.name);
  j.field("scenario_file", plan.scenario);
  j.field("parameter", plan.parameter);
  j.field("min", plan.min);
  j.field("max", plan.max);
  j.field("replications", plan.replications);
  j.field("confidence", plan.confidence);
  j.key("answer");
  if (outcome.answer) j.value(*outcome.answer);
  else j.null();
  j.field("failed", outcome.failed);
  j.field("evaluations", static_cast<std::uint64_t>(outcome.probes.size()));
  j.key("probes").begin_array();
  for (const Probe& p : outcome.probes) {
    j.begin_object();
    j.field("value", p.value);
    j.field("step", static_cast<std::uint64_t>(p.order));
    j.field("outcome", !p.ok ? "error" : p.pass ? "pass" : "fail");
    j.key("assertions").begin_array();
    for (const Verdict& v : p.verdicts) {
      j.begin_object();
      j.field("assertion", verdict_title(v));
      j.field("aggregate", v.assertion.aggregate);
      j.field("actual", v.actual);
      j.field("pass", v.pass);
      if (v.stats) {
        j.field("mean", v.stats->mean);
        j.field("ci_low", v.stats->ci_low);
        j.field("ci_high", v.stats->ci_high);
      }
      j.end_object();
    }
    j.end_array();
    j.key("errors").begin_array();
    for (const std::string& e : p.errors) j.value(e);
    j.end_array();
    j.end_object();
  }
  j.end_array();
  j.end_object();
  return j.str() + "\n";
}

}  // namespace fleetsim::experiment
