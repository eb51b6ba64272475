/// Replaying the Grid'5000 availability trace (Failure Trace Archive format) reproduces
/// every replayed node's availability as computed directly from the file
/// (io::availability_by_node), to 0.001 absolute. The simulated availability is measured
/// here from the model's own host_down / host_up records, not from the controller's
/// accounting, inside each node's observed window.

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "sim/io/importers/fta_reader.hpp"
#include "sim/scenario/loader.hpp"
#include "tests/support/run_model.hpp"

using namespace fleetsim;

TEST_CASE("replaying the Grid'5000 trace reproduces each node's availability", "[validation][failures][trace]") {
  const std::string path = std::string(FLEETSIM_SOURCE_DIR) + "/scenarios/validation/grid5000-replay.yaml";
  auto loaded = scenario::load_scenario_file(path, {});
  REQUIRE(loaded.errors.empty());
  const scenario::Scenario& s = *loaded.scenario;
  const std::string file = s.failures.at(0).trace->file;
  REQUIRE(std::filesystem::exists(file));  // ../shared/data is part of the project's environment

  const io::FtaTrace trace = io::read_fta_event_trace(file);
  const std::vector<io::NodeAvailability> recorded = io::availability_by_node(trace);
  // Each node's observed window, in seconds since the trace's first record (time 0).
  std::int64_t first = INT64_MAX;
  for (const auto& iv : trace.intervals) first = std::min(first, iv.start_s);
  std::vector<std::int64_t> from(trace.nodes.size(), INT64_MAX), to(trace.nodes.size(), INT64_MIN);
  for (const auto& iv : trace.intervals) {
    from[iv.node] = std::min(from[iv.node], iv.start_s - first);
    to[iv.node] = std::max(to[iv.node], iv.end_s - first);
  }

  const auto out = testing::run(s, 1, true);
  REQUIRE(out.results.metrics.at("failures.trace.compared_hosts") == 1288);
  // Down time per host from the model's host_down / host_up records (host h = node h).
  std::vector<double> down_since(trace.nodes.size(), -1), down_s(trace.nodes.size(), 0);
  const auto first_host_component = [&] {
    for (std::size_t c = 0; c < out.components.kind.size(); ++c) {
      if (out.components.kind[c] == 5) return static_cast<std::int64_t>(out.components.id[c]);  // host
    }
    return std::int64_t{-1};
  }();
  REQUIRE(first_host_component >= 0);
  std::size_t records = 0;
  for (const io::TraceEvent& e : out.results.events) {
    const bool down = e.kind == static_cast<std::uint16_t>(model::TraceKind::HostDown);
    const bool up = e.kind == static_cast<std::uint16_t>(model::TraceKind::HostUp);
    if (!down && !up) continue;
    const auto h = static_cast<std::size_t>(e.component - first_host_component);
    if (h >= trace.nodes.size()) continue;
    ++records;
    const double t = static_cast<double>(e.time_us) / 1e6;
    if (down) {
      down_since[h] = t;
    } else {
      down_s[h] += t - down_since[h];
      down_since[h] = -1;
    }
  }
  CHECK(records > 500000);
  double worst = 0, lowest = 1;
  std::size_t compared = 0;
  for (std::size_t n = 0; n < trace.nodes.size(); ++n) {
    const double window = static_cast<double>(to[n] - from[n]);
    if (window <= 0) continue;
    if (down_since[n] >= 0) down_s[n] += static_cast<double>(to[n]) - down_since[n];
    const double sim = 1.0 - down_s[n] / window;
    INFO("node " << trace.nodes[n].name << ": simulated " << sim << ", from the file " << recorded[n].availability);
    CHECK(std::abs(sim - recorded[n].availability) <= 0.001);
    worst = std::max(worst, std::abs(sim - recorded[n].availability));
    lowest = std::min(lowest, recorded[n].availability);
    ++compared;
  }
  CHECK(compared == 1288);
  CHECK(lowest < 0.5);  // the trace has badly available nodes: the check is not vacuous
  CHECK(worst <= 0.001);
  CHECK(out.results.metrics.at("failures.trace.availability_max_error") <= 0.001);
}
