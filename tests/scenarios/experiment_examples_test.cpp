/// The example sweep and capacity plan run from the command line (into a temporary
/// directory), and the sweep's committed table has the rows and columns a run produces.

#include <filesystem>

#include <catch2/catch.hpp>

#include "tests/unit/experiment/cli_support.hpp"

using namespace fleetsim::testing;

namespace {

std::string header(const std::string& csv) { return csv.substr(0, csv.find('\n')); }

}  // namespace

TEST_CASE("the example sweep runs and matches its committed table's shape", "[scenarios][examples][sweep]") {
  const std::string file = kSrc + "/scenarios/sweeps/placement-x-size.yaml";
  TempDir dir;
  const Output o = run_fleetsim("sweep " + file + " --progress never --threads 2 --out " + dir.path());
  INFO(o.text);
  // The 3-racks-per-zone points are overloaded on purpose: their p99 wait fails.
  CHECK(o.code == 1);
  CHECK_THAT(o.text, Catch::Contains("9 points x 5 replications: ran 9"));
  CHECK_THAT(o.text, Catch::Contains("6 pass, 3 fail, 0 error"));
  const std::string fresh = read_file(dir / "table.csv");
  const std::string committed = read_file(kSrc + "/scenarios/sweeps/placement-x-size.results/table.csv");
  CHECK(count_lines(fresh) == 10);
  CHECK(count_lines(committed) == 10);
  CHECK(header(committed) == header(fresh));
}

TEST_CASE("the example capacity plan finds an answer", "[scenarios][examples][plan]") {
  const std::string file = kSrc + "/scenarios/plans/racks-next-quarter.yaml";
  TempDir dir;
  // Shorter runs than the example's 10 days keep the test suite fast.
  const Output o = run_fleetsim("plan " + file + " --progress never --threads 2 --set spec.duration=4d --out " + dir.path());
  INFO(o.text);
  CHECK(o.code == 0);
  CHECK_THAT(o.text, Catch::Contains("answer: spec.topology.regions[0].racks_per_zone = "));
  CHECK_THAT(read_file(dir / "plan.json"), Catch::Contains("\"parameter\": \"spec.topology.regions[0].racks_per_zone\""));
  CHECK(std::filesystem::exists(dir / "curve.csv"));
  CHECK(std::filesystem::exists(dir / "curve.h5"));
}
