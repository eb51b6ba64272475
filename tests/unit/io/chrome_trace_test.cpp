/// Chrome trace export: span pairing by kind names (begin/end suffixes, _down/_up, the
/// duration carried by an end record, FIFO otherwise, open at the end) and the JSON
/// structure chrome://tracing and Perfetto load (checked by parsing it back).

#include <map>
#include <set>

#include <catch2/catch.hpp>

#include "sim/io/chrome_trace.hpp"
#include "sim/io/importers/json_reader.hpp"

using namespace fleetsim;

namespace {

io::TraceEvent ev(std::int64_t t_s, std::uint16_t kind, std::int64_t component, double value = 0) {
  return io::TraceEvent{t_s * 1'000'000, kind, 0, component, 0, value};
}

const std::vector<std::string> kKinds = {"job_start", "job_end", "host_down", "host_up", "page",
                                         "remediation_begin", "remediation_done", "job_stop"};

}  // namespace

TEST_CASE("spans pair by kind names, key and carried duration", "[io][chrome]") {
  const std::vector<io::TraceEvent> events = {
      ev(0, 0, 7),          // job A starts on component 7
      ev(10, 0, 7),         // job B starts on component 7
      ev(15, 1, 7, 5),      // an end carrying 5 s: B (started 5 s ago), not the older A
      ev(20, 2, 3),         // host 3 down
      ev(21, 4, 3),         // a page: an instant
      ev(22, 5, 3),         // remediation begins
      ev(30, 6, 3),         // remediation done
      ev(40, 3, 3),         // host 3 up
      ev(45, 7, 7, 99),     // job A stopped (the value is not its duration: oldest open)
      ev(50, 3, 9),         // host 9 up with no open span: an instant
      ev(60, 2, 9),         // host 9 down, still down at the end
  };
  const io::SpanSet set = io::pair_spans(events, kKinds, 100'000'000);
  REQUIRE(set.spans.size() == 5);
  std::map<std::string, std::vector<io::Span>> by;
  for (const auto& s : set.spans) by[s.name].push_back(s);
  REQUIRE(by["job"].size() == 2);
  CHECK(by["job"][0].begin_us == 0);
  CHECK(by["job"][0].end_us == 45'000'000);  // A, closed by job_stop
  CHECK(by["job"][1].begin_us == 10'000'000);
  CHECK(by["job"][1].end_us == 15'000'000);  // B, matched by the carried duration
  REQUIRE(by["host_down"].size() == 2);
  CHECK(by["host_down"][0].end_us == 40'000'000);
  CHECK_FALSE(by["host_down"][0].open_at_end);
  CHECK(by["host_down"][1].begin_us == 60'000'000);
  CHECK(by["host_down"][1].end_us == 100'000'000);
  CHECK(by["host_down"][1].open_at_end);
  REQUIRE(by["remediation"].size() == 1);
  CHECK(by["remediation"][0].end_us == 30'000'000);
  CHECK(set.instants == std::vector<std::size_t>{4, 9});
}

TEST_CASE("the Chrome trace JSON has the structure trace viewers load", "[io][chrome]") {
  const std::vector<io::TraceEvent> events = {ev(0, 0, 7), ev(10, 1, 7, 10), ev(20, 2, 3), ev(25, 4, -1)};
  std::vector<io::NameTable> names = {{"kind", kKinds}, {"zone", {"east-a"}}, {"workload", {"etl"}}};
  io::ComponentTable comps;
  comps.id = {3, 7};
  comps.kind = {5, 5};
  comps.zone = {0, 0};
  comps.parent = {-1, -1};
  comps.name = {"east-a-r01-h03", "east-a-r01-h07 \"quoted\""};
  const std::string text = io::chrome_trace_json(events, names, comps, 60'000'000, "run \"1\"");
  const io::JsonValue doc = io::parse_json(text, "trace.json");
  REQUIRE(doc.is_object());
  const io::JsonValue* list = doc.find("traceEvents");
  REQUIRE(list);
  REQUIRE(list->is_array());
  std::map<std::uint64_t, std::vector<std::string>> phases;  // async id -> phases seen
  std::set<std::string> thread_names;
  for (const io::JsonValue& e : list->as_array()) {
    REQUIRE(e.is_object());
    const std::string ph = e.find("ph")->as_string();
    CHECK((ph == "M" || ph == "b" || ph == "e" || ph == "i"));
    REQUIRE(e.find("pid"));
    REQUIRE(e.find("name"));
    if (ph == "M") {
      if (e.find("name")->as_string() == "thread_name") thread_names.insert(e.find("args")->find("name")->as_string());
      continue;
    }
    REQUIRE(e.find("ts"));
    CHECK(e.find("ts")->as_number() >= 0);
    if (ph == "b" || ph == "e") {
      CHECK(e.find("cat")->as_string() == e.find("name")->as_string());
      phases[static_cast<std::uint64_t>(e.find("id")->as_number())].push_back(ph);
    }
  }
  REQUIRE(phases.size() == 2);  // the job and the outage (open at the end)
  for (const auto& [id, p] : phases) CHECK(p == std::vector<std::string>{"b", "e"});
  CHECK(thread_names.count("east-a-r01-h07 \"quoted\"") == 1);
  CHECK(doc.find("displayTimeUnit")->as_string() == "ms");
}
