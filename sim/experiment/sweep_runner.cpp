#include "sim/experiment/sweep_runner.hpp"

#include <algorithm>

namespace fleetsim::experiment {

namespace {

/// Loaded points of one round and where their tasks start.
struct Loaded {
  std::size_t point;
  std::shared_ptr<const Variant> variant;
};

PointResult assemble(const SweepPoint& point, const std::string& key, const Variant& variant,
                     const std::vector<TaskResult>& results, std::size_t first, std::size_t reps) {
  PointResult r;
  r.key = key;
  r.index = point.index;
  r.values = point.values;
  r.overrides = point.overrides;
  r.assertions = variant.scenario().assertions;
  r.ok = true;
  for (std::size_t k = 0; k < reps; ++k) {
    const TaskResult& t = results[first + k];
    r.seeds.push_back(t.seed);
    r.wall_s += t.wall_s;
    if (!t.ok) {
      r.ok = false;
      r.exit_code = 3;
      r.errors.push_back("replication " + std::to_string(k) + " (seed " + std::to_string(t.seed) +
                         "): " + t.error);
    }
    r.runs.push_back(t.metrics);
  }
  if (!r.ok) r.runs.clear();
  return r;
}

}  // namespace

bool SweepOutcome::complete() const {
  for (const auto& r : results) {
    if (!r) return false;
  }
  return true;
}

PointResult load_error_result(const SweepPoint& point, const std::string& key,
                              std::vector<scenario::Diagnostic> errors) {
  relocate(errors, point.origins);
  PointResult r;
  r.key = key;
  r.index = point.index;
  r.values = point.values;
  r.overrides = point.overrides;
  r.ok = false;
  r.exit_code = 2;
  for (const auto& d : errors) r.errors.push_back(d.format());
  return r;
}

SweepOutcome collect_sweep(const ExperimentSpec& sweep, const VariantSource& source,
                           const PointStore& store, const std::string& version) {
  SweepOutcome out;
  out.points = expand_points(sweep);
  for (const SweepPoint& p : out.points) {
    out.keys.push_back(point_key(version, source.base_text(), p.overrides, sweep.replications));
    out.results.push_back(store.load(out.keys.back()));
  }
  return out;
}

SweepOutcome run_sweep(const ExperimentSpec& sweep, const VariantSource& source,
                       const PointStore& store, Cluster& cluster, const SweepOptions& options,
                       SweepObserver* observer) {
  const bool root = cluster.rank() == 0;
  SweepOutcome out;
  out.points = expand_points(sweep);
  const std::size_t n = out.points.size();
  const std::size_t reps = static_cast<std::size_t>(sweep.replications);
  out.results.resize(n);
  for (const SweepPoint& p : out.points) {
    out.keys.push_back(point_key(options.version, source.base_text(), p.overrides, sweep.replications));
  }

  // Rank 0 decides which points are done (it alone reads the store) and tells the others.
  std::string done(n, '0');
  if (root) {
    for (std::size_t i = 0; i < n; ++i) {
      std::optional<PointResult> stored = store.load(out.keys[i]);
      const bool complete = stored && stored->ok && stored->seeds.size() == reps;
      if (options.shard.contains(i)) {
        if (options.resume && complete) {
          done[i] = '1';
          out.results[i] = std::move(stored);
        }
      } else if (stored) {
        out.results[i] = std::move(stored);  // another shard's result completes the table
      }
    }
  }
  done = cluster.broadcast(done);

  std::vector<std::size_t> pending;
  for (std::size_t i = 0; i < n; ++i) {
    if (!options.shard.contains(i)) continue;
    if (done[i] == '1') {
      ++out.skipped;
      continue;
    }
    pending.push_back(i);
  }
  if (observer && root) observer->start(n, out.skipped, pending.size() * reps);

  // Rounds of points: enough tasks to keep every worker busy, few enough that results
  // are stored as the sweep goes (an interrupted sweep resumes after the last round) and
  // that only one round's scenarios are held in memory.
  const std::size_t workers = static_cast<std::size_t>(cluster.size()) * std::max(1u, options.threads);
  const std::size_t per_round = std::max<std::size_t>(1, (4 * workers + reps - 1) / reps);
  auto finished = [&](std::size_t i, PointResult r) {
    ++out.ran;
    out.errors += !r.ok;
    if (root) {
      store.save(r);
      if (observer) observer->point_done(out.points[i], r);
    }
    out.results[i] = std::move(r);
  };
  for (std::size_t begin = 0; begin < pending.size(); begin += per_round) {
    const std::size_t end = std::min(pending.size(), begin + per_round);
    // Loading is deterministic, so every rank agrees on which points fail to load.
    std::vector<Loaded> runnable;
    for (std::size_t k = begin; k < end; ++k) {
      const std::size_t i = pending[k];
      VariantLoad l = source.load(out.points[i].overrides);
      if (!l.variant || !l.errors.empty()) {
        finished(i, load_error_result(out.points[i], out.keys[i], std::move(l.errors)));
        continue;
      }
      runnable.push_back({i, std::move(l.variant)});
    }
    if (runnable.empty()) continue;
    Variants variants;
    std::vector<Task> tasks;
    for (std::size_t k = 0; k < runnable.size(); ++k) {
      variants.push_back(runnable[k].variant);
      for (std::size_t rep = 0; rep < reps; ++rep) tasks.push_back({k, rep});
    }
    if (observer && root) observer->round_start(tasks.size());
    const std::vector<TaskResult> results =
        run_distributed(cluster, variants, tasks, options.threads, root ? observer : nullptr);
    for (std::size_t k = 0; k < runnable.size(); ++k) {
      const std::size_t i = runnable[k].point;
      finished(i, assemble(out.points[i], out.keys[i], *runnable[k].variant, results, k * reps, reps));
    }
  }
  return out;
}

}  // namespace fleetsim::experiment
