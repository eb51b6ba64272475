#include <catch2/catch.hpp>

#include "sim/io/importers/event_table.hpp"
#include "test_files.hpp"

using namespace fleetsim::io;
using fleetsim::test::TempFile;

TEST_CASE("event tables read start, end and attributes", "[importers][event_table]") {
  const std::string text =
      "id,start,end,cause\n"
      "inc-1,2014-03-07T10:00:00Z,2014-03-07T11:30:00Z,api\n"
      "inc-2,1394190000,,\n";
  for (const char* suffix : {".csv", ".csv.gz"}) {
    const TempFile f(text, suffix);
    const auto events = read_event_table(f.path());
    REQUIRE(events.size() == 2);
    CHECK(events[0].start_s == *parse_timestamp("2014-03-07T10:00:00Z"));
    CHECK(*events[0].end_s - events[0].start_s == 5400.0);
    CHECK(events[0].attributes ==
          std::map<std::string, std::string>{{"cause", "api"}, {"id", "inc-1"}});
    CHECK(events[0].line == 2);
    CHECK(events[1].start_s == 1394190000.0);
    CHECK_FALSE(events[1].end_s);
    CHECK(events[1].attributes.size() == 1);
  }
  const TempFile f(text, ".csv");
  EventTableOptions closed;
  closed.allow_open_end = false;
  try {
    read_event_table(f.path(), closed);
    FAIL("no throw");
  } catch (const ImportError& e) {
    CHECK(std::string(e.what()) == f.path() + ":3: end is empty");
  }
}

TEST_CASE("malformed event tables are rejected at file:line", "[importers][event_table]") {
  const std::string order = fleetsim::test::fixture("events_end_before_start.csv");
  try {
    read_event_table(order);
    FAIL("no throw");
  } catch (const ImportError& e) {
    CHECK(std::string(e.what()) == order + ":3: end '1394180000' is before start '1394190000'");
  }
  EventTableOptions names;
  names.start_column = "begin";
  try {
    read_event_table(order, names);
    FAIL("no throw");
  } catch (const ImportError& e) {
    CHECK(std::string(e.what()) ==
          order + ":1: missing column 'begin' (the header has: id, start, end, cause)");
  }
}

TEST_CASE("event table: Alibaba GPU pod lifetimes", "[importers][event_table][realdata]") {
  FLEETSIM_REQUIRE_DATA(path, "cloud-alibaba-gpu-2023-openb/openb_pod_list_default.csv");
  EventTableOptions o;
  o.start_column = "creation_time";
  o.end_column = "deletion_time";
  const auto events = read_event_table(path, o);
  REQUIRE(events.size() == 8152);
  CHECK(events[1].attributes.at("name") == "openb-pod-0001");
  CHECK(events[1].start_s == 427061.0);
  CHECK(events[1].end_s == 12902960.0);
  CHECK(events[1].attributes.count("gpu_spec") == 0);  // empty cells are omitted
}
