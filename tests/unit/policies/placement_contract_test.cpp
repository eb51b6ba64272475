/// The contract every registered placement policy must keep, checked over random zones:
/// it returns a feasible host, or none only when no host is feasible; the same stream
/// state gives the same answer; it respects a restriction to a host range.

#include <vector>

#include <catch2/catch.hpp>

#include "policies/scheduling/api.hpp"
#include "sim/model/host_index.hpp"
#include "sim/model/placement.hpp"

using namespace fleetsim;
using namespace fleetsim::model;

namespace {

struct Zone {
  std::vector<HostSlot> host;
  std::vector<scenario::Resources> type_capacity;  // one host type per host, for the test
  HostIndex index;

  void add(const scenario::Resources& cap, const scenario::Resources& free, bool schedulable, RackId r) {
    HostSlot slot;
    slot.free = free;
    slot.schedulable = schedulable ? 1 : 0;
    slot.type = static_cast<std::uint16_t>(type_capacity.size());
    slot.rack = r;
    type_capacity.push_back(cap);
    host.push_back(slot);
  }
  PlacementView view(const PlacementRequest& req) const {
    return PlacementView(req, index, host.data(), type_capacity.data(), 0,
                         static_cast<std::uint32_t>(host.size()), 0);
  }
};

Zone random_zone(core::Rng& rng, std::uint32_t hosts) {
  Zone z;
  for (std::uint32_t h = 0; h < hosts; ++h) {
    scenario::Resources cap;
    cap.v[scenario::kCpu] = 64000;
    cap.v[scenario::kMemory] = 256;
    scenario::Resources f = cap;
    f.v[scenario::kCpu] = static_cast<std::int64_t>(rng() % 65) * 1000;
    f.v[scenario::kMemory] = static_cast<std::int64_t>(rng() % 257);
    z.add(cap, f, rng() % 5 != 0, h / 8);
  }
  z.index.init(z.host.data(), 0, hosts, 64000);
  for (std::uint32_t h = 0; h < hosts; ++h) z.index.update(h);
  return z;
}

}  // namespace

TEST_CASE("every placement policy keeps the placement contract", "[policies][placement][contract]") {
  policies::PlacementRegistry registry("placement");
  policies::register_builtin_placement(registry);
  REQUIRE(registry.names().size() >= 4);
  for (const std::string& name : registry.names()) {
    INFO("policy " << name);
    scenario::PolicySpec spec;
    spec.name = name;
    std::vector<scenario::Diagnostic> errors;
    const auto factory = registry.make(spec, "spec.policies.placement", errors);
    REQUIRE(errors.empty());
    REQUIRE(factory);
    auto policy = factory->make();
    core::Rng zone_rng(1, core::purpose_id("contract"), 0);
    for (int trial = 0; trial < 300; ++trial) {
      const std::uint32_t hosts = 1 + static_cast<std::uint32_t>(zone_rng() % 200);
      Zone z = random_zone(zone_rng, hosts);
      PlacementRequest req;
      req.need.v[scenario::kCpu] = static_cast<std::int64_t>(1 + zone_rng() % 64) * 1000;
      req.need.v[scenario::kMemory] = static_cast<std::int64_t>(zone_rng() % 200);
      if (trial % 3 == 0) {  // restricted to one rack, as rack spread does
        const RackId r = static_cast<RackId>(zone_rng() % ((hosts + 7) / 8));
        req.range_first = r * 8;
        req.range_end = std::min<HostId>(hosts, r * 8 + 8);
      }
      const PlacementView view = z.view(req);
      bool any = false;
      for (HostId h = view.range_first(); h < view.range_end(); ++h) any = any || view.feasible(h);
      core::Rng a(7, core::purpose_id("tie"), static_cast<std::uint64_t>(trial));
      core::Rng b = a;
      const HostId got = policy->place(view, a);
      INFO("trial " << trial << " hosts " << hosts);
      if (any) {
        REQUIRE(got != kNone);
        REQUIRE(view.feasible(got));
        REQUIRE(got >= view.range_first());
        REQUIRE(got < view.range_end());
      } else {
        REQUIRE(got == kNone);
      }
      auto again = factory->make();
      CHECK(again->place(view, b) == got);  // same stream state, same answer
    }
  }
}

TEST_CASE("first-fit picks the lowest feasible host and best-fit the tightest", "[policies][placement]") {
  policies::PlacementRegistry registry("placement");
  policies::register_builtin_placement(registry);
  Zone z;
  const std::int64_t frees[] = {2000, 40000, 9000, 5000, 64000};
  for (std::int64_t f : frees) {
    scenario::Resources cap, fr;
    cap.v[scenario::kCpu] = 64000;
    cap.v[scenario::kMemory] = 100;
    fr = cap;
    fr.v[scenario::kCpu] = f;
    z.add(cap, fr, true, 0);
  }
  z.index.init(z.host.data(), 0, 5, 64000);
  for (HostId h = 0; h < 5; ++h) z.index.update(h);
  PlacementRequest req;
  req.need.v[scenario::kCpu] = 4000;
  req.need.v[scenario::kMemory] = 10;
  const PlacementView view = z.view(req);
  auto pick = [&](const char* name) {
    scenario::PolicySpec spec;
    spec.name = name;
    std::vector<scenario::Diagnostic> errors;
    core::Rng rng(1, 2, 3);
    return registry.make(spec, "p", errors)->make()->place(view, rng);
  };
  CHECK(pick("first-fit") == 1);  // host 0 has only 2 cores free
  CHECK(pick("best-fit") == 3);   // 5 cores free: the tightest fit
  CHECK(pick("spread") == 4);     // the emptiest
}

TEST_CASE("placement params are validated with locations", "[policies][placement]") {
  policies::PlacementRegistry registry("placement");
  policies::register_builtin_placement(registry);
  scenario::PolicySpec spec;
  spec.name = "sampled";
  spec.params["kk"] = {"3", {}, false, {"s.yaml", 7, 9}};
  spec.params["score"] = {"tightest", {}, false, {"s.yaml", 8, 12}};
  std::vector<scenario::Diagnostic> errors;
  CHECK_FALSE(registry.make(spec, "spec.policies.placement", errors));
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].format() == "s.yaml:7:9: spec.policies.placement.params.kk: unknown parameter 'kk' of placement "
                              "policy 'sampled' (did you mean 'k'?)");
  CHECK(errors[1].where.line == 8);
  spec.name = "best-fitt";
  errors.clear();
  CHECK_FALSE(registry.make(spec, "spec.policies.placement", errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message == "unknown placement policy 'best-fitt'");
  CHECK(errors[0].hint == "did you mean 'best-fit'?");
}
