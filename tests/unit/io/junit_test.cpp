/// The JUnit XML writer: escaping, counts, and well-formedness checked by an independent
/// parser (Python's xml.etree).

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "sim/io/junit.hpp"

using namespace fleetsim::io;

namespace {

/// Runs python's xml.etree on the file; returns its stdout ("" when it fails to parse).
std::string parse_with_python(const std::string& path) {
  const std::string cmd =
      "/usr/bin/python3 -c \"import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); "
      "print(r.get('tests'), r.get('failures'), r.get('errors'), len(r.findall('.//testcase'))); "
      "[print(c.get('name') + ' | ' + (c.find('failure').get('message') if c.find('failure') is not None else '')) "
      "for c in r.iter('testcase')]\" '" + path + "' 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::string out;
  char buf[4096];
  while (std::fgets(buf, sizeof buf, p)) out += buf;
  pclose(p);
  return out;
}

}  // namespace

TEST_CASE("xml_escape: markup, controls and broken UTF-8", "[io][junit]") {
  CHECK(xml_escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&apos;");
  CHECK(xml_escape("line1\nline2\tx") == "line1&#10;line2&#9;x");
  CHECK(xml_escape(std::string("nul\0x", 5)) == "nul\xef\xbf\xbdx");
  CHECK(xml_escape("\x1b[31m") == "\xef\xbf\xbd[31m");
  CHECK(xml_escape("caf\xc3\xa9 \xe2\x9c\x85") == "caf\xc3\xa9 \xe2\x9c\x85");  // valid UTF-8 kept
  CHECK(xml_escape("bad \xc3( \xff") == "bad \xef\xbf\xbd( \xef\xbf\xbd");
  CHECK(xml_escape("\xed\xa0\x80") == "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");  // a UTF-16 surrogate
}

TEST_CASE("junit_xml: counts and a well-formed document with every case", "[io][junit]") {
  JunitSuite s;
  s.name = "scenario <x> & \"y\"";
  s.time_s = 2.5;
  s.properties = {{"seed", "42"}, {"note", "a\nb"}};
  JunitCase ok{"m >= 0.9", "fleetsim.x", 0, JunitCase::Outcome::Pass, "", "", ""};
  JunitCase bad{"m <= 1h", "fleetsim.x", 0, JunitCase::Outcome::Failure, "actual 4000 > 3600 & more", "AssertionFailed",
                "details with <tags> and \x01 control"};
  JunitCase err{"unknown metric", "fleetsim.x", 0, JunitCase::Outcome::Error, "no metric", "UnknownMetric", ""};
  s.cases = {ok, bad, err};
  s.system_out = "table ]]> end";
  const std::string xml = junit_xml({s});
  CHECK_THAT(xml, Catch::StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"fleetsim\" tests=\"3\" failures=\"1\" errors=\"1\" skipped=\"0\""));
  char tmpl[] = "/tmp/fleetsim-junit-XXXXXX";
  REQUIRE(mkdtemp(tmpl) != nullptr);
  const std::string path = std::string(tmpl) + "/report.xml";
  write_junit_file(path, {s});
  const std::string parsed = parse_with_python(path);
  INFO(parsed);
  CHECK(parsed == "3 1 1 3\nm >= 0.9 | \nm <= 1h | actual 4000 > 3600 & more\nunknown metric | \n");
  std::filesystem::remove_all(tmpl);
}
