/// Failure traces: mapping (sequential / explicit), time offset, merging, the three
/// formats, and located errors for malformed files and bad mappings.

#include <algorithm>
#include <map>

#include <catch2/catch.hpp>

#include "sim/io/importers/alibaba_machines.hpp"
#include "sim/io/importers/lanl_failures.hpp"
#include "sim/model/failure_traces.hpp"
#include "tests/support/failure_builder.hpp"
#include "tests/support/run_model.hpp"
#include "tests/support/scenario_builder.hpp"
#include "tests/unit/importers/test_files.hpp"

using namespace fleetsim;

namespace {

const char* kFta =
    "# event_id component_id node_id platform_id node_name event_type event_start_time event_stop_time "
    "event_end_reason\n"
    "0\t0\t7\t5\tG1/s1/c1/n7\t1\t1000\t4600\tNULL\n"
    "1\t0\t7\t5\tG1/s1/c1/n7\t0\t4600\t8200\tNULL\n"
    "2\t0\t7\t5\tG1/s1/c1/n7\t1\t8200\t20000\tNULL\n"
    "3\t0\t9\t5\tG1/s1/c1/n9\t0\t1000\t2800\tNULL\n"
    "4\t0\t9\t5\tG1/s1/c1/n9\t1\t2800\t20000\tNULL\n";

scenario::Scenario traced(const std::string& file, const std::string& format) {
  auto s = testing::fleet(1, 1, 4, 0);  // hosts east-a-r01-h01 .. h04
  s.duration = hours(3);
  scenario::FailureSpec f;
  f.target = "host";
  f.trace.emplace();
  f.trace->format = format;
  f.trace->file = file;
  f.trace->where = {"t.yaml", 20, 7};
  s.failures.push_back(f);
  return s;
}

}  // namespace

TEST_CASE("an explicit mapping with a time offset replays outages onto the named hosts", "[model][failures][trace]") {
  const test::TempFile fta(kFta, ".tab");
  auto s = traced(fta.path(), "fta");
  auto& tr = *s.failures[0].trace;
  tr.mapping = "explicit";
  tr.nodes = {{"7", "east-a-r01-h02"}, {"G1/s1/c1/n9", "east-a-r01-h04"}};  // by node_id or node_name
  tr.time_offset = seconds(1000);
  std::vector<scenario::Diagnostic> errors;
  const auto in = model::load_failure_traces(s, errors);
  REQUIRE(errors.empty());
  const model::FailureTraceData& d = in->by_failure[0];
  REQUIRE(d.outages.size() == 2);
  CHECK(d.outages[0].host == 1);
  CHECK(d.outages[0].start == hours(1));
  CHECK(d.outages[0].end == hours(2));
  CHECK(d.outages[1].host == 3);
  CHECK(d.outages[1].start == 0);
  CHECK(d.outages[1].end == seconds(1800));

  const auto m = testing::run(s).results.metrics;
  // Host h02 down 1h of 3h, h04 down 0.5h: of 4 hosts.
  CHECK(m.at("fleet.host_availability") == Approx(1.0 - 1.5 / 12.0));
  CHECK(m.at("failures.trace.hosts") == 2);
  CHECK(m.at("failures.trace.clipped_hosts") == 2);  // both windows end after the run
  CHECK(m.at("failures.trace.availability_mean") == Approx(1.0 - (1.0 / 3.0 + 0.5 / 3.0) / 2.0));
}

TEST_CASE("sequential mapping, offset 'first', and full windows compare with the file", "[model][failures][trace]") {
  const test::TempFile fta(kFta, ".tab");
  auto s = traced(fta.path(), "fta");
  s.duration = hours(6);  // both windows (0 .. 19000 s) fit
  const auto m = testing::run(s).results.metrics;
  CHECK(m.at("failures.trace.compared_hosts") == 2);
  // Node 7: 3600 s down of 19000; node 9: 1800 of 19000.
  CHECK(m.at("failures.trace.recorded_availability_mean") == Approx(1.0 - 2700.0 / 19000.0));
  CHECK(m.at("failures.trace.availability_max_error") < 1e-12);
}

TEST_CASE("bad mappings are errors at the trace's location", "[model][failures][trace]") {
  const test::TempFile fta(kFta, ".tab");
  auto s = traced(fta.path(), "fta");
  auto& tr = *s.failures[0].trace;
  tr.mapping = "explicit";
  tr.nodes = {{"8", "east-a-r01-h01"}, {"7", "east-a-r09-h01"}, {"9", "east-a-r01-h03"}, {"G1/s1/c1/n9", "east-a-r01-h03"}};
  std::vector<scenario::Diagnostic> errors;
  model::load_failure_traces(s, errors);
  REQUIRE(errors.size() == 3);
  std::map<std::string, std::string> by_path;
  for (const auto& e : errors) by_path[e.path] = e.format();
  CHECK(by_path["spec.failures[0].trace.nodes.8"].find("t.yaml:20:7:") == 0);
  CHECK(by_path["spec.failures[0].trace.nodes.8"].find("the trace has no node '8'") != std::string::npos);
  CHECK(by_path["spec.failures[0].trace.nodes.7"].find("no host named 'east-a-r09-h01'") != std::string::npos);
  CHECK(by_path.count("spec.failures[0].trace.nodes.G1/s1/c1/n9") + by_path.count("spec.failures[0].trace.nodes.9") == 1);

  auto small = traced(fta.path(), "fta");
  small.topology.regions[0].hosts_per_rack = 1;  // 2 nodes, 1 host
  errors.clear();
  model::load_failure_traces(small, errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message.find("sequential mapping needs 2 hosts") == 0);
}

TEST_CASE("malformed trace files are reported at their file:line", "[model][failures][trace]") {
  struct Case {
    const char* format;
    const char* file;
  };
  for (const Case c : {Case{"fta", "fta_bad_state.tab"}, Case{"lanl", "lanl_bad_date.csv"},
                       Case{"alibaba", "alibaba_machine_bad_cpu.csv"}}) {
    const std::string path = test::fixture(c.file);
    auto s = traced(path, c.format);
    std::vector<scenario::Diagnostic> errors;
    model::load_failure_traces(s, errors);
    INFO(c.file);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].where.file == path);
    CHECK(errors[0].where.line > 1);
    CHECK(errors[0].format().find(path + ":" + std::to_string(errors[0].where.line) + ":") == 0);
    CHECK(errors[0].path == "spec.failures[0].trace.file");
  }
}

TEST_CASE("LANL outages of one node replay with overlaps merged", "[model][failures][trace]") {
  const auto file = test::real_data("failures-lanl-hpc-1996-2005/LA-UR-05-7318-failure-data-1996-2005.csv.gz");
  if (!file) {
    WARN("LANL data not available");
    return;
  }
  const auto outages = io::read_lanl_failures(*file);
  std::map<std::string, std::vector<std::pair<double, double>>> by_node;
  for (const auto& o : outages) {
    if (o.node) by_node[std::to_string(o.system) + "/" + std::to_string(*o.node)].emplace_back(o.start_s, o.end_s);
  }
  auto busiest = by_node.begin();
  for (auto it = by_node.begin(); it != by_node.end(); ++it) {
    if (it->second.size() > busiest->second.size()) busiest = it;
  }
  auto v = busiest->second;
  std::sort(v.begin(), v.end());
  auto s = traced(*file, "lanl");
  s.duration = days(3650 * 2);
  auto& tr = *s.failures[0].trace;
  tr.mapping = "explicit";
  tr.nodes = {{busiest->first, "east-a-r01-h03"}};
  tr.time_offset = static_cast<Duration>(v.front().first) * 1'000'000 - hours(1);
  std::vector<scenario::Diagnostic> errors;
  const auto in = model::load_failure_traces(s, errors);
  REQUIRE(errors.empty());
  const auto& d = in->by_failure[0];
  // The union of the node's outages, shifted: what the file says, merged by hand here.
  std::vector<std::pair<double, double>> merged;
  for (const auto& [a, b] : v) {
    if (b <= a) continue;
    if (!merged.empty() && a <= merged.back().second) {
      merged.back().second = std::max(merged.back().second, b);
    } else {
      merged.emplace_back(a, b);
    }
  }
  REQUIRE(d.outages.size() == merged.size());
  CHECK(d.outages.front().start == hours(1));
  for (std::size_t i = 0; i < merged.size(); ++i) {
    CHECK(d.outages[i].host == 2);
    CHECK(d.outages[i].end - d.outages[i].start ==
          static_cast<Duration>(std::llround((merged[i].second - merged[i].first) * 1e6)));
  }
  CHECK(d.unmapped > 20000);
}

TEST_CASE("Alibaba machine events: a machine is down while not USING", "[model][failures][trace]") {
  const auto file = test::real_data("cloud-alibaba-2018-machines/machine_meta.csv");
  if (!file) {
    WARN("Alibaba data not available");
    return;
  }
  auto s = traced(*file, "alibaba");
  s.duration = days(9);
  auto& tr = *s.failures[0].trace;
  tr.mapping = "explicit";
  tr.nodes = {{"m_2739", "east-a-r01-h01"}, {"m_1", "east-a-r01-h02"}};
  tr.time_offset = 0;
  std::vector<scenario::Diagnostic> errors;
  const auto plain = model::load_failure_traces(s, errors);
  REQUIRE(errors.empty());
  const auto& d = plain->by_failure[0];
  REQUIRE(!d.outages.empty());
  for (const auto& o : d.outages) CHECK(o.host == 0);  // m_1 is always USING
  // With re-registrations counted as 10-minute outages, m_1 has one per re-report.
  const auto records = io::read_alibaba_machine_meta(*file);
  std::size_t reports = 0;
  for (const auto& e : io::machine_events(records)) {
    reports += records[e.record].machine_id == "m_1" && e.kind == io::MachineEventKind::kReport;
  }
  REQUIRE(reports >= 3);
  tr.reregistration_downtime = minutes(10);
  const auto rereg = model::load_failure_traces(s, errors);
  REQUIRE(errors.empty());
  std::size_t m1 = 0;
  for (const auto& o : rereg->by_failure[0].outages) {
    if (o.host == 1) {
      ++m1;
      CHECK(o.end - o.start == minutes(10));
    }
  }
  CHECK(m1 == reports);
}
