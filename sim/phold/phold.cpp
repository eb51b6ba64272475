#include "sim/phold/phold.hpp"

#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <stdexcept>
#include <vector>

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>

#include "sim/core/rng.hpp"
#include "sim/core/simulation.hpp"

namespace fleetsim::phold {

namespace {

constexpr double kTicksPerUnit = 1e6;
constexpr std::uint64_t kPurpose = core::purpose_id("phold");

struct Lp {
  core::Rng rng;
  std::uint64_t hash = 0;
};

class Model {
 public:
  Model(const Params& p, std::vector<Lp>& lps)
      : lps_(lps),
        lookahead_(static_cast<Duration>(std::llround(p.lookahead * kTicksPerUnit))),
        exp_(1.0 / (p.mean * kTicksPerUnit)),
        pick_(0, p.lps - 1),
        remote_(p.remote) {}

  Duration delay(core::Rng& rng) {
    return lookahead_ + static_cast<Duration>(exp_(rng));
  }

  template <class Ctx>
  void handle(Ctx& ctx, const core::Event& e) {
    Lp& lp = lps_[e.target];
    lp.hash = fold(lp.hash, e.time, e.key);
    const Duration d = delay(lp.rng);
    const core::EntityId dest = lp.rng.uniform01() < remote_ ? pick_(lp.rng) : e.target;
    ctx.schedule(ctx.now() + d, dest, 0);
  }

 private:
  std::vector<Lp>& lps_;
  Duration lookahead_;
  boost::random::exponential_distribution<double> exp_;
  boost::random::uniform_int_distribution<core::EntityId> pick_;
  double remote_;
};

template <class Queue>
Result run_with(const Params& p) {
  std::vector<Lp> lps(p.lps);
  for (std::uint32_t i = 0; i < p.lps; ++i) lps[i].rng = core::Rng(p.seed, kPurpose, i);
  Model model(p, lps);

  core::SimulationConfig cfg;
  cfg.entities = p.lps;
  cfg.partitions = p.partitions;
  cfg.lookahead = static_cast<Duration>(std::llround(p.lookahead * kTicksPerUnit));
  cfg.end = static_cast<Time>(std::llround(p.end * kTicksPerUnit));
  cfg.threads = p.threads;
  std::vector<std::uint32_t> map;
  if (p.partitions > 1) {
    map.resize(p.lps);
    for (std::uint32_t i = 0; i < p.lps; ++i) {
      map[i] = static_cast<std::uint32_t>(static_cast<std::uint64_t>(i) * p.partitions / p.lps);
    }
  }
  core::BasicSimulation<Queue> sim(cfg, std::move(map));
  sim.reserve(static_cast<std::size_t>(p.lps) * p.start_events);  // PHOLD's population is constant
  for (std::uint32_t i = 0; i < p.lps; ++i) {
    for (std::uint32_t k = 0; k < p.start_events; ++k) sim.schedule(model.delay(lps[i].rng), i, 0);
  }

  const auto t0 = std::chrono::steady_clock::now();
  const core::RunStats st = sim.run(model);
  const auto t1 = std::chrono::steady_clock::now();

  Result r;
  r.events = st.events;
  r.messages = st.messages;
  r.windows = st.windows;
  r.wall_s = std::chrono::duration<double>(t1 - t0).count();
  r.events_per_s = r.wall_s > 0 ? static_cast<double>(r.events) / r.wall_s : 0;
  r.peak_rss_mb = peak_rss_mb();
  std::uint64_t h = 0;
  for (const Lp& lp : lps) h = core::mix64(h ^ lp.hash);
  r.checksum = h;
  r.pending = sim.pending();
  return r;
}

}  // namespace

std::string validate(const Params& p) {
  if (p.lps == 0) return "--lps must be >= 1";
  if (p.partitions == 0) return "--partitions must be >= 1";
  if (p.partitions > p.lps) return "--partitions must not exceed --lps";
  if (p.threads == 0) return "--threads must be >= 1";
  if (!(p.lookahead >= 0) || !std::isfinite(p.lookahead)) return "--lookahead must be >= 0";
  if (p.partitions > 1 && !(p.lookahead * kTicksPerUnit >= 1)) {
    return "--lookahead must be > 0 (at least 1e-6) with more than one partition";
  }
  if (!(p.mean > 0) || !std::isfinite(p.mean)) return "--mean must be > 0";
  if (!(p.remote >= 0 && p.remote <= 1)) return "--remote must be within [0, 1]";
  if (!(p.end > 0) || p.end > 1e12) return "--end must be > 0 and at most 1e12";
  if (p.queue != "heap4" && p.queue != "heap2" && p.queue != "calendar") {
    return "--queue must be heap4, heap2 or calendar";
  }
  return {};
}

Result run(const Params& p) {
  if (const std::string err = validate(p); !err.empty()) throw std::invalid_argument(err);
  if (p.queue == "heap2") return run_with<core::BinaryHeap>(p);
  if (p.queue == "calendar") return run_with<core::CalendarQueue>(p);
  return run_with<core::QuaternaryHeap>(p);
}

double peak_rss_mb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;
}

}  // namespace fleetsim::phold
