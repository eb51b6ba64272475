/// Remediation and on-call: the ladder (escalation, action counts, MTTR), per-zone slots
/// and the split of max_concurrent, work hours for non-urgent pages, common random
/// numbers between policies, and a contract every registered remediation policy keeps.

#include <algorithm>

#include <catch2/catch.hpp>

#include "policies/remediation/api.hpp"
#include "sim/model/remediation_actions.hpp"
#include "tests/support/failure_builder.hpp"
#include "tests/support/run_model.hpp"
#include "tests/support/scenario_builder.hpp"

using namespace fleetsim;

namespace {

scenario::Scenario ladder_fleet(std::int64_t zones, std::int64_t hosts, double ttf_s) {
  auto s = testing::fleet(zones, 1, hosts, 0);
  s.duration = hours(12);
  s.failures.push_back(testing::failure("host", testing::fixed(ttf_s), testing::fixed(3600)));
  s.operations.remediation = testing::remediation("ladder");
  return s;
}

}  // namespace

TEST_CASE("a failed action escalates to the next rung; the ladder's time is the MTTR", "[model][remediation]") {
  auto s = ladder_fleet(1, 6, 2 * 3600);
  s.duration = hours(4);
  auto& r = *s.operations.remediation;
  testing::list_param(r.policy, "steps", {"reboot", "reimage"});
  r.actions = {testing::action("reboot", 0.0), testing::action("reimage", 1.0)};
  const auto m = testing::run(s).results.metrics;
  CHECK(m.at("remediation.detected") == 6);
  CHECK(m.at("remediation.actions.reboot") == 6);
  CHECK(m.at("remediation.actions.reimage") == 6);
  CHECK(m.at("remediation.fixed.reimage") == 6);
  CHECK(m.at("remediation.fixed.reboot") == 0);
  CHECK(m.at("remediation.escalations") == 6);
  CHECK(m.at("fleet.mttr_s") == Approx(600 + 3600));  // built-in durations: 10m + 1h
  CHECK(m.at("remediation.pages") == 0);
}

TEST_CASE("max_per_zone makes broken hosts wait for a slot, first come first served", "[model][remediation]") {
  auto s = ladder_fleet(1, 10, 10 * 3600);  // all ten fail at 10h
  auto& r = *s.operations.remediation;
  testing::list_param(r.policy, "steps", {"reboot"});
  r.actions = {testing::action("reboot", 1.0)};
  r.max_per_zone = scenario::Quantity{1, false};
  const auto m = testing::run(s).results.metrics;
  CHECK(m.at("remediation.zone_in_progress_max") == 1);
  CHECK(m.at("remediation.slot_waits") == 9);
  CHECK(m.at("remediation.slot_wait_mean_s") == Approx(50 * 60));  // 10, 20, ..., 90 minutes
  CHECK(m.at("fleet.mttr_s") == Approx(55 * 60));                  // 10, 20, ..., 100 minutes
}

TEST_CASE("max_concurrent is split among zones by host count", "[model][remediation]") {
  auto s = ladder_fleet(2, 5, 10 * 3600);
  auto& r = *s.operations.remediation;
  testing::list_param(r.policy, "steps", {"reboot"});
  r.actions = {testing::action("reboot", 1.0)};
  r.max_concurrent = scenario::Quantity{2, false};  // one slot per zone
  const auto m = testing::run(s, 2).results.metrics;
  CHECK(m.at("remediation.zone_in_progress_max") == 1);
  CHECK(m.at("fleet.mttr_s") == Approx(30 * 60));  // 10 .. 50 minutes in each zone
}

TEST_CASE("zone quotas add up to max_concurrent when zones are uneven", "[model][remediation]") {
  // Zones of 2 and 18 hosts, max_concurrent 3: one slot each, the third to the big zone
  // (a plain proportional split, 0.3 and 2.7, would round to 0 and 3 and then lift the
  // small zone to 1: four slots).
  auto s = ladder_fleet(1, 2, 10 * 3600);
  scenario::RegionSpec big = s.topology.regions[0];
  big.name = "west";
  big.hosts_per_rack = 18;
  s.topology.regions.push_back(big);
  auto& r = *s.operations.remediation;
  testing::list_param(r.policy, "steps", {"reboot"});
  r.actions = {testing::action("reboot", 1.0)};
  r.max_concurrent = scenario::Quantity{3, false};
  const auto m = testing::run(s, 2).results.metrics;
  CHECK(m.at("remediation.zone_in_progress_max") == 2);
  CHECK(m.at("remediation.detected") == 20);
  CHECK(m.at("remediation.slot_waits") == 16 + 1);  // 18 hosts on 2 slots, 2 hosts on 1
}

TEST_CASE("a non-urgent page waits for the team's local work hours", "[model][remediation][oncall]") {
  const std::int64_t offset = GENERATE(0, 2);
  auto s = ladder_fleet(1, 1, 26 * 3600);  // Tuesday 02:00 UTC
  s.duration = days(2);
  auto& r = *s.operations.remediation;
  testing::list_param(r.policy, "steps", {"replace"});  // built-in: a person, non-urgent, 4h
  auto t = testing::team("hw", 1);
  t.utc_offset_hours = offset;
  s.operations.oncall.push_back(t);
  const auto m = testing::run(s).results.metrics;
  INFO("utc_offset " << offset);
  const double wait = (9 - 2 - offset) * 3600.0 - 0.1;  // pages take the control latency
  CHECK(m.at("oncall.pages") == 1);
  CHECK(m.at("oncall.page_wait_mean_s") == Approx(wait).margin(1e-6));
  CHECK(m.at("fleet.mttr_s") == Approx(wait + 0.1 + 4 * 3600 + 0.1).margin(1e-6));
  CHECK(m.at("oncall.toil_hours") == Approx(4));
}

TEST_CASE("an urgent page is taken at night, with the off-hours response", "[model][remediation][oncall]") {
  auto s = ladder_fleet(1, 1, 26 * 3600);
  s.duration = days(2);
  s.operations.remediation = testing::remediation("manual");  // built-in repair: a person, urgent
  auto t = testing::team("hw", 1);
  t.response = testing::fixed(600);
  t.off_hours_response = testing::fixed(1800);
  s.operations.oncall.push_back(t);
  const auto m = testing::run(s).results.metrics;
  CHECK(m.at("oncall.page_wait_mean_s") == Approx(0));
  // response 30m (night) + the failure's repair distribution (1h) + two messages.
  CHECK(m.at("fleet.mttr_s") == Approx(1800 + 3600 + 0.2));
}

TEST_CASE("two remediation policies see exactly the same failures (common random numbers)",
          "[model][remediation][crn]") {
  auto s = testing::fleet(3, 4, 10, 2);
  s.seed = 5;
  s.duration = days(20);
  s.failures.push_back(testing::failure("host", testing::exponential(5 * 86400), testing::exponential(4 * 3600)));
  auto rack = testing::failure("rack", testing::exponential(40 * 86400), testing::fixed(2 * 3600));
  s.failures.push_back(rack);
  s.operations.remediation = testing::remediation("ladder");
  s.operations.remediation->detection_delay = testing::exponential(300);
  s.operations.oncall.push_back(testing::team("ops", 2));
  auto b = s;
  b.operations.remediation->policy = testing::policy("manual");
  const auto ra = testing::run(s, 1, true), rb = testing::run(b, 2, true);

  const auto failures = [](const model::RunOutput& out) {
    std::uint16_t kind = 0;
    for (std::size_t i = 0; i < out.names[0].names.size(); ++i) {
      if (out.names[0].names[i] == "failure") kind = static_cast<std::uint16_t>(i);
    }
    std::vector<std::pair<std::int64_t, std::int64_t>> v;
    for (const auto& e : out.results.events) {
      if (e.kind == kind) v.emplace_back(e.time_us, e.component);
    }
    return v;
  };
  const auto fa = failures(ra), fb = failures(rb);
  REQUIRE(fa.size() > 100);
  CHECK(fa == fb);  // every fault, of hosts and racks, at the same instant on the same component
  const auto& ma = ra.results.metrics;
  const auto& mb = rb.results.metrics;
  CHECK(ma.at("failures.host.faults") == mb.at("failures.host.faults"));
  CHECK(ma.at("remediation.actions.reboot") > 0);
  CHECK(mb.at("remediation.actions.reboot") == 0);
  CHECK(ma.at("oncall.toil_hours") < mb.at("oncall.toil_hours"));
  CHECK(ma.at("fleet.mttr_s") != mb.at("fleet.mttr_s"));
}

TEST_CASE("replace-first sends a repeat offender straight to the last rung", "[model][remediation]") {
  auto s = ladder_fleet(1, 4, 3 * 3600);  // every host fails every 3h
  s.duration = days(1);
  s.operations.remediation->policy = testing::policy("replace-first");
  testing::list_param(s.operations.remediation->policy, "steps", {"reboot", "reimage"});
  s.operations.remediation->actions = {testing::action("reboot", 1.0), testing::action("reimage", 1.0)};
  const auto m = testing::run(s).results.metrics;
  // First failure of each host: reboot (fixes it). Later ones come 3h after the previous:
  // within repeat_window (30d), so they go straight to reimage.
  CHECK(m.at("remediation.actions.reboot") == 4);
  CHECK(m.at("remediation.actions.reimage") == m.at("remediation.detected") - 4);
}

TEST_CASE("every registered remediation policy keeps the contract", "[model][remediation][contract]") {
  policies::RemediationRegistry registry("remediation");
  policies::register_builtin_remediation(registry);
  REQUIRE(registry.names().size() >= 3);
  const auto table = model::builtin_actions();
  const auto infos = model::action_infos(table);
  for (const std::string& name : registry.names()) {
    INFO(name);
    std::vector<scenario::Diagnostic> errors;
    const auto factory = registry.make(testing::policy(name), "p", errors);
    REQUIRE(factory);
    REQUIRE(errors.empty());
    for (const auto& a : factory->actions()) {  // uses only actions of the table
      CHECK(std::any_of(table.begin(), table.end(), [&](const model::ActionSpec& x) { return x.name == a; }));
    }
    const auto policy = factory->make(infos);
    for (std::uint32_t attempt = 0; attempt < 6; ++attempt) {
      for (const std::optional<Duration> gap : {std::optional<Duration>{}, std::optional<Duration>{hours(1)},
                                                std::optional<Duration>{days(400)}}) {
        model::RemediationView v;
        v.attempt = attempt;
        v.last_action = attempt == 0 ? model::kNone : 0;
        v.faults = gap ? 2 : 1;
        v.since_previous_fault = gap;
        const std::uint32_t a = policy->decide(v);
        CHECK(a < table.size());
        CHECK(policy->decide(v) == a);  // pure: the controller replays it ahead of time
      }
    }
  }
  std::vector<scenario::Diagnostic> errors;
  auto bad = testing::policy("ladder");
  testing::list_param(bad, "steps", {});
  CHECK_FALSE(registry.make(bad, "spec.operations.remediation.policy", errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message.find("at least one step") != std::string::npos);
}

TEST_CASE("remediation setups are checked before time 0", "[model][remediation]") {
  auto s = ladder_fleet(1, 2, 3600);
  auto& r = *s.operations.remediation;
  r.where = {"t.yaml", 30, 5};
  testing::list_param(r.policy, "steps", {"reboot", "reimgae", "replace"});
  r.actions = {testing::action("drain-and-pray", std::nullopt)};
  policies::RemediationRegistry registry("remediation");
  policies::register_builtin_remediation(registry);
  std::vector<scenario::Diagnostic> errors;
  const auto f = registry.make(r.policy, "spec.operations.remediation.policy", errors);
  REQUIRE(f);
  model::check_remediation(s, *f, errors);
  std::vector<std::string> text;
  for (const auto& e : errors) text.push_back(e.format());
  REQUIRE(text.size() == 3);
  CHECK(text[0].find("actions[0].duration: new action 'drain-and-pray' needs a duration") != std::string::npos);
  CHECK(text[1].find("uses unknown action 'reimgae'") != std::string::npos);
  CHECK(errors[1].hint.find("reimage") != std::string::npos);
  CHECK(text[2].find("action 'replace' needs a person but spec.operations.oncall has no team") != std::string::npos);
}
