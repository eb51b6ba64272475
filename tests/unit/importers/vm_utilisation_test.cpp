#include <catch2/catch.hpp>

#include <map>

#include "sim/io/importers/telemetry_series.hpp"
#include "sim/io/importers/vm_utilisation.hpp"
#include "test_files.hpp"

using namespace fleetsim::io;
using fleetsim::test::TempFile;

namespace {

template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const ImportError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("PlanetLab rows become one series per VM-day", "[importers][planetlab]") {
  const std::string text =
      "day,vm,t000,t001,t002\n20110303,node_a_slice,5,7,9\n20110306,node b slice,0,1,2\n";
  for (const char* suffix : {".csv", ".csv.gz"}) {
    const TempFile f(text, suffix);
    const auto s = read_planetlab_cpu(f.path());
    REQUIRE(s.size() == 2);
    CHECK(s[0].vm == "node_a_slice");
    CHECK(s[0].period == "20110303");
    const double midnight = *parse_timestamp("2011-03-03T00:00:00Z");
    CHECK(s[0].times_s == std::vector<double>{midnight, midnight + 300, midnight + 600});
    CHECK(s[0].cpu_pct == std::vector<double>{5, 7, 9});
    CHECK(s[0].cpu_mhz.empty());
    CHECK(s[1].vm == "node b slice");
    CHECK(s[1].times_s[0] == *parse_timestamp("2011-03-06T00:00:00Z"));
  }
  // A single-day file takes its day from the name or the options.
  const TempFile day("vm,t000,t001\nx,1,2\n", "_20110420.csv");
  CHECK(read_planetlab_cpu(day.path())[0].period == "20110420");
  PlanetLabOptions o;
  o.day = "20110409";
  CHECK(read_planetlab_cpu(day.path(), o)[0].period == "20110409");
  const TempFile no_day("vm,t000\nx,1\n", ".csv");
  CHECK_THAT(error_of([&] { read_planetlab_cpu(no_day.path()); }),
             Catch::StartsWith(no_day.path() + ":1: the file has no day column"));
}

TEST_CASE("malformed PlanetLab and Bitbrains files are rejected at file:line",
          "[importers][planetlab][bitbrains]") {
  const std::string neg = fleetsim::test::fixture("planetlab_20110303_negative.csv");
  CHECK(error_of([&] { read_planetlab_cpu(neg); }) ==
        neg + ":3: t001: expected a finite value >= 0, got '-5'");
  const std::string header = fleetsim::test::fixture("planetlab_20110303_bad_header.csv");
  CHECK(error_of([&] { read_planetlab_cpu(header); }) ==
        header + ":1: column 3 is 't002', expected t001");
  const std::string back = fleetsim::test::fixture("bitbrains_time_goes_back.csv");
  CHECK(error_of([&] { read_bitbrains_cpu(back); }) ==
        back + ":4: timestamp_s '1372629904' goes back in time for vm '1'");
}

TEST_CASE("Bitbrains rows become one series per VM", "[importers][bitbrains]") {
  const std::string text =
      "vm,month,timestamp_s,cpu_cores,cpu_capacity_provisioned_mhz,cpu_usage_mhz,cpu_usage_pct\n"
      "1,2013-7,100,2,5851.9989,87.78,1.5\n"
      "2,2013-7,100,4,10000,500,5\n"
      "1,2013-8,400,2,5851.9989,29.26,0.5\n"
      "1,2013-8,400,2,5851.9989,30,0.6\n";
  for (const char* suffix : {".csv", ".csv.gz"}) {
    const TempFile f(text, suffix);
    const auto s = read_bitbrains_cpu(f.path());
    REQUIRE(s.size() == 2);
    CHECK(s[0].vm == "1");
    CHECK(s[0].times_s == std::vector<double>{100, 400, 400});
    CHECK(s[0].cpu_mhz == std::vector<double>{87.78, 29.26, 30});
    CHECK(s[0].capacity_mhz[0] == 5851.9989);
    CHECK(s[1].cpu_pct == std::vector<double>{5});
    BitbrainsOptions o;
    o.drop_repeated_timestamps = true;
    CHECK(read_bitbrains_cpu(f.path(), o)[0].times_s == std::vector<double>{100, 400});
  }
}

TEST_CASE("PlanetLab: the 10-day file and the single-day file agree",
          "[importers][planetlab][realdata]") {
  FLEETSIM_REQUIRE_DATA(all, "telemetry-planetlab-vm-cpu-2011/planetlab_cpu_10days_2011.csv.gz");
  FLEETSIM_REQUIRE_DATA(one, "telemetry-planetlab-vm-cpu-2011/planetlab_cpu_20110303.csv");
  const auto s = read_planetlab_cpu(all);
  REQUIRE(s.size() == 11746);
  std::map<std::string, int> per_day;
  double sum = 0, n = 0, max = 0;
  for (const auto& v : s) {
    ++per_day[v.period];
    REQUIRE(v.cpu_pct.size() == 288);
    for (const double x : v.cpu_pct) {
      sum += x;
      max = std::max(max, x);
      ++n;
    }
  }
  CHECK(per_day.size() == 10);
  CHECK(per_day["20110303"] == 1052);
  CHECK(per_day["20110322"] == 1516);
  CHECK(per_day["20110420"] == 1033);
  CHECK(max == 99.0);
  CHECK(sum / n == Approx(11.1).margin(0.05));  // "mean 11.1" in the folder README
  const auto day = read_planetlab_cpu(one);
  REQUIRE(day.size() == 1052);
  for (std::size_t i = 0; i < day.size(); ++i) {
    REQUIRE(day[i].vm == s[i].vm);
    REQUIRE(day[i].cpu_pct == s[i].cpu_pct);
    REQUIRE(day[i].times_s == s[i].times_s);
  }
  CHECK(s[0].vm == "146-179_surfsnel_dsl_internl_net_colostate_557");
  CHECK(s[0].cpu_pct[0] == 24);
  CHECK(s[0].cpu_pct[1] == 34);
}

TEST_CASE("Bitbrains: 20 Rnd VMs over three months", "[importers][bitbrains][realdata]") {
  FLEETSIM_REQUIRE_DATA(
      path, "telemetry-bitbrains-rnd-vms-2013/bitbrains_rnd_vm1-20_2013-07_to_09.csv.gz");
  const auto s = read_bitbrains_cpu(path);
  REQUIRE(s.size() == 20);
  std::size_t rows = 0;
  for (const auto& v : s) rows += v.times_s.size();
  CHECK(rows == 525717);
  CHECK(s[0].vm == "1");
  CHECK(s[0].times_s.front() == 1372629804.0);
  CHECK(s[0].times_s.back() == 1380491930.0);
  CHECK(s[0].cpu_mhz.front() == 87.7799835);
  CHECK(s[0].capacity_mhz.front() == 5851.9989);
  CHECK(s[0].cpu_pct.front() == 1.5);
  BitbrainsOptions o;
  o.drop_repeated_timestamps = true;
  const auto dedup = read_bitbrains_cpu(path, o);
  std::size_t kept = 0;
  for (const auto& v : dedup) kept += v.times_s.size();
  CHECK(kept < rows);
  CHECK(rows - kept >= 25673 - 17073);  // VM 20 of 2013-8 repeats most of its timestamps
}
