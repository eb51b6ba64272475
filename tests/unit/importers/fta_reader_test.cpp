#include <catch2/catch.hpp>

#include "sim/io/importers/fta_reader.hpp"
#include "test_files.hpp"

using namespace fleetsim::io;
using fleetsim::test::TempFile;

namespace {

const char* kHeader =
    "# event_id component_id node_id platform_id node_name event_type event_start_time "
    "event_stop_time event_end_reason\n";

std::string row(int id, int node, const char* name, int type, long start, long stop,
                const char* reason = "NULL") {
  return "    " + std::to_string(id) + "\t    0\t    " + std::to_string(node) + "\t    5\t" + name +
         "\t         " + std::to_string(type) + "\t   " + std::to_string(start) + "\t   " +
         std::to_string(stop) + "\t       " + reason + "\n";
}

std::string fta_error(const std::string& path) {
  try {
    read_fta_event_trace(path);
  } catch (const ImportError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("FTA intervals and per-node availability", "[importers][fta]") {
  const std::string text = std::string(kHeader) + row(0, 7, "G1/s1/c1/n1", 0, 100, 200) +
                           row(1, 7, "G1/s1/c1/n1", 1, 200, 500, "reboot") +
                           row(0, 9, "G1/s1/c1/n2", 1, 100, 1100) +
                           row(1, 9, "G1/s1/c1/n2", 0, 1100, 1100);
  for (const char* suffix : {".tab", ".tab.gz"}) {
    const TempFile f(text, suffix);
    const FtaTrace t = read_fta_event_trace(f.path());
    REQUIRE(t.nodes.size() == 2);
    CHECK(t.nodes[0].node_id == 7);
    CHECK(t.nodes[0].name == "G1/s1/c1/n1");
    REQUIRE(t.intervals.size() == 4);
    CHECK(t.intervals[0].state == NodeState::kDown);
    CHECK(t.intervals[0].start_s == 100);
    CHECK(t.intervals[0].end_s == 200);
    CHECK_FALSE(t.intervals[0].end_reason);
    CHECK(t.intervals[1].end_reason == "reboot");
    CHECK(t.intervals[2].node == 1);
    const auto avail = availability_by_node(t);
    REQUIRE(avail.size() == 2);
    CHECK(avail[0].up_s == 300);
    CHECK(avail[0].down_s == 100);
    CHECK(avail[0].availability == 0.75);
    CHECK(avail[1].availability == 1.0);  // the zero-length down interval adds nothing
  }
}

TEST_CASE("malformed FTA rows are rejected at file:line", "[importers][fta]") {
  const std::string state = fleetsim::test::fixture("fta_bad_state.tab");
  CHECK(fta_error(state) ==
        state + ":3: event_type: expected 1 (available) or 0 (unavailable), got 2");
  const std::string order = fleetsim::test::fixture("fta_stop_before_start.tab");
  CHECK(fta_error(order) ==
        order + ":4: event_stop_time 1116857000 is before event_start_time 1116857835");
  const TempFile no_header(row(0, 7, "n1", 0, 100, 200), ".tab");
  CHECK_THAT(fta_error(no_header.path()),
             Catch::StartsWith(no_header.path() + ":1: expected a '#' header"));
  const TempFile renamed(
      std::string(kHeader) + row(0, 7, "n1", 0, 100, 200) + row(1, 7, "n9", 1, 200, 300), ".tab");
  CHECK(fta_error(renamed.path()) ==
        renamed.path() + ":3: node_id 7 is named 'n9' here but 'n1' earlier");
  const TempFile short_row(std::string(kHeader) + "1\t2\t3\n", ".tab");
  CHECK(fta_error(short_row.path()) == short_row.path() + ":2: expected 9 fields, found 3");
}

TEST_CASE("FTA: the full Grid'5000 trace", "[importers][fta][realdata]") {
  FLEETSIM_REQUIRE_DATA(path, "failures-fta-grid5000-2005-2006/event_trace.tab.gz");
  const FtaTrace t = read_fta_event_trace(path);
  REQUIRE(t.intervals.size() == 588463);
  REQUIRE(t.nodes.size() == 1288);
  std::size_t down = 0;
  for (const auto& iv : t.intervals) down += iv.state == NodeState::kDown ? 1 : 0;
  CHECK(down == 294145);
  CHECK(t.intervals.size() - down == 294318);
  const FtaInterval& first = t.intervals.front();
  CHECK(t.nodes[first.node].name == "G1/site1/c1/node1");
  CHECK(first.state == NodeState::kDown);
  CHECK(first.start_s == 1115811139);
  CHECK(first.end_s == 1116857352);
  const FtaInterval& last = t.intervals.back();
  CHECK(t.nodes[last.node].name == "G1/site9/c1/node9");
  CHECK(t.nodes[last.node].node_id == 1081);
  CHECK(last.end_s == 1163165604);

  const auto avail = availability_by_node(t);
  REQUIRE(avail.size() == 1288);
  std::int64_t up = 0, dn = 0;
  for (const auto& a : avail) {
    up += a.up_s;
    dn += a.down_s;
    CHECK(a.availability >= 0.0);
    CHECK(a.availability <= 1.0);
  }
  CHECK(up == 34335688549);  // 397,404 node-days up, as the folder README says
  CHECK(dn == 7850417409);   // 90,861 node-days down
  CHECK(avail[0].name == "G1/site1/c1/node1");
  CHECK(avail[0].up_s == 33938718);
  CHECK(avail[0].down_s == 13415747);
  CHECK(avail[0].availability == Approx(0.716695204982).epsilon(1e-11));
}
