// CSV export of series: tidy long format, RFC 4180 quoting, temp + rename.

#include <limits>
#include <sstream>

#include <catch2/catch.hpp>

#include "sim/io/output_error.hpp"
#include "sim/io/series_csv.hpp"
#include "tests/unit/io/io_test_support.hpp"

using namespace fleetsim;
using namespace fleetsim::io;
using namespace fleetsim::io::test;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("series export to tidy CSV", "[io][csv]") {
  TempDir dir;
  const std::string path = dir.file("series.csv");
  write_series_csv(path, sample_times(), sample_series());
  CHECK(dir.entries() == std::vector<std::string>{"series.csv"});
  const std::vector<std::string> lines = lines_of(read_bytes(path));
  REQUIRE(lines.size() == 1 + 12 * (1 + 3 + 3 + 1));
  CHECK(lines[0] == "time_s,group,metric,column,value");
  CHECK(lines[1] == "0,fleet,hosts_up,,1000");
  CHECK(lines[2] == "300,fleet,hosts_up,,999");
  CHECK(lines[13] == "0,zone,utilization,east-a,0");
  CHECK(lines[14] == "0,zone,utilization,east-b,0.1");
  CHECK(lines[17] == "300,zone,utilization,east-b,0.11");
  CHECK(lines.back() == "3300,service,availability,web,1");
}

TEST_CASE("CSV fields are quoted when needed and non-finite values are spelled", "[io][csv]") {
  TempDir dir;
  const std::string path = dir.file("q.csv");
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<SeriesGroup> groups = {
      {"service", "latency", "s", "", {"a,b", "say \"hi\"", "plain"}, {nan, inf, -inf}}};
  write_series_csv(path, {milliseconds(250)}, groups);
  CHECK(read_bytes(path) ==
        "time_s,group,metric,column,value\n"
        "0.25,service,latency,\"a,b\",\n"
        "0.25,service,latency,\"say \"\"hi\"\"\",inf\n"
        "0.25,service,latency,plain,-inf\n");
}

TEST_CASE("CSV export refuses bad input and unwritable paths without leaving files", "[io][csv]") {
  TempDir dir;
  std::vector<SeriesGroup> bad = sample_series();
  bad[0].values.resize(3);
  CHECK_THROWS_AS(write_series_csv(dir.file("x.csv"), sample_times(), bad), std::invalid_argument);
  CHECK_THROWS_WITH(
      write_series_csv(dir.file("no/such/dir/x.csv"), sample_times(), sample_series()),
      Catch::Contains("no/such/dir/x.csv") && Catch::Contains("No such file"));
  CHECK(dir.entries().empty());
}
