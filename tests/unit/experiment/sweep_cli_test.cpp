/// `fleetsim sweep` end to end: the table, resume, shards and their merge, thread counts,
/// per-point errors, bad sweep files, progress lines.

#include <catch2/catch.hpp>

#include "tests/unit/experiment/cli_support.hpp"

using namespace fleetsim::testing;

namespace {

/// A 2 x 2 sweep of the small scenario, 3 replications, shortened to one day.
std::string sweep_text(const std::string& racks = "[2, 3]") {
  return "apiVersion: fleetsim/v1\n"
         "kind: Sweep\n"
         "metadata: {name: grid}\n"
         "spec:\n"
         "  scenario: " + kFixtures + "/small.yaml\n"
         "  set: [spec.duration=1d, spec.warmup=1h]\n"
         "  replications: 3\n"
         "  metrics: [\"workload.etl.*\", service.web.availability]\n"
         "  axes:\n"
         "    - {path: spec.policies.placement, values: [best-fit, spread]}\n"
         "    - {path: \"spec.topology.regions[0].racks_per_zone\", values: " + racks + "}\n";
}

std::string sweep(const TempDir& dir, const std::string& out, const std::string& extra = "") {
  const Output o = run_fleetsim("sweep " + (dir / "grid.yaml") + " --progress never --out " + (dir / out) + " " + extra);
  INFO(o.text);
  CHECK((o.code == 0 || o.code == 1));
  return o.text;
}

}  // namespace

TEST_CASE("sweep: a table with one row per point, CI columns and verdicts, in CSV and HDF5",
          "[experiment][cli][sweep]") {
  TempDir dir;
  write_file(dir / "grid.yaml", sweep_text());
  const std::string text = sweep(dir, "a", "--threads 2");
  CHECK_THAT(text, Catch::Contains("sweep grid: 4 points x 3 replications: ran 4, skipped 0"));
  const std::string csv = read_file(dir / "a/table.csv");
  INFO(csv);
  CHECK(count_lines(csv) == 5);
  CHECK_THAT(csv, Catch::StartsWith("point,spec.policies.placement,spec.topology.regions[0].racks_per_zone,status,"
                                    "replications,assertions,pass: service.web.availability >= 0.99,"
                                    "pass: workload.etl.wait_mean_s[ci_high] <= 1h,"
                                    "service.web.availability.mean,service.web.availability.sd,"
                                    "service.web.availability.ci_low,service.web.availability.ci_high,"));
  CHECK_THAT(csv, Catch::Contains("\n0,best-fit,2,ok,3,"));
  CHECK_THAT(csv, Catch::Contains("\n3,spread,3,ok,3,"));
  CHECK_THAT(csv, !Catch::Contains("fleet.hosts"));  // not selected by spec.metrics
  // The HDF5 form reads back with h5py: the same columns, four rows.
  const std::string check =
      "/usr/bin/python3 -c \"import h5py, sys; f = h5py.File(sys.argv[1]); t = f['table']; "
      "cols = list(t.attrs['columns']); print(len(cols), t.attrs['rows'], t['status'].asstr()[:].tolist(), "
      "t['replications'][:].tolist(), f.attrs['format'])\" " + (dir / "a/table.h5");
  FILE* p = popen(check.c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[1024] = {0};
  const std::string line = std::fgets(buf, sizeof buf, p) ? buf : "";
  pclose(p);
  const std::size_t header_columns = static_cast<std::size_t>(std::count(csv.begin(), csv.begin() + csv.find('\n'), ',')) + 1;
  CHECK(line == std::to_string(header_columns) + " 4 ['ok', 'ok', 'ok', 'ok'] [3.0, 3.0, 3.0, 3.0] fleetsim-results-table\n");
}

TEST_CASE("sweep: resume skips finished points and gives the same table", "[experiment][cli][sweep][resume]") {
  TempDir dir;
  write_file(dir / "grid.yaml", sweep_text());
  sweep(dir, "r");
  const std::string table = read_file(dir / "r/table.csv");
  const std::string again = sweep(dir, "r");
  CHECK_THAT(again, Catch::Contains("ran 0, skipped 4"));
  CHECK(read_file(dir / "r/table.csv") == table);
  // Lose one point's result: only that point runs again.
  std::size_t removed = 0;
  for (const auto& f : std::filesystem::directory_iterator(dir / "r/points")) {
    if (removed++ == 0) std::filesystem::remove(f.path());
  }
  CHECK_THAT(sweep(dir, "r"), Catch::Contains("ran 1, skipped 3"));
  CHECK(read_file(dir / "r/table.csv") == table);
  CHECK_THAT(sweep(dir, "r", "--fresh"), Catch::Contains("ran 4, skipped 0"));
  CHECK(read_file(dir / "r/table.csv") == table);
  // A new axis value keeps the old points' results.
  write_file(dir / "grid.yaml", sweep_text("[2, 3, 4]"));
  CHECK_THAT(sweep(dir, "r"), Catch::Contains("6 points x 3 replications: ran 2, skipped 4"));
}

TEST_CASE("sweep: the shards' union is the whole sweep, on any thread count", "[experiment][cli][sweep][shard]") {
  TempDir dir;
  write_file(dir / "grid.yaml", sweep_text());
  sweep(dir, "whole", "--threads 1");
  const std::string first = sweep(dir, "sharded", "--shard 1/3 --threads 2");
  CHECK_THAT(first, Catch::Contains("shard 1/3: ran 2, skipped 0"));
  CHECK_THAT(first, Catch::Contains("2 of 4 points have no result yet"));
  CHECK_FALSE(std::filesystem::exists(dir / "sharded/table.csv"));
  const Output early = run_fleetsim("sweep " + (dir / "grid.yaml") + " --merge --out " + (dir / "sharded"));
  CHECK(early.code == 2);
  CHECK_THAT(early.text, Catch::Contains("cannot merge, 2 point(s) missing"));
  sweep(dir, "sharded", "--shard 2/3");
  sweep(dir, "sharded", "--shard 3/3");
  CHECK(read_file(dir / "sharded/table.csv") == read_file(dir / "whole/table.csv"));
  CHECK(read_file(dir / "sharded/table.h5") == read_file(dir / "whole/table.h5"));
  std::filesystem::remove(dir / "sharded/table.csv");
  const Output merged = run_fleetsim("sweep " + (dir / "grid.yaml") + " --merge --out " + (dir / "sharded"));
  INFO(merged.text);
  CHECK((merged.code == 0 || merged.code == 1));
  CHECK(read_file(dir / "sharded/table.csv") == read_file(dir / "whole/table.csv"));
}

TEST_CASE("sweep: a point with a bad value is reported, the others run", "[experiment][cli][sweep]") {
  TempDir dir;
  write_file(dir / "grid.yaml", sweep_text("[2, -1]"));
  const Output o = run_fleetsim("sweep " + (dir / "grid.yaml") + " --progress never --out " + (dir / "e"));
  INFO(o.text);
  CHECK(o.code == 2);
  CHECK_THAT(o.text, Catch::Contains("point 1 (spec.policies.placement=best-fit, spec.topology.regions[0].racks_per_zone=-1) could not run:"));
  CHECK_THAT(o.text, Catch::Contains(dir / "grid.yaml:11:69: spec.topology.regions[0].racks_per_zone:"));
  const std::string csv = read_file(dir / "e/table.csv");
  CHECK_THAT(csv, Catch::Contains("\n0,best-fit,2,ok,3,"));
  CHECK_THAT(csv, Catch::Contains("\n1,best-fit,-1,error,0,"));
  CHECK_THAT(csv, Catch::Contains("\n2,spread,2,ok,3,"));
}

TEST_CASE("sweep: a bad sweep file is exit 2 with file:line:column", "[experiment][cli][sweep]") {
  TempDir dir;
  write_file(dir / "grid.yaml", sweep_text() + "  replications: 4\n");
  const Output o = run_fleetsim("sweep " + (dir / "grid.yaml"));
  INFO(o.text);
  CHECK(o.code == 2);
  CHECK_THAT(o.text, Catch::Contains(dir / "grid.yaml:12:3: spec.replications: duplicate key"));
  write_file(dir / "bad-set.yaml", sweep_text() + "  scenario_typo: 1\n");
  CHECK(run_fleetsim("sweep " + (dir / "bad-set.yaml")).code == 2);
  // A base scenario that does not load under the sweep's `set` stops the sweep before any run.
  write_file(dir / "bad-base.yaml", [] {
    std::string t = sweep_text();
    t.replace(t.find("spec.warmup=1h"), 14, "spec.warmup=5d");
    return t;
  }());
  const Output base = run_fleetsim("sweep " + (dir / "bad-base.yaml") + " --out " + (dir / "b"));
  CHECK(base.code == 2);
  CHECK_THAT(base.text, Catch::Contains(dir / "bad-base.yaml:6:27: spec.warmup: warmup (5d) must be shorter than duration (1d)"));
  CHECK(run_fleetsim("sweep " + (dir / "grid.yaml") + " --shard 3/2").code == 2);
}

TEST_CASE("sweep: --progress jsonl gives one JSON event per point", "[experiment][cli][sweep][progress]") {
  TempDir dir;
  write_file(dir / "grid.yaml", sweep_text());
  const Output o = run_fleetsim("sweep " + (dir / "grid.yaml") + " --quiet --progress jsonl --out " + (dir / "p") +
                            " 2>&1 >/dev/null | grep '\"event\":\"point\"' | /usr/bin/python3 -c "
                            "\"import sys, json; print(sorted(json.loads(l)['point'] for l in sys.stdin))\"");
  CHECK(o.text == "[0, 1, 2, 3]\n");
  // auto: nothing on a pipe, and nothing when CI is set.
  const Output quiet = run_fleetsim("sweep " + (dir / "grid.yaml") + " --quiet --fresh --out " + (dir / "p"), true, "CI=1");
  CHECK(quiet.text.find("eta") == std::string::npos);
}
