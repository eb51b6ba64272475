/// `fleetsim run` exports (series CSV and OpenMetrics, Chrome trace, per-job CSV), the
/// per-job table in the HDF5 trace read back with the C API, and `fleetsim report`
/// rendering images from a run, from a trace with outages and upgrades, and from a sweep table.

#include <cmath>
#include <filesystem>
#include <sstream>

#include <catch2/catch.hpp>

#include "sim/core/time.hpp"
#include "sim/io/trace_reader.hpp"
#include "sim/io/trace_writer.hpp"
#include "tests/support/cli.hpp"

using namespace fleetsim;
using clitest::run_cli;
using clitest::TempDir;

namespace {

const std::string kExample = clitest::kSourceDir + "/scenarios/examples/swf-replay.yaml";

bool have_python_stack() {
  return clitest::shell("/usr/bin/python3 -c 'import h5py, matplotlib, numpy'", false).code == 0;
}

}  // namespace

TEST_CASE("run writes series, spans and per-job exports", "[cli][exports]") {
  TempDir d;
  const auto o = run_cli("run " + kExample + " --quiet --progress never --trace " + (d / "run.h5") + " --csv " +
                          (d / "s.csv") + " --openmetrics " + (d / "s.om") + " --chrome-trace " + (d / "t.json") +
                          " --jobs " + (d / "jobs.csv"));
  INFO(o.text);
  REQUIRE(o.code == 0);
  CHECK(clitest::read_file(d / "s.csv").rfind("time_s,group,metric,column,value\n0,fleet,hosts_up,,1\n", 0) == 0);
  const std::string om = clitest::read_file(d / "s.om");
  CHECK_THAT(om, Catch::Contains("# TYPE fleetsim_workload_pending_jobs gauge") && Catch::EndsWith("# EOF\n"));
  if (std::filesystem::exists("/usr/bin/promtool")) {
    const auto lint = clitest::shell("/usr/bin/promtool check metrics < " + (d / "s.om"));
    INFO(lint.text);
    CHECK(lint.code == 0);
  } else {
    WARN("promtool not installed: the OpenMetrics lint was skipped");
  }
  // Chrome trace: valid JSON with one begin/end pair per job run.
  const auto chrome = clitest::shell(
      "/usr/bin/python3 -c \"import json,sys; d=json.load(open(sys.argv[1])); e=d['traceEvents'];"
      " print(sum(x['ph']=='b' for x in e), sum(x['ph']=='e' for x in e), all('ts' in x for x in e if x['ph']!='M'))\" " +
          (d / "t.json"),
      false);
  CHECK(chrome.text == "2000 2000 True\n");

  // The per-job CSV and the /jobs table of the trace hold the same numbers.
  const std::string jobs = clitest::read_file(d / "jobs.csv");
  REQUIRE(jobs.rfind("job_id,submit_s,size,run_s,estimate_s,recorded_wait_s,simulated_wait_s,end_s,zone\n", 0) == 0);
  std::istringstream in(jobs);
  std::string line;
  std::getline(in, line);
  std::vector<double> csv_wait;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string c;
    while (std::getline(ss, c, ',')) cells.push_back(c);
    csv_wait.push_back(cells.size() > 6 && !cells[6].empty() ? std::stod(cells[6]) : NAN);
  }
  io::TraceReader r(d / "run.h5");
  const auto sim = r.numbers("jobs/gaia/simulated_wait_s");
  const auto rec = r.numbers("jobs/gaia/recorded_wait_s");
  const auto ids = r.numbers("jobs/gaia/job_id");
  REQUIRE(sim.size() == 2000);
  REQUIRE(csv_wait.size() == 2000);
  for (std::size_t i = 0; i < sim.size(); ++i) CHECK(sim[i] == csv_wait[i]);
  CHECK(ids[0] == 1);
  CHECK(rec[0] == 477768);  // job 1 of the Gaia log waited 477,768 s
  CHECK(r.unit("jobs/gaia/simulated_wait_s") == "s");
  CHECK(r.rank("series/zone/cpu_used") == 2);
  CHECK(r.numbers("series/zone/cpu_used", "lu-a").size() == r.series_time().size());
  CHECK_THROWS_WITH(r.numbers("series/zone/cpu_used", "nowhere"), Catch::Contains("no column 'nowhere'"));
  CHECK_THROWS_AS(io::TraceReader(d / "s.csv"), io::ImportError);

  const auto bad = run_cli("run " + clitest::kSourceDir + "/scenarios/examples/default.yaml --quiet --progress never --jobs " + (d / "x.csv"));
  CHECK(bad.code == 2);
  CHECK_THAT(bad.text, Catch::Contains("no trace workload"));
}

TEST_CASE("report draws a replay run as PNG images", "[cli][report]") {
  if (!have_python_stack()) {
    WARN("skipped: /usr/bin/python3 lacks h5py, matplotlib or numpy");
    return;
  }
  TempDir d;
  REQUIRE(run_cli("run " + kExample + " --quiet --progress never --trace " + (d / "run.h5")).code == 0);
  const auto o = run_cli("report " + (d / "run.h5") + " -o " + (d / "rep"));
  INFO(o.text);
  REQUIRE(o.code == 0);
  for (const char* name : {"capacity.png", "pending.png", "waits-gaia.png"}) {
    INFO(name);
    CHECK(clitest::is_png(d / "rep" + "/" + name));
  }
  CHECK_THAT(clitest::read_file(d / "rep" + "/index.html"), Catch::Contains("waits-gaia.png"));
  const auto svg = run_cli("report " + (d / "run.h5") + " -o " + (d / "svg") + " --format svg");
  CHECK(svg.code == 0);
  CHECK_THAT(clitest::read_file(d / "svg" + "/capacity.svg"), Catch::Contains("<svg"));
  const auto missing = run_cli("report " + (d / "nothing.h5"));
  CHECK(missing.code == 2);
  const auto no_python = clitest::shell("FLEETSIM_PYTHON=/nonexistent/python3 " + clitest::kFleetsim + " report " + (d / "run.h5"));
  CHECK(no_python.code == 2);
  CHECK_THAT(no_python.text, Catch::Contains("no Python interpreter"));
}

TEST_CASE("report draws outages, remediation and upgrades from span records, and a sweep table", "[cli][report]") {
  if (!have_python_stack()) {
    WARN("skipped: /usr/bin/python3 lacks h5py, matplotlib or numpy");
    return;
  }
  TempDir d;
  {
    io::TraceHeader h;
    h.scenario_name = "spans";
    h.duration_us = days(2);
    h.sample_interval_us = hours(1);
    io::TraceWriter w(d / "spans.h5", h);
    w.write_names({"kind", {"host_down", "host_up", "remediation_start", "remediation_end", "upgrade_start", "upgrade_end"}});
    w.write_names({"zone", {"a"}});
    w.write_names({"workload", {}});
    io::ComponentTable c;
    for (int i = 0; i < 4; ++i) {
      c.id.push_back(i);
      c.kind.push_back(5);
      c.zone.push_back(0);
      c.parent.push_back(-1);
      c.name.push_back("a-h" + std::to_string(i));
    }
    w.write_components(c);
    std::vector<io::TraceEvent> ev;
    for (int i = 0; i < 4; ++i) {
      const std::int64_t t = hours(2 + 5 * i);
      ev.push_back({t, 0, 0, i, -1, 0});
      ev.push_back({t + minutes(10), 2, 0, i, -1, 0});
      ev.push_back({t + hours(2), 3, 0, i, -1, 0});
      ev.push_back({t + hours(2), 1, 0, i, -1, 0});
    }
    for (int i = 0; i < 4; ++i) {
      ev.push_back({hours(30 + i), 4, 0, i, -1, 0});
      ev.push_back({hours(30 + i) + minutes(20), 5, 0, i, -1, 0});
    }
    std::stable_sort(ev.begin(), ev.end(), [](const auto& a, const auto& b) { return a.time_us < b.time_us; });
    w.append_events(ev);
    std::vector<std::int64_t> times;
    for (int k = 0; k < 48; ++k) times.push_back(hours(k));
    w.write_series(times, {{"fleet", "hosts_up", "hosts", "hosts in service", {}, std::vector<double>(48, 4.0)}});
    w.commit();
  }
  auto o = run_cli("report " + (d / "spans.h5") + " -o " + (d / "rep"));
  INFO(o.text);
  REQUIRE(o.code == 0);
  CHECK(clitest::is_png(d / "rep" + "/timeline.png"));
  CHECK(clitest::is_png(d / "rep" + "/progress.png"));
  CHECK(clitest::is_png(d / "rep" + "/capacity.png"));

  clitest::write_file(d / "sweep.csv",
                      "point,spec.topology.regions[0].hosts_per_rack,status,replications,assertions,"
                      "wait.mean,wait.sd,wait.ci_low,wait.ci_high,error\n"
                      "0,10,ok,5,pass,120,10,110,130,\n"
                      "1,20,ok,5,pass,60,8,52,68,\n"
                      "2,40,ok,5,pass,20,3,17,23,\n");
  o = run_cli("report " + (d / "sweep.csv") + " -o " + (d / "sw"));
  INFO(o.text);
  REQUIRE(o.code == 0);
  CHECK(clitest::is_png(d / "sw" + "/sweep-wait.png"));
}

TEST_CASE("a malformed replayed log stops validate and run with its file:line, exit 2", "[cli][replay]") {
  TempDir d;
  clitest::write_file(d / "log.swf",
                      "; MaxProcs: 8\n"
                      "1 0 0 10 1 -1 -1 1 10 -1 1 1 1 1 1 1 -1 -1\n"
                      "2 5 0 10 1 -1 -1 1 10 -1 1 1 1 1 1 1\n");
  clitest::write_file(d / "s.yaml",
                      "apiVersion: fleetsim/v1\nkind: Scenario\nmetadata: {name: bad-log}\nspec:\n"
                      "  topology:\n    host_types: {pool: {cpu: 8, memory: 1Gi}}\n"
                      "    regions: [{name: r, racks_per_zone: 1, hosts_per_rack: 1, host_type: pool}]\n"
                      "  workloads:\n    - {name: log, kind: trace, format: swf, file: log.swf}\n");
  for (const char* cmd : {"validate ", "run --progress never "}) {
    const auto o = run_cli(cmd + (d / "s.yaml"));
    INFO(o.text);
    CHECK(o.code == 2);
    CHECK_THAT(o.text, Catch::Contains(d / "log.swf" + ":3: spec.workloads[0].file: expected 18 whitespace-separated fields, found 16"));
  }
}
