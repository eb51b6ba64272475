#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "sim/core/simulation.hpp"

using namespace fleetsim;
using namespace fleetsim::core;

namespace {

struct Seen {
  Time time;
  EntityId target;
  std::uint64_t key;
  std::uint64_t payload;
};

// Records every handled event; on kind 1 schedules `payload` follow-ups at the same time.
struct Recorder {
  std::vector<Seen> seen;
  void handle(Context& ctx, const Event& e) {
    seen.push_back({e.time, e.target, e.key, e.payload});
    if (e.kind == 1) {
      for (std::uint64_t i = 0; i < e.payload; ++i) ctx.schedule(ctx.now(), static_cast<EntityId>(i), 0, 100 + i);
    }
  }
};

}  // namespace

TEST_CASE("same-time events run in key order: origin entity, then its sequence", "[core][engine]") {
  SimulationConfig cfg;
  cfg.entities = 4;
  Simulation sim(cfg);
  sim.schedule(5, 3, 0, 30);
  sim.schedule(5, 1, 0, 10);
  sim.schedule(5, 1, 0, 11);
  sim.schedule(2, 2, 0, 20);
  Recorder r;
  const RunStats st = sim.run(r);
  REQUIRE(st.events == 4);
  CHECK(r.seen[0].payload == 20);  // earliest time first
  CHECK(r.seen[1].payload == 10);  // entity 1, sequence 0
  CHECK(r.seen[2].payload == 11);  // entity 1, sequence 1
  CHECK(r.seen[3].payload == 30);  // entity 3
  CHECK(st.last_time == 5);
}

TEST_CASE("zero-delay follow-ups run after the event that made them", "[core][engine]") {
  SimulationConfig cfg;
  cfg.entities = 3;
  Simulation sim(cfg);
  sim.schedule(7, 2, 1, 2);  // entity 2 schedules events for 0 and 1 at t=7
  sim.schedule(7, 0, 0, 99);
  Recorder r;
  sim.run(r);
  REQUIRE(r.seen.size() == 4);
  CHECK(r.seen[0].payload == 99);   // key (0, 0) < key (2, 0)
  CHECK(r.seen[1].payload == 2);
  CHECK(r.seen[2].payload == 100);  // key (2, 1)
  CHECK(r.seen[3].payload == 101);  // key (2, 2)
}

TEST_CASE("events at or after the end time are not handled", "[core][engine]") {
  SimulationConfig cfg;
  cfg.entities = 1;
  cfg.end = 100;
  Simulation sim(cfg);
  sim.schedule(99, 0, 0);
  sim.schedule(100, 0, 0);
  Recorder r;
  CHECK(sim.run(r).events == 1);
  CHECK(sim.pending() == 1);
}

TEST_CASE("scheduling into the past is a model error", "[core][engine]") {
  struct Past {
    void handle(Context& ctx, const Event&) { ctx.schedule(ctx.now() - 1, 0, 0); }
  } h;
  SimulationConfig cfg;
  cfg.entities = 1;
  Simulation sim(cfg);
  sim.schedule(10, 0, 0);
  CHECK_THROWS_AS(sim.run(h), SimulationError);
}

TEST_CASE("lookahead is enforced", "[core][engine]") {
  SimulationConfig cfg;
  cfg.entities = 2;
  cfg.partitions = 2;
  SECTION("a zero lookahead with several partitions is rejected at construction") {
    cfg.lookahead = 0;
    CHECK_THROWS_AS(Simulation(cfg, {0, 1}), std::invalid_argument);
  }
  SECTION("a partition map is required and checked") {
    cfg.lookahead = 10;
    CHECK_THROWS_AS(Simulation(cfg), std::invalid_argument);
    CHECK_THROWS_AS(Simulation(cfg, {0, 2}), std::invalid_argument);
  }
  SECTION("a cross-partition message below the lookahead is rejected") {
    cfg.lookahead = 10;
    cfg.threads = GENERATE(1u, 2u);
    struct Short {
      Duration delay;
      void handle(Context& ctx, const Event& e) {
        if (e.target == 0) ctx.schedule(ctx.now() + delay, 1, 0);
      }
    };
    Simulation ok(cfg, {0, 1});
    ok.schedule(0, 0, 0);
    Short fine{10};
    CHECK(ok.run(fine).events == 2);
    Simulation bad(cfg, {0, 1});
    bad.schedule(0, 0, 0);
    Short too_short{9};
    CHECK_THROWS_WITH(bad.run(too_short), Catch::Contains("below the lookahead"));
  }
  SECTION("within a partition any delay >= 0 is fine") {
    cfg.lookahead = 10;
    struct Local {
      int n = 0;
      void handle(Context& ctx, const Event&) {
        if (++n < 5) ctx.schedule(ctx.now(), 0, 0);
      }
    } h;
    Simulation sim(cfg, {0, 1});
    sim.schedule(0, 0, 0);
    CHECK(sim.run(h).events == 5);
  }
}

TEST_CASE("lazy cancellation with generations", "[core][engine]") {
  struct Timer {
    Generation gen;
    int fired = 0;
    int stale = 0;
    void handle(Context& ctx, const Event& e) {
      if (e.kind == 0) {  // arm three timers, then cancel them and arm one more
        for (int i = 1; i <= 3; ++i) ctx.schedule(ctx.now() + i, 0, 1, 0, gen.value);
        gen.bump();
        ctx.schedule(ctx.now() + 5, 0, 1, 0, gen.value);
        return;
      }
      if (!gen.current(e)) {
        ++stale;
        return;
      }
      ++fired;
    }
  } h;
  SimulationConfig cfg;
  cfg.entities = 1;
  Simulation sim(cfg);
  sim.schedule(0, 0, 0);
  sim.run(h);
  CHECK(h.fired == 1);
  CHECK(h.stale == 3);
}

namespace {

// A ring where every entity forwards to the next with a delay >= lookahead, plus local
// zero-delay chatter, recording a per-entity order-sensitive hash.
struct Ring {
  std::uint32_t n;
  std::vector<std::uint64_t> hash;
  explicit Ring(std::uint32_t entities) : n(entities), hash(entities, 0) {}
  void handle(Context& ctx, const Event& e) {
    auto& h = hash[e.target];
    h = (h * 1000003) ^ static_cast<std::uint64_t>(e.time) ^ (e.key << 1) ^ e.payload;
    if (e.kind == 0) {
      ctx.schedule(ctx.now() + 100 + static_cast<Duration>(e.payload % 7), (e.target + 1) % n, 0, e.payload + 1);
      ctx.schedule(ctx.now(), e.target, 1, e.payload);
    }
  }
};

std::vector<std::uint64_t> run_ring(std::uint32_t partitions, unsigned threads, std::uint32_t tokens = 12) {
  const std::uint32_t n = 12;
  SimulationConfig cfg;
  cfg.entities = n;
  cfg.partitions = partitions;
  cfg.lookahead = 100;
  cfg.end = 50000;
  cfg.threads = threads;
  std::vector<std::uint32_t> map;
  if (partitions > 1) {
    for (std::uint32_t i = 0; i < n; ++i) map.push_back(i % partitions);
  }
  Simulation sim(cfg, map);
  for (std::uint32_t i = 0; i < tokens; ++i) sim.schedule(i * 3, i, 0, i);
  Ring ring(n);
  sim.run(ring);
  return ring.hash;
}

}  // namespace

TEST_CASE("results do not depend on partitions or threads", "[core][engine][determinism]") {
  const auto base = run_ring(1, 1);
  for (std::uint32_t p : {2u, 3u, 4u, 12u}) {
    for (unsigned t : {1u, 2u, 4u}) {
      INFO("partitions " << p << " threads " << t);
      CHECK(run_ring(p, t) == base);
    }
  }
}

TEST_CASE("a token passed between otherwise idle partitions: each gets its mail in time", "[core][engine][determinism]") {
  // One token: in every window at most one partition has mail or events, the others are
  // skipped without looking at their queues, and their send horizons are not asked again.
  const auto base = run_ring(1, 1, 1);
  REQUIRE(base[11] != 0);  // the token went round
  for (std::uint32_t p : {2u, 5u, 12u}) {
    for (unsigned t : {1u, 2u}) {
      INFO("partitions " << p << " threads " << t);
      CHECK(run_ring(p, t, 1) == base);
    }
  }
}

TEST_CASE("two simulations running concurrently equal two run one after another",
          "[core][engine][determinism]") {
  const auto a = run_ring(3, 2);
  const auto b = run_ring(4, 2);
  std::vector<std::uint64_t> ca, cb;
  std::thread ta([&] { ca = run_ring(3, 2); });
  std::thread tb([&] { cb = run_ring(4, 2); });
  ta.join();
  tb.join();
  CHECK(ca == a);
  CHECK(cb == b);
}

namespace {

// Entities 0..3 in partitions 0..3. Entity 0 ticks every 10 (local); every 1000 it sends
// to entity 1 in another partition. It may declare a send horizon: the next multiple
// of 1000 at or after the next event.
struct Ticker {
  bool declare = true;
  bool lie = false;  // declare a horizon and then break it
  std::vector<std::pair<Time, EntityId>> seen;
  void handle(Context& ctx, const Event& e) {
    seen.emplace_back(e.time, e.target);
    if (e.target != 0) return;
    if (ctx.now() % 1000 == 0 || (lie && ctx.now() % 1000 == 500)) ctx.schedule(ctx.now() + 100, 1, 1);
    ctx.schedule(ctx.now() + 10, 0, 0);
  }
  Time send_horizon(std::uint32_t p, Time next) const {
    if (!declare || p != 0) return next;
    return (next + 999) / 1000 * 1000;
  }
};

}  // namespace

TEST_CASE("a declared send horizon widens windows without changing results", "[core][engine]") {
  SimulationConfig cfg;
  cfg.entities = 4;
  cfg.partitions = 4;
  cfg.lookahead = 100;
  cfg.end = 20000;
  cfg.threads = 2;
  auto run = [&](bool declare, bool lie, RunStats* st) {
    Simulation sim(cfg, {0, 1, 2, 3});
    sim.schedule(0, 0, 0);
    Ticker t;
    t.declare = declare;
    t.lie = lie;
    *st = sim.run(t);
    return t.seen;
  };
  RunStats plain, wide;
  const auto a = run(false, false, &plain);
  const auto b = run(true, false, &wide);
  CHECK(a == b);
  CHECK(plain.windows > 150);  // one per lookahead while entity 0 ticks
  CHECK(wide.windows < 50);    // about two per send period
  RunStats broken;
  CHECK_THROWS_WITH(run(true, true, &broken), Catch::Contains("send_horizon"));
}
