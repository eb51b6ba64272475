#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include <catch2/catch.hpp>

#include "sim/phold/phold.hpp"

using namespace fleetsim;

namespace {

phold::Params small() {
  phold::Params p;
  p.lps = 256;
  p.start_events = 4;
  p.end = 100;
  p.seed = 5;
  return p;
}

std::string run_cmd(const std::string& cmd) {
  std::string out;
  FILE* f = popen(cmd.c_str(), "r");
  REQUIRE(f != nullptr);
  char buf[4096];
  while (std::fgets(buf, sizeof buf, f)) out += buf;
  pclose(f);
  return out;
}

std::string json_field(const std::string& json, const std::string& name) {
  const auto at = json.find("\"" + name + "\":");
  if (at == std::string::npos) return {};
  auto from = at + name.size() + 3;
  auto to = json.find_first_of(",}", from);
  std::string v = json.substr(from, to - from);
  if (!v.empty() && v.front() == '"') v = v.substr(1, v.size() - 2);
  return v;
}

}  // namespace

TEST_CASE("PHOLD is identical for every thread and partition count", "[phold][determinism]") {
  const phold::Params base = small();
  const phold::Result ref = phold::run(base);
  REQUIRE(ref.events > 0);
  for (std::uint32_t parts : {1u, 2u, 3u, 8u, 64u}) {
    for (unsigned threads : {1u, 2u, 4u}) {
      phold::Params p = base;
      p.partitions = parts;
      p.threads = threads;
      const phold::Result r = phold::run(p);
      INFO("partitions " << parts << " threads " << threads);
      CHECK(r.events == ref.events);
      CHECK(r.checksum == ref.checksum);
      CHECK(r.pending == ref.pending);
    }
  }
}

TEST_CASE("PHOLD is identical for every event queue", "[phold][queue]") {
  phold::Params p = small();
  const phold::Result ref = phold::run(p);
  for (const char* q : {"heap2", "calendar"}) {
    p.queue = q;
    const phold::Result r = phold::run(p);
    INFO(q);
    CHECK(r.events == ref.events);
    CHECK(r.checksum == ref.checksum);
  }
}

TEST_CASE("PHOLD event count matches its closed form", "[phold][validation]") {
  // Each of lps x start_events chains handles one event per (lookahead + Exp(mean)),
  // so over [0, end) the expected count is chains x end / (lookahead + mean), less the
  // start-up of about one interval per chain. 2% tolerance is > 10 standard errors here.
  phold::Params p = small();
  p.end = 1000;
  const phold::Result r = phold::run(p);
  const double chains = p.lps * p.start_events;
  const double expected = chains * (p.end / (p.lookahead + p.mean) - 0.5);
  CHECK(std::abs(r.events - expected) / expected < 0.02);
  CHECK(r.pending == chains);  // every chain still has exactly one pending event
  // With 2 partitions and remote 0.5, about a quarter of events cross partitions.
  p.partitions = 2;
  const phold::Result q = phold::run(p);
  CHECK(std::abs(static_cast<double>(q.messages) / q.events - 0.25) < 0.01);
}

TEST_CASE("a different seed gives a different run", "[phold]") {
  phold::Params p = small();
  const auto a = phold::run(p);
  p.seed = 6;
  const auto b = phold::run(p);
  CHECK(a.checksum != b.checksum);
}

TEST_CASE("invalid PHOLD parameters are rejected", "[phold]") {
  phold::Params p = small();
  p.partitions = 2;
  p.lookahead = 0;
  CHECK_THAT(phold::validate(p), Catch::Contains("lookahead"));
  p = small();
  p.remote = 1.5;
  CHECK_THAT(phold::validate(p), Catch::Contains("remote"));
  p = small();
  p.queue = "splay";
  CHECK_THROWS_AS(phold::run(p), std::invalid_argument);
}

TEST_CASE("fleetsim bench phold agrees with the hand-written reference loop", "[phold][cli]") {
  const std::string bin = FLEETSIM_BINARY_DIR;
  const std::string args = " --lps 512 --start-events 8 --end 50 --seed 9";
  const std::string engine = run_cmd(bin + "/fleetsim bench phold" + args + " --partitions 4 --threads 2");
  const std::string ref = run_cmd(bin + "/bench/phold_reference 512 8 0.1 1.0 0.5 50 9");
  REQUIRE_FALSE(json_field(engine, "checksum").empty());
  CHECK(json_field(engine, "checksum") == json_field(ref, "checksum"));
  CHECK(json_field(engine, "events") == json_field(ref, "events"));
  CHECK(std::stod(json_field(engine, "events_per_s")) > 0);
  CHECK(std::stod(json_field(engine, "peak_rss_mb")) > 0);
}

TEST_CASE("fleetsim bench phold rejects bad flags with exit code 2", "[phold][cli]") {
  const std::string bin = std::string(FLEETSIM_BINARY_DIR) + "/fleetsim";
  auto rc = [&](const std::string& a) {
    const int st = std::system((bin + " bench phold " + a + " >/dev/null 2>&1").c_str());
    return WEXITSTATUS(st);
  };
  CHECK(rc("--lps 16 --end 1") == 0);
  CHECK(rc("--lps abc") == 2);
  CHECK(rc("--frobnicate 3") == 2);
  CHECK(rc("--partitions 2 --lookahead 0") == 2);
  CHECK(rc("--remote 2") == 2);
  CHECK(rc("--lps -5") == 2);
}
