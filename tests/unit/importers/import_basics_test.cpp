// Shared importer machinery: the line reader (plain, gzip, CRLF, long lines, errors),
// CSV splitting, number parsing and calendar conversions.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "sim/io/importers/civil_time.hpp"
#include "sim/io/importers/csv_row.hpp"
#include "sim/io/importers/line_reader.hpp"
#include "sim/io/importers/text_parse.hpp"
#include "test_files.hpp"

using namespace fleetsim::io;
using fleetsim::test::TempFile;

namespace {

std::vector<std::string> all_lines(const std::string& path) {
  LineReader r(path);
  std::vector<std::string> out;
  std::string_view line;
  while (r.next(line)) out.emplace_back(line);
  return out;
}

}  // namespace

TEST_CASE("line reader reads plain and gzip files alike", "[importers][line_reader]") {
  std::string text = "a,b\r\nccc\n\nlast line without newline";
  const std::string long_line(600 * 1024, 'x');  // longer than one read chunk
  text += "\n" + long_line + "\nend";
  const TempFile plain(text, ".txt");
  const TempFile gz(text, ".txt.gz");
  const auto a = all_lines(plain.path());
  const auto b = all_lines(gz.path());
  REQUIRE(a.size() == 6);
  CHECK(a[0] == "a,b");
  CHECK(a[1] == "ccc");
  CHECK(a[2].empty());
  CHECK(a[3] == "last line without newline");
  CHECK(a[4] == long_line);
  CHECK(a[5] == "end");
  CHECK(a == b);
}

TEST_CASE("line reader numbers lines and reports errors with file:line",
          "[importers][line_reader]") {
  const TempFile f("one\ntwo\nthree\n", ".txt");
  LineReader r(f.path());
  std::string_view line;
  REQUIRE(r.next(line));
  REQUIRE(r.next(line));
  CHECK(r.line_number() == 2);
  try {
    r.fail("bad thing");
    FAIL("no throw");
  } catch (const ImportError& e) {
    CHECK(e.file() == f.path());
    CHECK(e.line() == 2);
    CHECK(std::string(e.what()) == f.path() + ":2: bad thing");
  }
}

TEST_CASE("a missing file, a truncated gzip and a NUL byte are import errors",
          "[importers][line_reader]") {
  try {
    LineReader r("/nonexistent/fleetsim/file.csv");
    FAIL("no throw");
  } catch (const ImportError& e) {
    CHECK(e.line() == 0);
    CHECK_THAT(e.what(), Catch::Contains("/nonexistent/fleetsim/file.csv: cannot open"));
  }
  const std::string truncated = fleetsim::test::fixture("truncated.csv.gz");
  try {
    all_lines(truncated);
    FAIL("no throw");
  } catch (const ImportError& e) {
    CHECK(e.file() == truncated);
    CHECK(e.line() > 1000);  // the good part was read first
    CHECK_THAT(e.message(), Catch::Contains("truncated"));
  }
  const TempFile nul(std::string("ok\nbad\0line\n", 12), ".txt");
  try {
    all_lines(nul.path());
    FAIL("no throw");
  } catch (const ImportError& e) {
    CHECK(e.line() == 2);
    CHECK_THAT(e.message(), Catch::Contains("NUL"));
  }
}

TEST_CASE("CSV rows split with RFC 4180 quoting", "[importers][csv]") {
  const std::string file = "x.csv";
  const SourceLocation loc{&file, 7};
  CsvRow row;
  row.split("a,,\"b, c\",\"say \"\"hi\"\"\",", loc);
  REQUIRE(row.size() == 5);
  CHECK(row[0] == "a");
  CHECK(row[1].empty());
  CHECK(row[2] == "b, c");
  CHECK(row[3] == "say \"hi\"");
  CHECK(row[4].empty());
  row.split("", loc);
  CHECK(row.size() == 1);
  auto error_of = [&](std::string_view line) {
    try {
      row.split(line, loc);
    } catch (const ImportError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(error_of("a,\"open"), Catch::StartsWith("x.csv:7: unterminated quote in field 2"));
  CHECK_THAT(error_of("a,\"x\"y,b"), Catch::StartsWith("x.csv:7: text after the closing quote"));
  CHECK_THAT(error_of("a,b\"c,\"d\""), Catch::StartsWith("x.csv:7: stray quote"));

  row.split("time, value ,zone", loc);
  const CsvHeader header(row, loc);
  CHECK(header.find("value") == 1);
  CHECK(header.find("nope") == -1);
  CHECK_THAT(error_of("x"), Catch::Contains("no error"));
  try {
    header.require("metric", loc);
    FAIL("no throw");
  } catch (const ImportError& e) {
    CHECK(std::string(e.what()) ==
          "x.csv:7: missing column 'metric' (the header has: time, value, zone)");
  }
}

TEST_CASE("numbers parse strictly", "[importers][text]") {
  CHECK(parse_int("42") == 42);
  CHECK(parse_int("-1") == -1);
  CHECK(parse_int("+7") == 7);
  CHECK_FALSE(parse_int("4.0"));
  CHECK_FALSE(parse_int("12x"));
  CHECK_FALSE(parse_int(""));
  CHECK_FALSE(parse_int("99999999999999999999"));
  CHECK(parse_double("1.5e3") == 1500.0);
  CHECK(parse_double("-0.25") == -0.25);
  CHECK(std::isnan(*parse_double("NaN")));
  CHECK(*parse_double("+Inf") == std::numeric_limits<double>::infinity());
  CHECK(*parse_double("-inf") == -std::numeric_limits<double>::infinity());
  CHECK(parse_double("1e-400") == 0.0);
  CHECK_FALSE(parse_double("1.5.2"));
  CHECK_FALSE(parse_double("--1"));
  CHECK_FALSE(parse_double(""));
  CHECK(trim("  a b\t") == "a b");
  CHECK(file_stem("/x/y/cpu_util.csv.gz") == "cpu_util");
  CHECK(file_stem("qps.csv") == "qps");
}

TEST_CASE("calendar times convert to Unix seconds", "[importers][time]") {
  CHECK(days_from_civil(1970, 1, 1) == 0);
  CHECK(days_from_civil(2000, 3, 1) == 11017);
  CHECK(parse_rfc3339("2014-02-14T14:30:00Z") == 1392388200.0);
  CHECK(parse_rfc3339("2014-02-14 14:30:00") == 1392388200.0);
  CHECK(parse_rfc3339("2014-02-14T15:30:00.25+01:00") == 1392388200.25);
  CHECK(parse_rfc3339("2014-02-14T09:30:00-05:00") == 1392388200.0);
  CHECK_FALSE(parse_rfc3339("2014-02-30T00:00:00Z"));
  CHECK_FALSE(parse_rfc3339("2014-02-14T24:00:00Z"));
  CHECK_FALSE(parse_rfc3339("2014-02-14"));
  CHECK_FALSE(parse_rfc3339("2014-02-14T14:30:00Zjunk"));
  const auto t = parse_us_date_time("6/21/2005 10:54");
  REQUIRE(t);
  CHECK(t->year == 2005);
  CHECK(t->month == 6);
  CHECK(t->day == 21);
  CHECK(t->hour == 10);
  CHECK(t->minute == 54);
  CHECK_FALSE(parse_us_date_time("13/1/2005 10:54"));
  CHECK_FALSE(parse_us_date_time("6/21/05 10:54"));
  // America/Denver: MDT (UTC-6) in June, MST (UTC-7) in January; the 2004 autumn change
  // was on Sunday 31 October, the 1999 spring change on Sunday 4 April.
  CHECK(us_mountain_to_utc_seconds(*t) == *parse_rfc3339("2005-06-21T16:54:00Z"));
  CHECK(us_mountain_to_utc_seconds(*parse_us_date_time("1/8/1997 8:40")) ==
        *parse_rfc3339("1997-01-08T15:40:00Z"));
  const double before = us_mountain_to_utc_seconds(*parse_us_date_time("10/31/2004 0:16"));
  const double after = us_mountain_to_utc_seconds(*parse_us_date_time("10/31/2004 2:35"));
  CHECK(after - before == 199 * 60);  // the LANL record says Down Time 199 min
  CHECK(us_mountain_to_utc_seconds(*parse_us_date_time("4/4/1999 3:00")) ==
        *parse_rfc3339("1999-04-04T09:00:00Z"));
  CHECK(us_mountain_to_utc_seconds(*parse_us_date_time("3/11/2007 3:00")) ==
        *parse_rfc3339("2007-03-11T09:00:00Z"));  // post-2005 rules: second Sunday of March
}
