#include <catch2/catch.hpp>

#include "sim/core/time.hpp"

using namespace fleetsim;

TEST_CASE("durations parse with every unit", "[core][time]") {
  CHECK(parse_duration("250ms").value == milliseconds(250));
  CHECK(parse_duration("30s").value == seconds(30));
  CHECK(parse_duration("5m").value == minutes(5));
  CHECK(parse_duration("5min").value == minutes(5));
  CHECK(parse_duration("4h").value == hours(4));
  CHECK(parse_duration("30d").value == days(30));
  CHECK(parse_duration("2w").value == days(14));
  CHECK(parse_duration("1y").value == days(365));
  CHECK(parse_duration("100us").value == 100);
  CHECK(parse_duration("1.5h").value == minutes(90));
  CHECK(parse_duration(" 0.25s ").value == milliseconds(250));
  CHECK(parse_duration("0").value == 0);
  CHECK(parse_duration("12", true).value == seconds(12));
  CHECK(parse_duration("-3s", false, true).value == -seconds(3));
  CHECK(days(1) == 86'400'000'000);
}

TEST_CASE("bad durations are rejected with a reason", "[core][time]") {
  auto err = [](const char* s) { return parse_duration(s).error; };
  CHECK_THAT(err("5x"), Catch::Contains("unknown duration unit 'x'"));
  CHECK_THAT(err("5x"), Catch::Contains("units: us, ms, s, m, h, d, w, y"));
  CHECK_THAT(err("12"), Catch::Contains("has no unit"));
  CHECK_THAT(err("-3s"), Catch::Contains("negative"));
  CHECK_THAT(err(""), Catch::Contains("empty"));
  CHECK_THAT(err("h"), Catch::Contains("is not a duration"));
  CHECK_THAT(err("abc"), Catch::Contains("is not a duration"));
  CHECK_THAT(err("300000y"), Catch::Contains("overflows"));
  CHECK_THAT(err("99999999999999999999999999d"), Catch::Contains("too large"));
  CHECK_FALSE(parse_duration("5 m s").value);
}

TEST_CASE("seconds convert at the edges", "[core][time]") {
  CHECK(from_seconds(1.5) == 1'500'000);
  CHECK(from_seconds(-2.0) == -2'000'000);
  CHECK_FALSE(from_seconds(1e300));
  CHECK_FALSE(from_seconds(std::numeric_limits<double>::quiet_NaN()));
  CHECK(to_seconds(minutes(2)) == 120.0);
  CHECK(format_duration(hours(36)) == "1.5d");
  CHECK(format_duration(milliseconds(250)) == "250ms");
  CHECK(format_duration(0) == "0s");
}
