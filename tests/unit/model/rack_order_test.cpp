#include <catch2/catch.hpp>

#include <random>
#include <set>

#include "sim/model/rack_order.hpp"

using fleetsim::model::RackId;
using fleetsim::model::RackOrder;

TEST_CASE("Rack order: least-loaded rack, ties by rack, as a set of (count, rack) would give") {
  constexpr RackId kRacks = 150;  // three bitmap words, the last partly used
  RackOrder order;
  order.init(kRacks);
  std::set<std::pair<std::uint32_t, RackId>> reference;
  std::vector<std::uint32_t> count(kRacks, 0);
  for (RackId r = 0; r < kRacks; ++r) reference.emplace(0, r);
  REQUIRE(order.least() == std::make_pair(0u, RackId{0}));

  std::mt19937_64 rng(7);
  std::vector<std::pair<std::uint32_t, RackId>> removed;  // racks taken out of the order, as full ones are
  for (int step = 0; step < 200000; ++step) {
    const auto op = rng() % 10;
    if (op < 6) {  // a replica placed on the least-loaded rack
      if (reference.empty()) continue;
      const auto least = *reference.begin();
      REQUIRE(order.least() == least);
      order.erase(least);
      reference.erase(least);
      ++count[least.second];
      order.insert(count[least.second], least.second);
      reference.emplace(count[least.second], least.second);
    } else if (op < 9) {  // a replica removed from any present rack
      const RackId r = static_cast<RackId>(rng() % kRacks);
      if (count[r] == 0 || !reference.count({count[r], r})) continue;
      order.erase(count[r], r);
      reference.erase({count[r], r});
      --count[r];
      order.insert(count[r], r);
      reference.emplace(count[r], r);
    } else if (rng() % 2 == 0 && !reference.empty()) {  // the least rack found full
      const auto least = *reference.begin();
      order.erase(least);
      reference.erase(least);
      removed.push_back(least);
    } else {  // full racks put back
      for (const auto& e : removed) {
        order.insert(e);
        reference.insert(e);
      }
      removed.clear();
    }
    REQUIRE(order.empty() == reference.empty());
    if (!reference.empty()) REQUIRE(order.least() == *reference.begin());
  }
  // Erasing an absent entry or inserting a present one changes nothing.
  for (const auto& e : removed) order.insert(e), reference.insert(e);
  const auto least = *reference.begin();
  order.insert(least);
  order.erase(least.first + 1000, least.second);
  REQUIRE(order.least() == least);
}
