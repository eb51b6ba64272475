/// Reading the logs a trace workload replays: SWF fields to jobs (offset, scale, processor
/// field, estimates, oversize rules, limit, end of run), pods to jobs, VM demand series,
/// and malformed logs reported at their file:line as located diagnostics.

#include <cmath>

#include <catch2/catch.hpp>

#include "sim/model/replay_input.hpp"
#include "tests/support/scenario_builder.hpp"
#include "tests/unit/importers/test_files.hpp"

using namespace fleetsim;

namespace {

// job submit wait run alloc cpu mem req_procs req_time req_mem status user group exe queue part prec think
const char* kLog =
    "; MaxProcs: 16\n"
    "1 100 5 60 4 -1 -1 4 120 -1 1 1 1 1 1 1 -1 -1\n"
    "2 90 0 30 -1 -1 -1 2 -1 -1 1 1 1 1 1 1 -1 -1\n"     // submitted first; no requested time
    "3 200 7 0 -1 -1 -1 8 600 -1 5 1 1 1 1 1 -1 -1\n"     // cancelled before start: no run time
    "4 300 -1 50 32 -1 -1 -1 100 -1 1 1 1 1 1 1 -1 -1\n"  // 32 allocated > 16; no request; no wait
    "5 400 1 10 2 -1 -1 3 20 -1 1 1 1 1 1 1 -1 -1\n";

scenario::Scenario with_trace(const std::string& file) {
  auto s = testing::fleet(1, 1, 1, 0);
  s.topology.host_types[0].capacity = testing::resources(16, 64);
  s.duration = hours(1);
  scenario::Workload w;
  w.name = "log";
  w.kind = scenario::WorkloadKind::Trace;
  w.trace_format = "swf";
  w.trace_file = file;
  w.resources.v[scenario::kCpu] = 1000;
  s.workloads.push_back(w);
  return s;
}

}  // namespace

TEST_CASE("SWF jobs become replay jobs with offset, estimates and skip counts", "[model][replay]") {
  const test::TempFile f(kLog, ".swf");
  auto s = with_trace(f.path());
  std::vector<scenario::Diagnostic> errors;
  auto in = model::load_replay_inputs(s, errors);
  REQUIRE(errors.empty());
  const model::ReplayJobs& r = in->jobs[0];
  CHECK(r.records == 5);
  CHECK(r.incomplete == 1);  // job 3
  CHECK(r.oversize == 1);    // job 4 (allocated 32 > 16)
  REQUIRE(r.jobs.size() == 3);
  // Sorted by submit; the first submit (90 s) is time 0.
  CHECK(r.jobs[0].id == 2);
  CHECK(r.jobs[0].submit == 0);
  CHECK(r.jobs[0].estimate == seconds(30));  // no requested time: the run time
  CHECK(r.jobs[0].need.v[scenario::kCpu] == 2000);
  CHECK(r.jobs[1].id == 1);
  CHECK(r.jobs[1].submit == seconds(10));
  CHECK(r.jobs[1].run == seconds(60));
  CHECK(r.jobs[1].estimate == seconds(120));
  CHECK(r.jobs[1].recorded_wait_s == 5);
  CHECK(r.jobs[2].size == 3);  // requested 3, allocated 2: requested wins by default

  s.workloads[0].replay.processors = "allocated";
  s.workloads[0].replay.estimate = "exact";
  s.workloads[0].replay.oversize = "clip";
  s.workloads[0].replay.time_offset = seconds(100);
  s.workloads[0].replay.time_scale = 0.5;
  in = model::load_replay_inputs(s, errors);
  REQUIRE(errors.empty());
  const model::ReplayJobs& a = in->jobs[0];
  CHECK(a.before_offset == 1);  // job 2 at 90 s
  CHECK(a.clipped == 1);
  REQUIRE(a.jobs.size() == 3);
  CHECK(a.jobs[0].id == 1);
  CHECK(a.jobs[0].submit == 0);
  CHECK(a.jobs[0].estimate == seconds(60));        // exact
  CHECK(a.jobs[1].id == 4);
  CHECK(a.jobs[1].submit == seconds(100));         // (300 - 100) * 0.5
  CHECK(a.jobs[1].size == 16);                     // clipped to the host
  CHECK(std::isnan(a.jobs[1].recorded_wait_s));    // -1 in the log
  CHECK(a.jobs[2].size == 2);                      // allocated

  s.workloads[0].replay = {};
  s.workloads[0].replay.limit = 2;
  s.duration = seconds(250);  // job 5 (submitted 310 s after the first) is beyond the end
  in = model::load_replay_inputs(s, errors);
  CHECK(in->jobs[0].jobs.size() == 2);
  CHECK(in->jobs[0].after_end == 1);
  CHECK(in->jobs[0].over_limit == 0);
  s.duration = hours(1);
  in = model::load_replay_inputs(s, errors);
  CHECK(in->jobs[0].over_limit == 1);
}

TEST_CASE("a malformed or empty log is a located diagnostic", "[model][replay]") {
  const test::TempFile bad("; MaxProcs: 4\n1 0 0 10 1 -1 -1 1 10 -1 1 1 1 1 1 1 -1 -1\n2 5 x 10 1 -1 -1 1 10 -1 1 1 1 1 1 1 -1 -1\n", ".swf");
  auto s = with_trace(bad.path());
  std::vector<scenario::Diagnostic> errors;
  model::load_replay_inputs(s, errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].where.file == bad.path());
  CHECK(errors[0].where.line == 3);
  CHECK(errors[0].path == "spec.workloads[0].file");
  CHECK_THAT(errors[0].format(), Catch::Contains(":3:") && Catch::Contains("wait time (field 3)"));

  const test::TempFile cancelled("1 0 0 0 -1 -1 -1 1 10 -1 5 1 1 1 1 1 -1 -1\n", ".swf");
  errors.clear();
  model::load_replay_inputs(with_trace(cancelled.path()), errors);
  REQUIRE(errors.size() == 1);
  CHECK_THAT(errors[0].message, Catch::Contains("no job") && Catch::Contains("1 skipped"));
}

TEST_CASE("Alibaba GPU pods become jobs with cpu, memory and gpu requests", "[model][replay]") {
  const test::TempFile pods(
      "name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time\n"
      "p0,4000,1024,1,500,,LS,Running,10,110,12\n"
      "p1,1000,512,0,0,,BE,Pending,20,,\n"          // never scheduled
      "p2,2000,2048,2,1000,V100,LS,Running,30,,30\n"  // still alive at the end of the trace
      "p3,65000,1024,1,1000,,LS,Running,40,50,41\n",  // more cpu than any host
      ".csv");
  auto s = testing::fleet(1, 1, 1, 0);
  s.topology.extra_dimensions = {"gpu"};
  s.topology.host_types[0].capacity.v[2] = 8000;
  scenario::Workload w;
  w.name = "pods";
  w.kind = scenario::WorkloadKind::Trace;
  w.trace_format = "alibaba-gpu";
  w.trace_file = pods.path();
  s.workloads.push_back(w);
  std::vector<scenario::Diagnostic> errors;
  const auto in = model::load_replay_inputs(s, errors);
  REQUIRE(errors.empty());
  const auto& r = in->jobs[0];
  CHECK(r.incomplete == 1);
  CHECK(r.oversize == 1);
  REQUIRE(r.jobs.size() == 2);
  CHECK(r.jobs[0].submit == 0);
  CHECK(r.jobs[0].run == seconds(98));
  CHECK(r.jobs[0].recorded_wait_s == 2);
  CHECK(r.jobs[0].need.v[scenario::kCpu] == 4000);
  CHECK(r.jobs[0].need.v[scenario::kMemory] == 1024LL * 1024 * 1024);
  CHECK(r.jobs[0].need.v[2] == 500);
  CHECK(r.jobs[1].need.v[2] == 2000);
  CHECK(r.jobs[1].run > days(10000));  // runs past any simulation
}

TEST_CASE("VM demand series: offset, repeat, hold and zero after the end", "[model][replay]") {
  model::VmDemandSeries s;
  s.times_s = {0, 300, 600};
  s.util = {0.1, 0.5, 0.2};
  CHECK(s.at(-10, "repeat") == 0.1);
  CHECK(s.at(299, "repeat") == 0.1);
  CHECK(s.at(300, "repeat") == 0.5);
  CHECK(s.at(899, "repeat") == 0.2);
  CHECK(s.at(900, "repeat") == 0.1);   // one period is 900 s
  CHECK(s.at(1500, "repeat") == 0.2);
  CHECK(s.at(900, "hold") == 0.2);
  CHECK(s.at(900, "zero") == 0.0);

  const test::TempFile pl("vm,t000,t001,t002\na_slice,10,20,30\nb_slice,0,50,100\n", "_20110303.csv");
  auto sc = testing::fleet(1, 1, 1, 0);
  scenario::Workload w = testing::service("vms", 2, testing::resources(2, 1));
  w.kind = scenario::WorkloadKind::Vm;
  w.demand = scenario::VmDemandTrace{"planetlab", pl.path(), std::nullopt, "repeat"};
  sc.workloads.push_back(w);
  std::vector<scenario::Diagnostic> errors;
  const auto in = model::load_replay_inputs(sc, errors);
  REQUIRE(errors.empty());
  REQUIRE(in->demand[0].series.size() == 2);
  CHECK(in->demand[0].series[1].times_s == std::vector<double>{0, 300, 600});
  CHECK(in->demand[0].series[1].util == std::vector<double>{0, 0.5, 1.0});
}
