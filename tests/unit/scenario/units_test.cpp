#include <catch2/catch.hpp>

#include "sim/scenario/units.hpp"

using namespace fleetsim::scenario;

TEST_CASE("sizes: binary, decimal and bare bytes", "[scenario][units]") {
  CHECK(parse_size("256Gi").value == 256LL << 30);
  CHECK(parse_size("512Mi").value == 512LL << 20);
  CHECK(parse_size("1Ti").value == 1LL << 40);
  CHECK(parse_size("4Ki").value == 4096);
  CHECK(parse_size("2Pi").value == 2LL << 50);
  CHECK(parse_size("10G").value == 10'000'000'000LL);
  CHECK(parse_size("500M").value == 500'000'000LL);
  CHECK(parse_size("4k").value == 4000);
  CHECK(parse_size("4K").value == 4000);
  CHECK(parse_size("3T").value == 3'000'000'000'000LL);
  CHECK(parse_size("1024").value == 1024);
  CHECK(parse_size("1.5Gi").value == 3LL << 29);
  CHECK(parse_size(" 16 Gi ").value == 16LL << 30);
  CHECK(parse_size("0").value == 0);
}

TEST_CASE("sizes: garbage, wrong units and overflow are errors", "[scenario][units]") {
  CHECK_FALSE(parse_size("").value);
  CHECK_FALSE(parse_size("Gi").value);
  CHECK_FALSE(parse_size("abc").value);
  CHECK_FALSE(parse_size("-1Gi").value);
  CHECK(parse_size("10GB").error.find("unknown size unit 'GB'") != std::string::npos);
  CHECK(parse_size("10gi").error.find("Ki Mi Gi") != std::string::npos);
  CHECK(parse_size("9000Pi").error.find("too large") != std::string::npos);
  CHECK(parse_size("99999999999999999999").error.find("too large") != std::string::npos);
  CHECK(parse_size("1e30").error.find("too large") != std::string::npos);
}

TEST_CASE("cpu amounts in thousandths", "[scenario][units]") {
  CHECK(parse_milli("64").value == 64000);
  CHECK(parse_milli("0.5").value == 500);
  CHECK(parse_milli("500m").value == 500);
  CHECK(parse_milli("0.3").value == 300);
  CHECK(parse_milli("0").value == 0);
  CHECK_FALSE(parse_milli("0.0001").value);
  CHECK_FALSE(parse_milli("1.5m").value);
  CHECK_FALSE(parse_milli("-1").value);
  CHECK_FALSE(parse_milli("4 cores").value);
  CHECK_FALSE(parse_milli("1e20").value);
  CHECK_FALSE(parse_milli("").value);
}

TEST_CASE("rates per second", "[scenario][units]") {
  CHECK(parse_rate("120/h").value == Approx(1.0 / 30));
  CHECK(parse_rate("2/m").value == Approx(2.0 / 60));
  CHECK(parse_rate("2/min").value == Approx(2.0 / 60));
  CHECK(parse_rate("0.5/s").value == Approx(0.5));
  CHECK(parse_rate("10/d").value == Approx(10.0 / 86400));
  CHECK(parse_rate("7/w").value == Approx(1.0 / 86400));
  CHECK(parse_rate("0/h").value == 0.0);
  CHECK(parse_rate("120").error.find("no time unit") != std::string::npos);
  CHECK(parse_rate("120/y").error.find("unknown rate unit 'y'") != std::string::npos);
  CHECK(parse_rate("-1/h").error.find("negative") != std::string::npos);
  CHECK_FALSE(parse_rate("x/h").value);
  CHECK_FALSE(parse_rate("/h").value);
}

TEST_CASE("percentages, quantities and probabilities", "[scenario][units]") {
  CHECK(parse_percent("2%").value == 2.0);
  CHECK(parse_percent("99.95%").value == Approx(99.95));
  CHECK_FALSE(parse_percent("101%").value);
  CHECK_FALSE(parse_percent("-1%").value);
  CHECK_FALSE(parse_percent("2").value);
  CHECK_FALSE(parse_percent("%").value);

  const auto q = parse_quantity("5%");
  REQUIRE(q.value);
  CHECK(q.value->percent);
  CHECK(q.value->value == 5.0);
  const auto c = parse_quantity("3");
  REQUIRE(c.value);
  CHECK_FALSE(c.value->percent);
  CHECK(c.value->value == 3.0);
  CHECK(parse_quantity("2.5").error.find("whole number") != std::string::npos);
  CHECK(parse_quantity("-2").error.find("negative") != std::string::npos);
  CHECK_FALSE(parse_quantity("lots").value);

  CHECK(parse_probability("0.999").value == Approx(0.999));
  CHECK(parse_probability("99.95%").value == Approx(0.9995));
  CHECK(parse_probability("1").value == 1.0);
  CHECK(parse_probability("0").value == 0.0);
  CHECK_FALSE(parse_probability("1.5").value);
  CHECK_FALSE(parse_probability("-0.1").value);
  CHECK_FALSE(parse_probability("150%").value);
}

TEST_CASE("bandwidths in bytes per second", "[scenario][units]") {
  CHECK(parse_bandwidth("10Gbit/s").value == Approx(1.25e9));
  CHECK(parse_bandwidth("1.25GB/s").value == Approx(1.25e9));
  CHECK(parse_bandwidth("100Mbit/s").value == Approx(12.5e6));
  CHECK(parse_bandwidth("1GiB/s").value == Approx(1073741824.0));
  CHECK(parse_bandwidth("10Gbps").value == Approx(1.25e9));
  CHECK(parse_bandwidth("10 Gbit/s").value == Approx(1.25e9));
  CHECK_FALSE(parse_bandwidth("10Gbit").value);
  CHECK_FALSE(parse_bandwidth("10Gb/s").value);
  CHECK_FALSE(parse_bandwidth("fast").value);
  CHECK_FALSE(parse_bandwidth("-1GB/s").value);
}

TEST_CASE("integers, numbers and booleans are strict", "[scenario][units]") {
  CHECK(parse_integer("42").value == 42);
  CHECK(parse_integer("-7").value == -7);
  CHECK(parse_integer("+7").value == 7);
  CHECK_FALSE(parse_integer("4.0").value);
  CHECK_FALSE(parse_integer("1e3").value);
  CHECK_FALSE(parse_integer("0x10").value);
  CHECK_FALSE(parse_integer("").value);
  CHECK(parse_integer("9223372036854775807").value == INT64_MAX);
  CHECK(parse_integer("9223372036854775808").error.find("too large") != std::string::npos);

  CHECK(parse_number("0.5").value == 0.5);
  CHECK(parse_number(".5").value == 0.5);
  CHECK(parse_number("-2.5e-3").value == Approx(-0.0025));
  CHECK_FALSE(parse_number("inf").value);
  CHECK_FALSE(parse_number("nan").value);
  CHECK_FALSE(parse_number("0x1p3").value);
  CHECK_FALSE(parse_number("1e999").value);
  CHECK_FALSE(parse_number("1.2.3").value);

  CHECK(parse_bool("true").value == true);
  CHECK(parse_bool("False").value == false);
  CHECK_FALSE(parse_bool("yes").value);
  CHECK_FALSE(parse_bool("1").value);
}

TEST_CASE("sizes and amounts format back to what parses to the same value", "[scenario][units]") {
  for (const char* text : {"256Gi", "512Mi", "1Ti", "4Ki", "1000", "3Pi"}) {
    const auto v = parse_size(text);
    REQUIRE(v.value);
    CHECK(format_size(*v.value) == text);
    CHECK(parse_size(format_size(*v.value)).value == v.value);
  }
  CHECK(format_size(10'000'000'000LL) == "9.31Gi");
  for (const char* text : {"64", "0.5", "0.001", "128"}) {
    const auto v = parse_milli(text);
    REQUIRE(v.value);
    CHECK(format_milli(*v.value) == text);
  }
  CHECK(format_quantity(Quantity{5, true}) == "5%");
  CHECK(format_quantity(Quantity{3, false}) == "3");
}
