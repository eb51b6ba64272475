#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "sim/io/importers/prometheus_json.hpp"
#include "test_files.hpp"

using namespace fleetsim::io;
using fleetsim::test::TempFile;

namespace {

const char* kMatrix = R"({"status":"success","data":{"resultType":"matrix","result":[
 {"metric":{"__name__":"node_cpu_utilisation","zone":"a","host":"h1"},
  "values":[[1700000000,"0.5"],[1700000015.5,"NaN"],[1700000030,"+Inf"]]},
 {"metric":{"zone":"b","empty":""},"values":[[1700000030,"2"],[1700000000,"1"]]}]}})";

std::string prom_error(const std::string& text) {
  try {
    parse_prometheus_json(text, "q.json");
  } catch (const ImportError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("Prometheus matrix results become telemetry series", "[importers][prometheus]") {
  for (const char* suffix : {".json", ".json.gz"}) {
    const TempFile f(kMatrix, suffix);
    const auto series = read_prometheus_json(f.path());
    REQUIRE(series.size() == 2);
    CHECK(series[0].name == "node_cpu_utilisation");
    CHECK(series[0].labels == std::map<std::string, std::string>{{"host", "h1"}, {"zone", "a"}});
    REQUIRE(series[0].times_s.size() == 3);
    CHECK(series[0].times_s[1] == 1700000015.5);
    CHECK(series[0].values[0] == 0.5);
    CHECK(std::isnan(series[0].values[1]));
    CHECK(series[0].values[2] == std::numeric_limits<double>::infinity());
    CHECK(series[1].name.empty());
    CHECK(series[1].labels == std::map<std::string, std::string>{{"zone", "b"}});
    CHECK(series[1].times_s == std::vector<double>{1700000000, 1700000030});  // sorted
    CHECK(series[1].values == std::vector<double>{1, 2});
  }
}

TEST_CASE("Prometheus vector results have one sample per series", "[importers][prometheus]") {
  const auto s = parse_prometheus_json(
      R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"up"},"value":[1700000000,"1"]}]}})",
      "v.json");
  REQUIRE(s.size() == 1);
  CHECK(s[0].name == "up");
  CHECK(s[0].values == std::vector<double>{1.0});
}

TEST_CASE("malformed Prometheus results are rejected at file:line:column",
          "[importers][prometheus]") {
  const std::string value = fleetsim::test::fixture("prometheus_bad_value.json");
  try {
    read_prometheus_json(value);
    FAIL("no throw");
  } catch (const ImportError& e) {
    CHECK(std::string(e.what()) == value + ":8:52: sample value 'one' is not a number");
  }
  const std::string comma = fleetsim::test::fixture("prometheus_trailing_comma.json");
  try {
    read_prometheus_json(comma);
    FAIL("no throw");
  } catch (const ImportError& e) {
    CHECK(std::string(e.what()) == comma + ":6:67: unexpected character ']': expected a value");
  }
  const std::string status = fleetsim::test::fixture("prometheus_error_status.json");
  try {
    read_prometheus_json(status);
    FAIL("no throw");
  } catch (const ImportError& e) {
    CHECK(std::string(e.what()) ==
          status + ":1:1: the query failed: bad_data: invalid parameter \"query\": parse error");
  }
  CHECK(prom_error("[]") == "q.json:1:1: expected a JSON object with \"status\" and \"data\"");
  CHECK(prom_error(R"({"status":"success"})") == "q.json:1:1: missing \"data\"");
  CHECK(prom_error(R"({"status":"success","data":{"resultType":"scalar","result":[]}})") ==
        "q.json:1:42: resultType \"scalar\" is not supported (matrix or vector)");
  CHECK(prom_error(R"({"status":"success","data":{"resultType":"matrix","result":{}}})") ==
        "q.json:1:60: \"result\" must be an array, not an object");
  CHECK(
      prom_error(
          R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"2",3]]}]}})") ==
      "q.json:1:84: a sample must be a [timestamp, \"value\"] pair");
  CHECK(
      prom_error(
          R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{"a":1},"values":[]}]}})") ==
      "q.json:1:76: label \"a\" must be a string");
  CHECK(
      prom_error(
          R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[["1","2"]]}]}})") ==
      "q.json:1:85: sample timestamp must be a number of seconds");
}
