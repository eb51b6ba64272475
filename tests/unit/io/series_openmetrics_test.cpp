// OpenMetrics export of series: names, escaping, timestamps, and promtool's verdict.

#include <unistd.h>

#include <limits>

#include <catch2/catch.hpp>

#include "sim/io/output_error.hpp"
#include "sim/io/series_openmetrics.hpp"
#include "tests/unit/io/io_test_support.hpp"

using namespace fleetsim;
using namespace fleetsim::io;
using namespace fleetsim::io::test;

namespace {

constexpr const char* kPromtool = "/usr/bin/promtool";

}  // namespace

TEST_CASE("OpenMetrics names, units and timestamps", "[io][openmetrics]") {
  CHECK(sanitize_metric_name("fleetsim_zone_pending.p99-x") == "fleetsim_zone_pending_p99_x");
  CHECK(sanitize_metric_name("9lives") == "_9lives");
  CHECK(sanitize_metric_name("a:b") == "a:b");
  CHECK(sanitize_metric_name("") == "_");
  CHECK(sanitize_label_name("a:b") == "a_b");
  CHECK(sanitize_label_name("__reserved") == "_reserved");
  CHECK(openmetrics_unit("s") == "seconds");
  CHECK(openmetrics_unit("B") == "bytes");
  CHECK(openmetrics_unit("ratio") == "ratio");
  CHECK(openmetrics_unit("1").empty());
  CHECK(openmetrics_unit("hosts").empty());
  CHECK(openmetrics_family_name("fleetsim_", {"zone", "pending_p99", "s", "", {}, {}}) ==
        "fleetsim_zone_pending_p99_seconds");
  CHECK(openmetrics_family_name("fleetsim_", {"zone", "wait_seconds", "s", "", {}, {}}) ==
        "fleetsim_zone_wait_seconds");
  CHECK(openmetrics_family_name("", {"fleet", "hosts_up", "hosts", "", {}, {}}) ==
        "fleet_hosts_up");
  CHECK(openmetrics_timestamp(0) == "0");
  CHECK(openmetrics_timestamp(seconds(300)) == "300");
  CHECK(openmetrics_timestamp(milliseconds(250)) == "0.25");
  CHECK(openmetrics_timestamp(1) == "0.000001");
  CHECK(openmetrics_timestamp(-milliseconds(1500)) == "-1.5");
}

TEST_CASE("OpenMetrics text layout", "[io][openmetrics]") {
  TempDir dir;
  const std::string path = dir.file("m.om");
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<SeriesGroup> groups = {
      {"fleet", "hosts_up", "hosts", "Hosts \"up\"\nnow.", {}, {10, 11}},
      {"zone", "wait", "s", "", {"east-a", "we\"ird\\"}, {1.5, nan, 2, 1e300}}};
  write_series_openmetrics(path, {0, seconds(300)}, groups, "fleetsim_", 1'700'000'000);
  CHECK(read_bytes(path) ==
        "# TYPE fleetsim_fleet_hosts_up gauge\n"
        "# HELP fleetsim_fleet_hosts_up Hosts 'up'\\nnow. (unit: hosts)\n"
        "fleetsim_fleet_hosts_up 10 1700000000\n"
        "fleetsim_fleet_hosts_up 11 1700000300\n"
        "# TYPE fleetsim_zone_wait_seconds gauge\n"
        "# UNIT fleetsim_zone_wait_seconds seconds\n"
        "# HELP fleetsim_zone_wait_seconds zone wait\n"
        "fleetsim_zone_wait_seconds{zone=\"east-a\"} 1.5 1700000000\n"
        "fleetsim_zone_wait_seconds{zone=\"east-a\"} 2 1700000300\n"
        "fleetsim_zone_wait_seconds{zone=\"we\\\"ird\\\\\"} NaN 1700000000\n"
        "fleetsim_zone_wait_seconds{zone=\"we\\\"ird\\\\\"} 1e+300 1700000300\n"
        "# EOF\n");
  CHECK(dir.entries() == std::vector<std::string>{"m.om"});
}

TEST_CASE("OpenMetrics export refuses colliding names and unwritable paths", "[io][openmetrics]") {
  TempDir dir;
  std::vector<SeriesGroup> groups = {{"zone", "a.b", "1", "", {}, {1}},
                                     {"zone", "a_b", "1", "", {}, {2}}};
  CHECK_THROWS_WITH(write_series_openmetrics(dir.file("x.om"), {0}, groups),
                    Catch::Contains("both become OpenMetrics family 'fleetsim_zone_a_b'"));
  CHECK_THROWS_AS(write_series_openmetrics(dir.file("none/x.om"), sample_times(), sample_series()),
                  OutputError);
  CHECK(dir.entries().empty());
}

TEST_CASE("promtool accepts the OpenMetrics export", "[io][openmetrics][promtool]") {
  if (::access(kPromtool, X_OK) != 0) {
    WARN("skipped: " << kPromtool << " not found (Debian package prometheus)");
    return;
  }
  TempDir dir;
  const std::string path = dir.file("series.om");
  write_series_openmetrics(path, sample_times(), sample_series());

  // Lint (Prometheus text parser + promlint): exit 0 and no problems reported.
  const CommandResult lint =
      run_command(std::string(kPromtool) + " check metrics < '" + path + "'");
  INFO(lint.output);
  CHECK(lint.status == 0);
  CHECK(lint.output.empty());

  // The OpenMetrics parser proper, as used for backfilling: fractional timestamps too.
  std::vector<std::int64_t> times = {milliseconds(250), milliseconds(500)};
  write_series_openmetrics(dir.file("fine.om"), times,
                           {{"fleet", "hosts_up", "hosts", "Up.", {}, {1, 2}}});
  for (const char* file : {"series.om", "fine.om"}) {
    const CommandResult blocks =
        run_command(std::string(kPromtool) + " tsdb create-blocks-from openmetrics '" +
                    dir.file(file) + "' '" + dir.file("tsdb") + "'");
    INFO(file << ": " << blocks.output);
    CHECK(blocks.status == 0);
  }
  const CommandResult count = run_command("grep -c '' '" + path + "'");
  CHECK(count.output == std::to_string(12 * 8 + 4 * 2 + 2 + 1) + "\n");  // samples, meta, EOF
}
