/// Failure processes: correlated outages from the topology graph, regions replicated per
/// zone, the calendar-time renewal process (absorbed faults), component filters.

#include <algorithm>
#include <set>

#include <catch2/catch.hpp>

#include "sim/model/failure_targets.hpp"
#include "sim/model/topology.hpp"
#include "tests/support/failure_builder.hpp"
#include "tests/support/run_model.hpp"
#include "tests/support/scenario_builder.hpp"

using namespace fleetsim;

namespace {

std::vector<io::TraceEvent> of_kind(const model::RunOutput& out, model::TraceKind k) {
  std::vector<io::TraceEvent> v;
  for (const auto& e : out.results.events) {
    if (e.kind == static_cast<std::uint16_t>(k)) v.push_back(e);
  }
  return v;
}

}  // namespace

TEST_CASE("a power feed takes down exactly the hosts of the racks it feeds", "[model][failures]") {
  auto s = testing::fleet(1, 4, 5, 2);  // 20 hosts; racks 0 and 2 on feed 1, racks 1 and 3 on feed 2
  s.duration = hours(15);
  auto feed = testing::failure("power_feed", testing::fixed(10 * 3600), testing::fixed(3600));
  feed.components = {"east-a-feed1"};
  s.failures.push_back(feed);
  const auto out = testing::run(s, 1, true);
  const auto& m = out.results.metrics;
  CHECK(m.at("failures.power_feed.faults") == 1);
  CHECK(m.at("failures.power_feed.outages") == 1);
  CHECK(m.at("fleet.host_availability") == Approx(1.0 - 10.0 / 20.0 / 15.0));

  const model::Topology topo(s.topology);
  std::vector<model::ComponentId> feeds = topo.components_of(model::ComponentKind::PowerFeed);
  const std::vector<model::HostId> expected = topo.impacted_hosts(feeds[0]);
  REQUIRE(expected.size() == 10);
  std::set<model::HostId> down;
  for (const auto& e : of_kind(out, model::TraceKind::HostDown)) {
    CHECK(e.time_us == hours(10));
    down.insert(topo.host_of(static_cast<model::ComponentId>(e.component)));
  }
  CHECK(std::vector<model::HostId>(down.begin(), down.end()) == expected);
  for (model::HostId h : expected) CHECK(topo.hosts()[h].rack % 2 == 0);
  for (const auto& e : of_kind(out, model::TraceKind::HostUp)) CHECK(e.time_us == hours(11));
}

TEST_CASE("a region's failure reaches every zone at the same instant", "[model][failures]") {
  auto s = testing::fleet(2, 1, 2, 0);
  s.duration = hours(8);
  s.failures.push_back(testing::failure("region", testing::fixed(5 * 3600), testing::fixed(3600)));
  const auto out = testing::run(s, 2, true);
  const auto& m = out.results.metrics;
  CHECK(m.at("failures.region.faults") == 1);  // counted once, not once per zone
  CHECK(m.at("fleet.host_availability") == Approx(1.0 - 1.0 / 8.0));
  const auto downs = of_kind(out, model::TraceKind::HostDown);
  REQUIRE(downs.size() == 4);
  for (const auto& e : downs) CHECK(e.time_us == hours(5));
}

TEST_CASE("faults come on a calendar-time renewal process; those finding the host broken are absorbed",
          "[model][failures]") {
  auto s = testing::fleet(1, 1, 1, 0);
  s.duration = hours(10);
  s.failures.push_back(testing::failure("host", testing::fixed(3600), testing::fixed(5400)));
  const auto m = testing::run(s).results.metrics;
  // Faults at 1h, 2h, ..., 9h; outages [1h, 2.5h), [3h, 4.5h), ..., [9h, 10h).
  CHECK(m.at("failures.host.faults") == 9);
  CHECK(m.at("failures.host.outages") == 5);
  CHECK(m.at("failures.absorbed") == 4);
  CHECK(m.at("fleet.host_availability") == Approx(0.3));
  CHECK(m.at("fleet.mttr_s") == Approx(5400));  // the four finished outages
}

TEST_CASE("failure processes of several kinds hold a host down until all are repaired", "[model][failures]") {
  auto s = testing::fleet(1, 2, 2, 1);
  s.duration = hours(11) / 2;
  auto rack = testing::failure("rack", testing::fixed(2 * 3600), testing::fixed(3 * 3600));
  rack.components = {"east-a-r01"};
  auto host = testing::failure("host", testing::fixed(3 * 3600), testing::fixed(3600));
  host.components = {"east-a-r01-h01"};
  s.failures.push_back(rack);
  s.failures.push_back(host);
  const auto out = testing::run(s, 1, true);
  const auto& m = out.results.metrics;
  // Rack r01 (hosts h01, h02) down [2h, 5h), its fault at 4h absorbed; host h01 broken
  // [3h, 4h) inside it. Down host-hours: 3 + 3 of 4 hosts x 5.5h.
  CHECK(m.at("fleet.host_availability") == Approx(1.0 - 6.0 / 22.0));
  CHECK(m.at("failures.rack.outages") == 1);
  CHECK(m.at("failures.host.outages") == 1);
  CHECK(m.at("failures.absorbed") == 1);
  // h01 goes down once (with its rack) and comes back once, at 5h: its own repair at 4h
  // does not bring it back while the rack is down.
  const auto downs = of_kind(out, model::TraceKind::HostDown), ups = of_kind(out, model::TraceKind::HostUp);
  CHECK(downs.size() == 2);
  REQUIRE(ups.size() == 2);
  for (const auto& e : ups) CHECK(e.time_us == hours(5));
}

TEST_CASE("named components must exist and be of the target kind", "[model][failures]") {
  auto s = testing::fleet(1, 2, 2, 1);
  auto f = testing::failure("rack", testing::fixed(3600), testing::fixed(60));
  f.components = {"east-a-r01", "east-a-r1", "east-a-feed1"};
  f.where = {"t.yaml", 12, 5};
  s.failures.push_back(f);
  std::vector<scenario::Diagnostic> errors;
  model::check_failure_components(s, errors);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].format().find("t.yaml:12:5: spec.failures[0].components[1]: no rack named 'east-a-r1'") == 0);
  CHECK(errors[0].hint.find("east-a-r01") != std::string::npos);
  CHECK(errors[1].path == "spec.failures[0].components[2]");
}

TEST_CASE("batch jobs stopped by failures are queued again and counted as restarts", "[model][failures]") {
  auto s = testing::fleet(1, 1, 4, 0);
  s.duration = days(10);
  s.workloads.push_back(testing::batch("etl", 4.0 / 3600, testing::fixed(2 * 3600), testing::resources(16, 32)));
  const auto quiet = testing::run(s, 1, true);
  CHECK(quiet.results.metrics.at("workload.etl.restarts") == 0);
  CHECK(of_kind(quiet, model::TraceKind::JobStop).empty());

  s.failures.push_back(testing::failure("host", testing::exponential(12 * 3600), testing::fixed(3600)));
  const auto out = testing::run(s, 1, true);
  const double restarts = out.results.metrics.at("workload.etl.restarts");
  CHECK(restarts > 10);  // ~80 faults on 4 hosts, most of which find jobs running
  // Every restart is a job_stop in the trace, and the restarted jobs still complete.
  CHECK(static_cast<double>(of_kind(out, model::TraceKind::JobStop).size()) == restarts);
  CHECK(out.results.metrics.at("workload.etl.completed") >
        0.8 * quiet.results.metrics.at("workload.etl.completed"));
}

TEST_CASE("rack spread: a rack found full is looked at again once one of its hosts changes", "[model][failures]") {
  // Four whole-host replicas spread over two racks of two hosts: no spare room. When
  // h01 fails its replica cannot go anywhere (its rack's other host is full, and so is
  // the other rack); when h01 is repaired the replica must come back there, although
  // the rack was found full at the last attempt.
  auto s = testing::fleet(1, 2, 2, 1);
  s.duration = hours(5);
  s.workloads.push_back(testing::service("web", 4, testing::resources(64, 256), scenario::SpreadLevel::Rack));
  auto host = testing::failure("host", testing::fixed(3600), testing::fixed(2 * 3600));
  host.components = {"east-a-r01-h01"};
  s.failures.push_back(host);
  const auto out = testing::run(s, 1, true);
  const auto starts = of_kind(out, model::TraceKind::ReplicaStart);
  const auto ups = of_kind(out, model::TraceKind::HostUp);
  REQUIRE(!ups.empty());
  CHECK(ups[0].time_us == hours(3));
  std::vector<io::TraceEvent> after_repair;
  for (const auto& e : starts) {
    if (e.time_us >= hours(3)) after_repair.push_back(e);
  }
  REQUIRE(after_repair.size() == 1);
  CHECK(after_repair[0].component == ups[0].component);  // back on h01
  CHECK(after_repair[0].time_us < hours(3) + minutes(1));
}
