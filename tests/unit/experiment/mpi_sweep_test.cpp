/// The same sweep and the same plan under `mpirun` with 1 and 2 ranks give identical
/// tables (results do not depend on which rank ran what). Built only with MPI.

#include <catch2/catch.hpp>

#include "tests/unit/experiment/cli_support.hpp"

using namespace fleetsim::testing;

#ifdef FLEETSIM_HAVE_MPI

namespace {

/// mpirun as the test suite needs it: oversubscribed (2 ranks on any machine), allowed
/// as root, local shared-memory and TCP transports only. Under AddressSanitizer, leak
/// detection is off for the ranks: Open MPI's plugins leave allocations behind after they
/// are unloaded, which LeakSanitizer cannot attribute or suppress by name. The sweep and
/// plan code the ranks run is leak-checked by the tests that run it without mpirun.
Output mpirun(int ranks, const std::string& args) {
  Output o;
  const std::string cmd = "ASAN_OPTIONS=detect_leaks=0 "
                          "OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1 "
                          "timeout 120 mpirun --oversubscribe -np " + std::to_string(ranks) + " " + kBin + " " + args +
                          " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  while (std::fgets(buf, sizeof buf, p)) o.text += buf;
  const int status = pclose(p);
  o.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return o;
}

}  // namespace

TEST_CASE("mpi: a sweep on 1 and 2 ranks writes identical tables", "[experiment][cli][sweep][mpi]") {
  TempDir dir;
  write_file(dir / "grid.yaml",
             "apiVersion: fleetsim/v1\nkind: Sweep\nmetadata: {name: mpi}\nspec:\n"
             "  scenario: " + kFixtures + "/small.yaml\n"
             "  set: [spec.duration=1d, spec.warmup=1h]\n"
             "  replications: 3\n"
             "  axes:\n"
             "    - {path: spec.policies.placement, values: [best-fit, spread, first-fit]}\n");
  const Output one = mpirun(1, "sweep " + (dir / "grid.yaml") + " --threads 1 --progress never --out " + (dir / "one"));
  INFO(one.text);
  REQUIRE((one.code == 0 || one.code == 1));
  CHECK_THAT(one.text, Catch::Contains("(MPI, 1 ranks)"));
  const Output two = mpirun(2, "sweep " + (dir / "grid.yaml") + " --threads 1 --progress never --out " + (dir / "two"));
  INFO(two.text);
  REQUIRE(two.code == one.code);
  CHECK_THAT(two.text, Catch::Contains("ran 3, skipped 0"));
  CHECK_THAT(two.text, Catch::Contains("(MPI, 2 ranks)"));
  // Only rank 0 printed the summary.
  CHECK(two.text.find("sweep mpi:") == two.text.rfind("sweep mpi:"));
  CHECK(read_file(dir / "two/table.csv") == read_file(dir / "one/table.csv"));
  CHECK(read_file(dir / "two/table.h5") == read_file(dir / "one/table.h5"));
  CHECK(count_lines(read_file(dir / "two/table.csv")) == 4);
  // The single-process run agrees too.
  const Output local = run_fleetsim("sweep " + (dir / "grid.yaml") + " --threads 2 --progress never --out " + (dir / "local"));
  CHECK(read_file(dir / "local/table.csv") == read_file(dir / "one/table.csv"));
}

TEST_CASE("mpi: a plan on 2 ranks finds the same answer and curve", "[experiment][cli][plan][mpi]") {
  TempDir dir;
  write_file(dir / "plan.yaml",
             "apiVersion: fleetsim/v1\nkind: Plan\nmetadata: {name: mpi-plan}\nspec:\n"
             "  scenario: " + kFixtures + "/small.yaml\n"
             "  set: [spec.duration=1d, spec.warmup=1h]\n"
             "  replications: 3\n"
             "  parameter: {path: \"spec.topology.regions[0].hosts_per_rack\", min: 3, max: 12}\n"
             "  assertions:\n"
             "    - {metric: workload.etl.wait_mean_s, op: \"<=\", value: 10m, aggregate: ci_high}\n");
  const Output one = run_fleetsim("plan " + (dir / "plan.yaml") + " --threads 2 --progress never --out " + (dir / "one"));
  INFO(one.text);
  REQUIRE(one.code == 0);
  const Output two = mpirun(2, "plan " + (dir / "plan.yaml") + " --threads 1 --progress never --out " + (dir / "two"));
  INFO(two.text);
  CHECK(two.code == 0);
  CHECK(read_file(dir / "two/curve.csv") == read_file(dir / "one/curve.csv"));
  CHECK(read_file(dir / "two/plan.json") == read_file(dir / "one/plan.json"));
}

#endif
