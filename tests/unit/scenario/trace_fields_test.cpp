/// The replay fields of a scenario: a trace workload's format, offset, scale, processor and
/// estimate rules; a vm workload's demand trace; the queue discipline. Values land in the
/// structs; every mistake is an error at its file:line:column.

#include <catch2/catch.hpp>

#include "sim/scenario/loader.hpp"

using namespace fleetsim;
using namespace fleetsim::scenario;

namespace {

const std::string kLog = FLEETSIM_SOURCE_DIR "/tests/fixtures/importers/swf_field_count.swf";

std::string doc(const std::string& workloads, const std::string& extra = "") {
  return "apiVersion: fleetsim/v1\n"
         "kind: Scenario\n"
         "metadata: {name: t}\n"
         "spec:\n"
         "  topology:\n"
         "    host_types: {pool: {cpu: 128, memory: 1Ti}}\n"
         "    regions: [{name: r, racks_per_zone: 1, hosts_per_rack: 1, host_type: pool}]\n"
         "  workloads:\n" +
         workloads + extra;
}

std::string all(const std::vector<Diagnostic>& errors) {
  std::string s;
  for (const auto& e : errors) s += e.format() + "\n";
  return s;
}

}  // namespace

TEST_CASE("trace and demand fields load into the workload", "[scenario][trace]") {
  const LoadResult r = load_scenario_text(
      doc("    - {name: log, kind: trace, format: swf, file: " + kLog +
              ", time_offset: 366d, time_scale: 0.5, processors: allocated, estimate: exact, oversize: clip, limit: 10,"
              " resources: {cpu: 2, memory: 1Gi}}\n"
              "    - {name: plain, kind: trace, format: swf, file: " + kLog + "}\n"
              "    - name: vms\n"
              "      kind: vm\n"
              "      count: 4\n"
              "      resources: {cpu: 2, memory: 4Gi}\n"
              "      demand: {format: bitbrains, file: " + kLog + ", after_end: hold}\n",
          "  policies: {queue: easy}\n"),
      "t.yaml");
  INFO(all(r.errors));
  REQUIRE(r.ok());
  const Workload& w = r.scenario->workloads[0];
  CHECK(w.trace_format == "swf");
  REQUIRE(w.replay.time_offset);
  CHECK(*w.replay.time_offset == days(366));
  CHECK(w.replay.time_scale == 0.5);
  CHECK(w.replay.processors == "allocated");
  CHECK(w.replay.estimate == "exact");
  CHECK(w.replay.oversize == "clip");
  CHECK(w.replay.limit == 10);
  CHECK(w.resources.v[kCpu] == 2000);
  const Workload& p = r.scenario->workloads[1];
  CHECK_FALSE(p.replay.time_offset);  // first
  CHECK(p.replay.time_scale == 1.0);
  CHECK(p.replay.processors == "requested");
  CHECK(p.resources.v[kCpu] == 1000);  // one cpu per processor by default
  CHECK(p.resources.v[kMemory] == 0);
  const Workload& v = r.scenario->workloads[2];
  REQUIRE(v.demand);
  CHECK(v.demand->format == "bitbrains");
  CHECK(v.demand->after_end == "hold");
  CHECK(r.scenario->policies.queue.name == "easy");
}

TEST_CASE("replay field mistakes are located errors", "[scenario][trace]") {
  const LoadResult r = load_scenario_text(
      doc("    - {name: a, kind: trace, format: swff, file: " + kLog + ", time_offset: soon}\n"
          "    - {name: b, kind: trace, format: alibaba-gpu, file: " + kLog + ", processors: requested}\n"
          "    - {name: c, kind: batch, arrival: {rate: 1/h}, duration: 1h, resources: {cpu: 1, memory: 1Gi}, "
          "demand: {format: planetlab, file: " + kLog + "}}\n"
          "    - {name: d, kind: vm, count: 1, resources: {cpu: 1, memory: 1Gi}, demand: {format: planetlab, file: "
          "missing.csv, after_end: loop}}\n"
          "    - {name: e, kind: trace, format: swf, file: " + kLog + ", time_scale: 0}\n"),
      "t.yaml");
  REQUIRE_FALSE(r.ok());
  const std::string text = all(r.errors);
  INFO(text);
  CHECK_THAT(text, Catch::Contains("t.yaml:9:38: spec.workloads[0].format: unknown workload log format 'swff' (did you mean 'swf'?)"));
  CHECK_THAT(text, Catch::Contains("spec.workloads[0].time_offset:"));
  CHECK_THAT(text, Catch::Contains("or 'first'"));
  CHECK_THAT(text, Catch::Contains("t.yaml:10:") && Catch::Contains("spec.workloads[1].processors: 'processors' does not apply to format alibaba-gpu"));
  CHECK_THAT(text, Catch::Contains("spec.workloads[1].format: alibaba-gpu pods request gpus, but the topology declares no 'gpu' dimension"));
  CHECK_THAT(text, Catch::Contains("t.yaml:11:") && Catch::Contains("spec.workloads[2].demand: 'demand' does not apply when kind is batch"));
  CHECK_THAT(text, Catch::Contains("spec.workloads[3].demand.file: file 'missing.csv' not found"));
  CHECK_THAT(text, Catch::Contains("spec.workloads[3].demand.after_end: unknown end-of-trace rule 'loop'"));
  CHECK_THAT(text, Catch::Contains("t.yaml:13:") && Catch::Contains("spec.workloads[4].time_scale"));
}
