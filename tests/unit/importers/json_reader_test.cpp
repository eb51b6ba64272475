#include <catch2/catch.hpp>

#include <string>

#include "sim/io/importers/json_reader.hpp"
#include "sim/io/importers/telemetry_series.hpp"
#include "test_files.hpp"

using namespace fleetsim::io;
using fleetsim::test::TempFile;

namespace {

std::string json_error(const std::string& text) {
  try {
    parse_json(text, "doc.json");
  } catch (const ImportError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("JSON values of every kind parse", "[importers][json]") {
  const JsonValue v = parse_json(R"({
  "s": "a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00",
  "n": [0, -1.5, 2e3, 1E-2, 123456789012],
  "t": true, "f": false, "z": null,
  "o": {}, "a": []
})");
  REQUIRE(v.is_object());
  CHECK(v.as_object().size() == 7);
  CHECK(v.find("s")->as_string() == "a\"b\\c/d\b\f\n\r\t\xC3\xA9\xF0\x9F\x98\x80");
  const JsonArray& n = v.find("n")->as_array();
  REQUIRE(n.size() == 5);
  CHECK(n[0].as_number() == 0.0);
  CHECK(n[1].as_number() == -1.5);
  CHECK(n[2].as_number() == 2000.0);
  CHECK(n[3].as_number() == 0.01);
  CHECK(n[4].as_number() == 123456789012.0);
  CHECK(v.find("t")->as_bool());
  CHECK_FALSE(v.find("f")->as_bool());
  CHECK(v.find("z")->is_null());
  CHECK(v.find("o")->as_object().empty());
  CHECK(v.find("a")->as_array().empty());
  CHECK(v.find("missing") == nullptr);
  // Positions: "n" starts on line 3, its array at column 8.
  CHECK(v.find("n")->line() == 3);
  CHECK(v.find("n")->column() == 8);
  CHECK(n[1].column() == 12);
  CHECK(parse_json("  42 ").as_number() == 42.0);
}

TEST_CASE("JSON syntax errors carry line and column", "[importers][json]") {
  CHECK(json_error("{\"a\": 1,}") == "doc.json:1:9: expected a string key");
  CHECK(json_error("[1, 2,]") == "doc.json:1:7: unexpected character ']': expected a value");
  CHECK(json_error("{\n  \"a\": tru\n}") ==
        "doc.json:2:8: unexpected character 't': expected a value");
  CHECK(json_error("{\"a\": 1 \"b\": 2}") == "doc.json:1:9: expected ',' or '}' in an object");
  CHECK(json_error("{\"a\": 1, \"a\": 2}") == "doc.json:1:10: duplicate key \"a\"");
  CHECK(json_error("[01]") == "doc.json:1:3: invalid number: leading zero");
  CHECK(json_error("[1.]") == "doc.json:1:4: invalid number: expected a digit after '.'");
  CHECK(json_error("[-]") == "doc.json:1:3: invalid number: expected a digit");
  CHECK(json_error("[NaN]") == "doc.json:1:2: unexpected character 'N': expected a value");
  CHECK(json_error("[1e999]") == "doc.json:1:2: number out of the range of a double");
  CHECK(json_error("\"abc") == "doc.json:1:5: unterminated string");
  CHECK(json_error("\"a\tb\"") == "doc.json:1:3: control character in a string (escape it)");
  CHECK(json_error("\"\\x\"") == "doc.json:1:4: invalid escape '\\x'");
  CHECK(json_error("\"\\ud800\"") == "doc.json:1:8: high surrogate without its low surrogate");
  CHECK(json_error("\"\\u12g4\"") == "doc.json:1:7: invalid hex digit in a \\u escape");
  CHECK(json_error("{} {}") == "doc.json:1:4: unexpected text after the JSON value");
  CHECK(json_error("") == "doc.json:1:1: unexpected end of input: expected a value");
  CHECK(json_error("// comment\n{}") == "doc.json:1:1: unexpected character '/': expected a value");
  CHECK(json_error(std::string(300, '[') + std::string(300, ']')) ==
        "doc.json:1:257: nesting deeper than 256 levels");
  CHECK(json_error(std::string(256, '[') + std::string(256, ']')) == "no error");
}

TEST_CASE("JSON files read plain and gzip-compressed", "[importers][json]") {
  const std::string text = "{\"k\": [1, 2, {\"x\": \"y\"}]}\n";
  const TempFile plain(text, ".json");
  const TempFile gz(text, ".json.gz");
  CHECK(read_json_file(plain.path()).find("k")->as_array().size() == 3);
  CHECK(read_json_file(gz.path()).find("k")->as_array()[2].find("x")->as_string() == "y");
  const TempFile bad("{\n\n  \"k\": [1 2]\n}\n", ".json");
  try {
    read_json_file(bad.path());
    FAIL("no throw");
  } catch (const ImportError& e) {
    CHECK(e.file() == bad.path());
    CHECK(e.line() == 3);
    CHECK(e.column() == 11);
    CHECK(std::string(e.what()) == bad.path() + ":3:11: expected ',' or ']' in an array");
  }
}

TEST_CASE("JSON: NAB anomaly windows", "[importers][json][realdata]") {
  FLEETSIM_REQUIRE_DATA(path, "telemetry-nab-aws-cloudwatch/labels/combined_windows.json");
  const JsonValue doc = read_json_file(path);
  REQUIRE(doc.is_object());
  CHECK(doc.as_object().size() == 58);
  const JsonValue* windows = doc.find("realKnownCause/ec2_request_latency_system_failure.csv");
  REQUIRE(windows != nullptr);
  REQUIRE(windows->as_array().size() == 3);
  const JsonArray& first = windows->as_array()[0].as_array();
  CHECK(first[0].as_string() == "2014-03-14 03:31:00.000000");
  CHECK(parse_timestamp(first[1].as_string()) == parse_timestamp("2014-03-14T14:41:00Z"));
}
