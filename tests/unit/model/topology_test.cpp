#include <catch2/catch.hpp>

#include "sim/model/topology.hpp"
#include "tests/support/scenario_builder.hpp"

using namespace fleetsim;
using namespace fleetsim::model;

TEST_CASE("a generated fleet has the right shape and names", "[model][topology]") {
  const auto s = testing::fleet(3, 4, 5, 2);
  const Topology t(s.topology);
  CHECK(t.host_count() == 3 * 4 * 5);
  REQUIRE(t.zones().size() == 3);
  CHECK(t.zones()[1].name == "east-b");
  CHECK(t.zones()[1].first_host == 20);
  CHECK(t.zones()[1].end_host == 40);
  CHECK(t.racks().size() == 12);
  CHECK(t.name(t.host_component(0)) == "east-a-r01-h01");
  CHECK(t.name(t.host_component(27)) == "east-b-r02-h03");
  CHECK(t.name(t.racks()[5].component) == "east-b-r02");
  CHECK(t.name(t.racks()[5].tor) == "east-b-r02-tor");
  CHECK(t.name(t.zones()[2].feeds[1]) == "east-c-feed2");
  CHECK(t.components_of(ComponentKind::PowerFeed).size() == 6);
  CHECK(t.components_of(ComponentKind::Switch).size() == 12);
  CHECK(boost::num_vertices(t.graph()) == t.components().size());
}

TEST_CASE("the graph answers what loses service when a component fails", "[model][topology]") {
  const auto s = testing::fleet(2, 4, 3, 2);
  const Topology t(s.topology);
  const ZoneInfo& a = t.zones()[0];
  // Feed 1 of zone a powers racks 0 and 2 (rack r depends on feed r % 2).
  const auto feed = t.impacted_hosts(a.feeds[0]);
  CHECK(feed == std::vector<HostId>{0, 1, 2, 6, 7, 8});
  // A top-of-rack switch takes its rack's hosts; a rack its own; a zone all of its hosts.
  CHECK(t.impacted_hosts(t.racks()[1].tor) == std::vector<HostId>{3, 4, 5});
  CHECK(t.impacted_hosts(t.racks()[1].component) == std::vector<HostId>{3, 4, 5});
  CHECK(t.impacted_hosts(t.zones()[1].component).size() == 12);
  CHECK(t.impacted_hosts(t.regions()[0].component).size() == 24);
  CHECK(t.impacted_hosts(t.host_component(7)) == std::vector<HostId>{7});
  // The precomputed ranges agree with the graph walk for every component.
  for (ComponentId c = 0; c < t.components().size(); ++c) {
    std::vector<HostId> from_ranges;
    for (auto [b, e] : t.impact(c)) {
      for (HostId h = b; h < e; ++h) from_ranges.push_back(h);
    }
    REQUIRE(from_ranges == t.impacted_hosts(c));
  }
}

TEST_CASE("heterogeneous racks get their host types", "[model][topology]") {
  auto s = testing::fleet(1, 2, 2, 0);
  s.topology.host_types.push_back({"big", testing::resources(128, 1024), {}});
  s.topology.regions[0].racks.push_back({1, "big", {}});
  const Topology t(s.topology);
  CHECK(t.host_count() == 6);
  CHECK(t.hosts()[3].type == 0);
  CHECK(t.hosts()[4].type == 1);
  CHECK(t.racks()[2].feed == kNone);
}
