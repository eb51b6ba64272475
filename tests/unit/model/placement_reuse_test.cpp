/// Rack spread reuses a policy's last choice in a rack while the rack is unchanged
/// (PlacementPolicy::keeps_choice_in_range). The reuse must give exactly the results of
/// asking the policy every time: the same metrics and the same trace, event for event,
/// under churn (failures, an upgrade's drains, batch work sharing the racks).

#include <catch2/catch.hpp>

#include <memory>

#include "tests/support/failure_builder.hpp"
#include "tests/support/run_model.hpp"
#include "tests/support/scenario_builder.hpp"

using namespace fleetsim;

namespace {

/// Wraps a policy: counts the questions it is asked about a range (a rack) and, unless
/// `reuse`, denies the model the shortcut (so the model asks every time).
class Counted final : public model::PlacementPolicy {
 public:
  Counted(std::unique_ptr<model::PlacementPolicy> inner, bool reuse, std::int64_t& asked)
      : inner_(std::move(inner)), reuse_(reuse), asked_(asked) {}
  std::string_view name() const override { return inner_->name(); }
  model::HostId place(const model::PlacementView& v, core::Rng& rng) override {
    if (v.restricted()) ++asked_;
    return inner_->place(v, rng);
  }
  bool keeps_choice_in_range() const override { return reuse_ && inner_->keeps_choice_in_range(); }

 private:
  std::unique_ptr<model::PlacementPolicy> inner_;
  bool reuse_;
  std::int64_t& asked_;
};

class CountedFactory final : public model::PlacementFactory {
 public:
  CountedFactory(const model::PlacementFactory& inner, bool reuse) : inner_(inner), reuse_(reuse) {}
  std::unique_ptr<model::PlacementPolicy> make() const override {
    return std::make_unique<Counted>(inner_.make(), reuse_, asked);
  }
  mutable std::int64_t asked = 0;

 private:
  const model::PlacementFactory& inner_;
  bool reuse_;
};

scenario::Scenario churning_fleet(const std::string& placement) {
  auto s = testing::fleet(2, 6, 8);
  s.seed = 11;
  s.duration = days(6);
  s.policies.placement.name = placement;
  s.operations.reaction_delay = seconds(20);
  // Two rack-spread services of different sizes and a zone-spread one share the racks
  // with batch jobs; hosts fail and an upgrade drains every host once.
  s.workloads.push_back(testing::service("small", 96 * 3, testing::resources(3, 8), scenario::SpreadLevel::Rack));
  s.workloads.push_back(testing::service("large", 96, testing::resources(10, 40), scenario::SpreadLevel::Rack));
  s.workloads.push_back(testing::service("zonal", 96, testing::resources(2, 8), scenario::SpreadLevel::Zone));
  s.workloads.push_back(testing::batch("jobs", 60.0 / 3600, testing::exponential(3 * 3600), testing::resources(8, 32)));
  s.failures.push_back(testing::failure("host", testing::exponential(4 * 86400), testing::exponential(6 * 3600)));
  scenario::Upgrade u;
  u.name = "u";
  u.version = "2";
  u.start = days(2);
  u.strategy.name = "rolling";
  u.max_unavailable = scenario::Quantity{3, false};
  u.per_host = testing::exponential(900);
  s.operations.upgrades.push_back(u);
  return s;
}

}  // namespace

TEST_CASE("rack spread: reusing a policy's choice gives the results of asking it", "[model][placement]") {
  for (const std::string placement : {"best-fit", "first-fit"}) {
    INFO(placement);
    const auto s = churning_fleet(placement);
    const auto inner = testing::placement_of(s);
    CountedFactory asking(*inner, false), reusing(*inner, true);
    const auto a = testing::run_with(s, asking, 1, true);
    const auto b = testing::run_with(s, reusing, 1, true);
    CHECK(a.results.metrics == b.results.metrics);
    CHECK(a.results.events.size() == b.results.events.size());
    CHECK(testing::event_log_differences(a, b) == 0);
    // The run really churned, and the shortcut really replaced questions.
    CHECK(a.results.metrics.at("upgrade.u.hosts_upgraded") > 50);
    INFO("asked " << asking.asked << ", with reuse " << reusing.asked);
    CHECK(reusing.asked < asking.asked * 3 / 4);
  }
}

TEST_CASE("placement policies that keep their choice in a range say so; the others do not", "[policies][placement]") {
  const std::pair<const char*, bool> expected[] = {{"best-fit", true}, {"first-fit", true}, {"spread", false}};
  for (const auto& [name, keeps] : expected) {
    auto s = testing::fleet(1, 1, 1);
    s.policies.placement.name = name;
    INFO(name);
    CHECK(testing::placement_of(s)->make()->keeps_choice_in_range() == keeps);
  }
}
