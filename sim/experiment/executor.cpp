#include "sim/experiment/executor.hpp"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <exception>
#include <stdexcept>

#include "sim/core/tsan.hpp"
#include "sim/experiment/seeds.hpp"

namespace fleetsim::experiment {

namespace {

TaskResult run_one(const Variant& v, const Task& t, unsigned engine_threads, std::size_t index,
                   TaskObserver* observer) {
  TaskResult r;
  r.seed = replication_seed(v.scenario().seed, t.replication);
  const auto t0 = std::chrono::steady_clock::now();
  try {
    FractionCallback cb;
    if (observer) cb = [observer, index](double f) { observer->progress(index, f); };
    r.metrics = v.run(r.seed, engine_threads, cb);
    r.ok = true;
  } catch (const std::exception& e) {
    r.ok = false;
    r.error = e.what();
    r.metrics.clear();
  }
  r.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (observer) observer->done(index, r);
  return r;
}

// ---------------------------------------------------------------- wire format

void put_u64(std::string& out, std::uint64_t v) {
  char b[8];
  std::memcpy(b, &v, 8);
  out.append(b, 8);
}
void put_f64(std::string& out, double v) {
  std::uint64_t bits;
  std::memcpy(&bits, &v, 8);
  put_u64(out, bits);
}
void put_str(std::string& out, const std::string& s) {
  put_u64(out, s.size());
  out += s;
}

class Reader {
 public:
  explicit Reader(const std::string& s) : s_(s) {}
  std::uint64_t u64() {
    need(8);
    std::uint64_t v;
    std::memcpy(&v, s_.data() + pos_, 8);
    pos_ += 8;
    return v;
  }
  double f64() {
    const std::uint64_t bits = u64();
    double v;
    std::memcpy(&v, &bits, 8);
    return v;
  }
  std::string str() {
    const std::uint64_t n = u64();
    need(n);
    std::string v = s_.substr(pos_, n);
    pos_ += n;
    return v;
  }
  bool at_end() const { return pos_ == s_.size(); }

 private:
  void need(std::uint64_t n) const {
    if (n > s_.size() - pos_) throw std::runtime_error("truncated result message");
  }
  const std::string& s_;
  std::size_t pos_ = 0;
};

}  // namespace

std::vector<TaskResult> run_local(const Variants& variants, const std::vector<Task>& tasks,
                                  unsigned threads, TaskObserver* observer) {
  std::vector<TaskResult> results(tasks.size());
  if (tasks.empty()) return results;
  threads = std::max(1u, threads);
  const unsigned concurrent = static_cast<unsigned>(std::min<std::size_t>(threads, tasks.size()));
  const unsigned engine_threads = std::max(1u, threads / concurrent);
  if (concurrent == 1) {
    for (std::size_t i = 0; i < tasks.size(); ++i) {
      results[i] = run_one(*variants.at(tasks[i].variant), tasks[i], engine_threads, i, observer);
    }
    return results;
  }
  tbb::task_arena arena(static_cast<int>(concurrent));
  const auto body = [&](std::size_t i) {
    core::tsan_acquire(&core::tsan_loop_start);  // sim/core/tsan.hpp: the loop's edges
    results[i] = run_one(*variants.at(tasks[i].variant), tasks[i], engine_threads, i, observer);
    core::tsan_release(&core::tsan_loop_end);
  };
  core::tsan_release(&core::tsan_loop_start);
  arena.execute([&] {
    tbb::parallel_for(std::size_t{0}, tasks.size(), std::size_t{1}, body, tbb::simple_partitioner());
  });
  core::tsan_acquire(&core::tsan_loop_end);
  return results;
}

std::string encode_results(const std::vector<std::pair<std::size_t, TaskResult>>& results) {
  std::string out;
  put_u64(out, results.size());
  for (const auto& [index, r] : results) {
    put_u64(out, index);
    put_u64(out, r.ok ? 1 : 0);
    put_str(out, r.error);
    put_u64(out, r.seed);
    put_f64(out, r.wall_s);
    put_u64(out, r.metrics.size());
    for (const auto& [name, value] : r.metrics) {
      put_str(out, name);
      put_f64(out, value);
    }
  }
  return out;
}

std::vector<std::pair<std::size_t, TaskResult>> decode_results(const std::string& bytes) {
  Reader in(bytes);
  std::vector<std::pair<std::size_t, TaskResult>> out;
  const std::uint64_t n = in.u64();
  for (std::uint64_t k = 0; k < n; ++k) {
    const std::size_t index = in.u64();
    TaskResult r;
    r.ok = in.u64() != 0;
    r.error = in.str();
    r.seed = in.u64();
    r.wall_s = in.f64();
    const std::uint64_t m = in.u64();
    for (std::uint64_t j = 0; j < m; ++j) {
      std::string name = in.str();
      r.metrics.emplace_hint(r.metrics.end(), std::move(name), in.f64());
    }
    out.emplace_back(index, std::move(r));
  }
  if (!in.at_end()) throw std::runtime_error("trailing bytes in result message");
  return out;
}

std::vector<TaskResult> run_distributed(Cluster& cluster, const Variants& variants,
                                        const std::vector<Task>& tasks, unsigned threads,
                                        TaskObserver* observer) {
  if (cluster.size() == 1) return run_local(variants, tasks, threads, observer);
  const std::size_t size = static_cast<std::size_t>(cluster.size());
  const std::size_t rank = static_cast<std::size_t>(cluster.rank());
  std::vector<Task> mine;
  std::vector<std::size_t> global;
  for (std::size_t i = rank; i < tasks.size(); i += size) {
    mine.push_back(tasks[i]);
    global.push_back(i);
  }
  // Observer calls carry global task indexes.
  struct Remap final : TaskObserver {
    TaskObserver* inner;
    const std::vector<std::size_t>* global;
    void progress(std::size_t i, double f) override { inner->progress((*global)[i], f); }
    void done(std::size_t i, const TaskResult& r) override { inner->done((*global)[i], r); }
  } remap;
  remap.inner = observer;
  remap.global = &global;
  std::vector<TaskResult> local = run_local(variants, mine, threads, observer ? &remap : nullptr);

  std::vector<std::pair<std::size_t, TaskResult>> tagged;
  for (std::size_t k = 0; k < local.size(); ++k) tagged.emplace_back(global[k], std::move(local[k]));
  const std::vector<std::string> parts = cluster.gather(encode_results(tagged));
  std::string all;
  if (cluster.rank() == 0) {
    std::vector<std::pair<std::size_t, TaskResult>> merged;
    for (const std::string& p : parts) {
      for (auto& item : decode_results(p)) merged.push_back(std::move(item));
    }
    all = encode_results(merged);
  }
  all = cluster.broadcast(all);
  std::vector<TaskResult> results(tasks.size());
  std::vector<bool> seen(tasks.size(), false);
  for (auto& [index, r] : decode_results(all)) {
    if (index >= tasks.size() || seen[index]) throw std::runtime_error("bad task index in results");
    seen[index] = true;
    results[index] = std::move(r);
  }
  for (std::size_t i = 0; i < seen.size(); ++i) {
    if (!seen[i]) throw std::runtime_error("no result for task " + std::to_string(i));
  }
  return results;
}

}  // namespace fleetsim::experiment
