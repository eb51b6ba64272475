/// The reference scenario of docs (DESIGN.md) loads exactly as written, with every value
/// in engine units.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/experiment/experiment_spec.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/summary.hpp"

using namespace fleetsim;
using namespace fleetsim::scenario;

namespace {

const std::string kReference = FLEETSIM_SOURCE_DIR "/scenarios/examples/reference.yaml";

Scenario load_reference() {
  LoadResult r = load_scenario_file(kReference);
  INFO(format_errors(r.errors));
  REQUIRE(r.ok());
  return std::move(*r.scenario);
}

}  // namespace

TEST_CASE("reference scenario: document, clock and topology", "[scenario][loader]") {
  const Scenario s = load_reference();
  CHECK(s.name == "zone-wave-kernel-upgrade");
  CHECK(s.description == "Kernel upgrade in zone waves on a busy three-zone fleet.");
  CHECK(s.source_file == kReference);
  CHECK(s.source_text.rfind("apiVersion: fleetsim/v1", 0) == 0);
  CHECK(s.seed == 42);
  CHECK(s.duration == days(30));
  CHECK(s.warmup == days(1));
  CHECK(s.sample_interval == minutes(5));
  CHECK(s.control_latency == milliseconds(100));

  REQUIRE(s.topology.host_types.size() == 1);
  CHECK(s.topology.host_types[0].name == "std");
  CHECK(s.topology.host_types[0].capacity.v[kCpu] == 64'000);
  CHECK(s.topology.host_types[0].capacity.v[kMemory] == 256LL << 30);
  CHECK(s.topology.extra_dimensions.empty());
  REQUIRE(s.topology.regions.size() == 1);
  const RegionSpec& r = s.topology.regions[0];
  CHECK(r.name == "east");
  CHECK(r.zones == 3);
  CHECK(r.hosts_per_rack == 40);
  REQUIRE(r.racks.size() == 1);
  CHECK(r.racks[0].racks == 20);
  CHECK(r.racks[0].host_type == "std");
  CHECK(r.power_feeds_per_zone == 2);
  CHECK(r.rack_switches);
  CHECK(r.where.line == 16);
  CHECK(r.where.column == 9);
  CHECK(count_hosts(s.topology) == 2400);
  CHECK(count_zones(s.topology) == 3);
}

TEST_CASE("reference scenario: workloads", "[scenario][loader]") {
  const Scenario s = load_reference();
  REQUIRE(s.workloads.size() == 2);
  const Workload& web = s.workloads[0];
  CHECK(web.name == "web");
  CHECK(web.kind == WorkloadKind::Service);
  CHECK(web.replicas == 6000);
  CHECK(web.resources.v[kCpu] == 4000);
  CHECK(web.resources.v[kMemory] == 16LL << 30);
  CHECK(web.spread == SpreadLevel::Zone);
  REQUIRE(web.disruption_budget.max_unavailable);
  CHECK(web.disruption_budget.max_unavailable->percent);
  CHECK(web.disruption_budget.max_unavailable->value == 5.0);
  CHECK_FALSE(web.disruption_budget.min_available);
  CHECK(web.where.file == kReference);
  CHECK(web.where.line == 23);
  CHECK(web.where.column == 7);

  const Workload& etl = s.workloads[1];
  CHECK(etl.kind == WorkloadKind::Batch);
  CHECK(etl.arrival.process == Arrival::Process::Poisson);
  CHECK(etl.arrival.rate_per_s == Approx(1.0 / 30));
  CHECK(etl.duration.kind == Distribution::Kind::Lognormal);
  CHECK(etl.duration.a == 2700.0);
  CHECK(etl.duration.b == 0.8);
  CHECK(etl.duration.where.line == 32);
  CHECK(etl.resources.v[kCpu] == 16'000);
  CHECK(etl.resources.v[kMemory] == 64LL << 30);
  CHECK(etl.checkpoint_interval == 0);
  CHECK(etl.priority == 0);
}

TEST_CASE("reference scenario: failures", "[scenario][loader]") {
  const Scenario s = load_reference();
  REQUIRE(s.failures.size() == 2);
  const FailureSpec& host = s.failures[0];
  CHECK(host.target == "host");
  CHECK(host.host_type.empty());
  REQUIRE(host.time_to_failure);
  CHECK(host.time_to_failure->kind == Distribution::Kind::Weibull);
  CHECK(host.time_to_failure->a == 0.8);
  CHECK(host.time_to_failure->b == 3.0 * 365 * 86400);
  REQUIRE(host.repair);
  CHECK(host.repair->kind == Distribution::Kind::Lognormal);
  CHECK(host.repair->a == 6.0 * 3600);
  CHECK(host.repair->b == 0.7);
  CHECK_FALSE(host.trace);

  const FailureSpec& feed = s.failures[1];
  CHECK(feed.target == "power_feed");
  CHECK(feed.time_to_failure->kind == Distribution::Kind::Exponential);
  CHECK(feed.time_to_failure->a == 5.0 * 365 * 86400);
  CHECK(feed.repair->kind == Distribution::Kind::Fixed);
  CHECK(feed.repair->a == 7200.0);
}

TEST_CASE("reference scenario: operations, policies and assertions", "[scenario][loader]") {
  const Scenario s = load_reference();
  REQUIRE(s.operations.remediation);
  const Remediation& rem = *s.operations.remediation;
  CHECK(rem.policy.name == "ladder");
  REQUIRE(rem.policy.params.count("steps"));
  const PolicyParam& steps = rem.policy.params.at("steps");
  CHECK(steps.is_list);
  CHECK(steps.list == std::vector<std::string>{"reboot", "reimage", "replace"});
  REQUIRE(rem.detection_delay);
  CHECK(rem.detection_delay->kind == Distribution::Kind::Exponential);
  CHECK(rem.detection_delay->a == 180.0);
  CHECK(rem.max_concurrent.percent);
  CHECK(rem.max_concurrent.value == 2.0);
  CHECK_FALSE(rem.max_per_zone);

  REQUIRE(s.operations.oncall.size() == 1);
  const OncallTeam& team = s.operations.oncall[0];
  CHECK(team.team == "fleet-ops");
  CHECK(team.people == 3);
  CHECK(team.shift == hours(8));
  REQUIRE(team.response);
  CHECK(team.response->a == 900.0);
  CHECK(team.response->b == 0.5);
  CHECK(team.work_start_hour == 9);
  CHECK(team.work_end_hour == 17);

  REQUIRE(s.operations.upgrades.size() == 1);
  const Upgrade& up = s.operations.upgrades[0];
  CHECK(up.name == "kernel-6-1");
  CHECK(up.version == "6.1");
  CHECK(up.start == days(2));
  CHECK(up.strategy.name == "waves");
  CHECK(up.strategy.params.at("by").text == "zone");
  CHECK_FALSE(up.strategy.params.at("by").is_list);
  CHECK(up.max_unavailable.percent);
  CHECK(up.max_unavailable.value == 2.0);
  REQUIRE(up.per_host);
  CHECK(up.per_host->kind == Distribution::Kind::Fixed);
  CHECK(up.per_host->a == 1200.0);
  CHECK(up.drain_timeout == minutes(15));
  CHECK(up.drain_timeout_action == "wait");
  CHECK(up.bake == hours(4));
  CHECK(s.operations.reaction_delay == seconds(30));

  CHECK(s.policies.placement.name == "best-fit");
  CHECK_FALSE(s.policies.preemption);

  REQUIRE(s.assertions.size() == 2);
  CHECK(s.assertions[0].metric == "service.web.availability");
  CHECK(s.assertions[0].op == ">=");
  CHECK(s.assertions[0].value == 0.9995);
  CHECK(s.assertions[0].aggregate == "mean");
  CHECK(s.assertions[1].metric == "upgrade.kernel-6-1.duration_s");
  CHECK(s.assertions[1].op == "<=");
  CHECK(s.assertions[1].value == 1209600.0);
  CHECK(s.assertions[1].value_text == "14d");
  CHECK(s.outputs.summary.empty());
  CHECK(s.outputs.trace.empty());
}

TEST_CASE("omitted sections and fields take their documented defaults", "[scenario][loader]") {
  const std::string text = R"(apiVersion: fleetsim/v1
kind: Scenario
metadata: {name: minimal}
spec:
  topology:
    host_types: {std: {cpu: 8, memory: 32Gi}}
    regions: [{name: r, racks_per_zone: 1, hosts_per_rack: 2, host_type: std}]
  workloads:
    - {name: vms, kind: vm, count: 3, resources: {cpu: 2, memory: 4Gi}}
)";
  LoadResult r = load_scenario_text(text, "minimal.yaml");
  INFO(format_errors(r.errors));
  REQUIRE(r.ok());
  const Scenario& s = *r.scenario;
  CHECK(s.seed == 1);
  CHECK(s.duration == days(1));
  CHECK(s.warmup == 0);
  CHECK(s.sample_interval == minutes(5));
  CHECK(s.control_latency == milliseconds(100));
  CHECK(s.topology.regions[0].zones == 1);
  CHECK(s.topology.regions[0].power_feeds_per_zone == 0);
  CHECK(s.topology.regions[0].rack_switches);
  CHECK(s.failures.empty());
  CHECK_FALSE(s.operations.remediation);
  CHECK(s.operations.upgrades.empty());
  CHECK(s.operations.reaction_delay == seconds(30));
  CHECK(s.policies.placement.name == "best-fit");
  CHECK(s.policies.overflow_after == minutes(5));
  CHECK(s.assertions.empty());
  const Workload& vm = s.workloads[0];
  CHECK(vm.kind == WorkloadKind::Vm);
  CHECK(vm.replicas == 3);
  CHECK(vm.live_migration);
  CHECK(vm.migration_bandwidth_bytes_per_s == Approx(1.25e9));
  CHECK(vm.spread == SpreadLevel::None);
}

TEST_CASE("every scenario in scenarios/ loads", "[scenario][loader]") {
  namespace fs = std::filesystem;
  int n = 0;
  for (const auto& e : fs::recursive_directory_iterator(FLEETSIM_SOURCE_DIR "/scenarios")) {
    if (e.path().extension() != ".yaml") continue;
    // Sweeps and plans live next to the scenarios they vary; each loads with its own loader.
    std::ifstream in(e.path());
    std::stringstream text;
    text << in.rdbuf();
    std::string kind = "Scenario";
    for (const char* k : {"Sweep", "Plan"}) {
      if (text.str().find(std::string("\nkind: ") + k + "\n") != std::string::npos) kind = k;
    }
    INFO(e.path().string() << " (" << kind << ")");
    if (kind == "Scenario") {
      const LoadResult r = load_scenario_file(e.path().string());
      INFO(format_errors(r.errors));
      CHECK(r.ok());
    } else {
      const auto r = fleetsim::experiment::load_experiment_file(e.path().string(), kind);
      INFO(format_errors(r.errors));
      CHECK(r.errors.empty());
    }
    ++n;
  }
  CHECK(n >= 1);
}

TEST_CASE("trace workloads and failure traces resolve files next to the scenario",
          "[scenario][loader]") {
  const std::string dir = FLEETSIM_SOURCE_DIR "/tests/scenarios/fixtures/";
  const std::string text = R"(apiVersion: fleetsim/v1
kind: Scenario
metadata: {name: traces}
spec:
  topology:
    host_types: {std: {cpu: 8, memory: 32Gi}}
    regions: [{name: r, racks_per_zone: 1, hosts_per_rack: 2, host_type: std}]
  workloads:
    - {name: replay, kind: trace, format: swf, file: data/repairs.csv}
  failures:
    - target: host
      host_type: std
      trace: {format: fta, file: data/repairs.csv, time_offset: first, mapping: explicit, nodes: {n1: r-z0-r0-h0, "17": r-z0-r0-h1}}
    - target: host
      trace: {format: lanl, file: data/repairs.csv, time_offset: first}
)";
  LoadResult r = load_scenario_text(text, dir + "traces.yaml");
  INFO(format_errors(r.errors));
  REQUIRE(r.ok());
  const Scenario& s = *r.scenario;
  CHECK(s.workloads[0].kind == WorkloadKind::Trace);
  CHECK(s.workloads[0].trace_format == "swf");
  CHECK(s.workloads[0].trace_file == dir + "data/repairs.csv");
  REQUIRE(s.failures[0].trace);
  CHECK(s.failures[0].host_type == "std");
  CHECK(s.failures[0].trace->format == "fta");
  CHECK(s.failures[0].trace->mapping == "explicit");
  CHECK(s.failures[0].trace->nodes.at("17") == "r-z0-r0-h1");
  CHECK(s.failures[1].trace->mapping == "sequential");
  CHECK_FALSE(s.failures[1].time_to_failure);

  const std::string broken = R"(apiVersion: fleetsim/v1
kind: Scenario
metadata: {name: traces}
spec:
  topology:
    host_types: {std: {cpu: 8, memory: 32Gi}}
    regions: [{name: r, racks_per_zone: 1, hosts_per_rack: 2, host_type: std}]
  workloads:
    - {name: replay, kind: trace, format: swf, file: data/none.swf, resources: {cpu: 1, memory: 1Gi}}
  failures:
    - {target: host, trace: {format: fta, file: data/repairs.csv, mapping: explicit, time_offset: first}, repair: 1h}
    - {target: rack, trace: {format: google, file: data/repairs.csv, nodes: {a: b}, time_offset: first}}
)";
  r = load_scenario_text(broken, dir + "traces.yaml");
  const std::string all = format_errors(r.errors);
  INFO(all);
  CHECK_THAT(all, Catch::Contains(
                      "traces.yaml:9:54: spec.workloads[0].file: file 'data/none.swf' not found"));
  CHECK_THAT(all, Catch::Contains("traces.yaml:12:29: spec.failures[1].trace: failure traces replay "
                                  "onto hosts only (use target: host)"));
  CHECK_THAT(
      all,
      Catch::Contains(
          "traces.yaml:11:22: spec.failures[0].trace: 'trace' cannot be combined with 'repair'"));
  CHECK_THAT(all,
             Catch::Contains(
                 "traces.yaml:11:29: spec.failures[0].trace: mapping: explicit needs 'nodes'"));
  CHECK_THAT(all, Catch::Contains("traces.yaml:12:38: spec.failures[1].trace.format: unknown "
                                  "failure trace format 'google'"));
  CHECK_THAT(all, Catch::Contains("traces.yaml:12:70: spec.failures[1].trace.nodes: 'nodes' is "
                                  "only used with mapping: explicit"));
  CHECK(r.errors.size() == 6);
}
