/// Empirical distributions: samples from a CSV column, and every way that goes wrong.

#include <catch2/catch.hpp>

#include "sim/scenario/loader.hpp"

using namespace fleetsim::scenario;

namespace {

const std::string kFixtures = FLEETSIM_SOURCE_DIR "/tests/scenarios/fixtures/";

bool has(const std::vector<Diagnostic>& errors, const std::string& prefix,
         const std::string& fragment) {
  for (const Diagnostic& e : errors) {
    const std::string f = e.format();
    if (f.rfind(prefix, 0) == 0 && f.find(fragment) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("empirical: a column by name or index, seconds or durations", "[scenario][empirical]") {
  const LoadResult r = load_scenario_file(kFixtures + "empirical.yaml");
  INFO(format_errors(r.errors));
  REQUIRE(r.ok());
  const Distribution& by_name = *r.scenario->failures[0].repair;
  CHECK(by_name.kind == Distribution::Kind::Empirical);
  CHECK(by_name.samples == std::vector<double>{3600, 7200, 1800});
  CHECK(by_name.mean() == Approx(4200));
  CHECK(by_name.column == "repair_s");
  CHECK(by_name.file == kFixtures + "data/repairs.csv");
  const Distribution& by_index = *r.scenario->failures[1].repair;
  CHECK(by_index.samples == std::vector<double>{3600, 7200, 1800});
}

TEST_CASE("empirical: missing file, missing column, bad values with file:line",
          "[scenario][empirical]") {
  const std::string file = kFixtures + "empirical_broken.yaml";
  const std::string csv = kFixtures + "data/bad_repairs.csv";
  const LoadResult r = load_scenario_file(file);
  const std::string all = format_errors(r.errors);
  INFO(all);
  REQUIRE_FALSE(r.ok());
  CHECK(has(r.errors, file + ":12:39: spec.failures[0].repair.file",
            "file 'data/missing.csv' not found"));
  CHECK(has(r.errors, file + ":15:65: spec.failures[1].repair", "no column 'repair_hours'"));
  CHECK(has(r.errors, file + ":15:65: spec.failures[1].repair", "columns: host, repair_s, repair"));
  CHECK(has(r.errors, csv + ":3:4: spec.failures[2].repair",
            "'soon' is not a number of seconds or a duration"));
  CHECK(has(r.errors, csv + ":4:4: spec.failures[2].repair", "negative value '-5'"));
  CHECK(has(r.errors, csv + ":5:1: spec.failures[2].repair",
            "this row has 1 column, the header has 2"));
  CHECK(has(r.errors, csv + ":6:4: spec.failures[2].repair", "empty value in column 'repair'"));
  CHECK(has(r.errors, file + ":20:24: spec.failures[3].time_to_failure",
            "missing required key 'column'"));
  CHECK(r.errors.size() == 7);
}
