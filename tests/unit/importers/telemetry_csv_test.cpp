#include <catch2/catch.hpp>

#include <set>

#include "sim/io/importers/telemetry_csv.hpp"
#include "sim/io/importers/text_parse.hpp"
#include "test_files.hpp"

using namespace fleetsim::io;
using fleetsim::test::TempFile;

namespace {

std::string csv_error(const std::string& path, const TelemetryCsvOptions& options = {}) {
  try {
    read_telemetry_csv(path, options);
  } catch (const ImportError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("tidy telemetry CSV groups rows into labelled series", "[importers][telemetry]") {
  const std::string text =
      "timestamp,metric,zone,host,value\n"
      "1700000060,cpu,a,h1,0.6\n"
      "1700000000,cpu,a,h1,0.5\n"
      "2023-11-14T22:13:20Z,cpu,b,,0.7\n"
      "1700000000,mem,a,h1,12\n"
      "2023-11-14T23:13:20+01:00,cpu,b,NULL,0.8\n";
  for (const char* suffix : {".csv", ".csv.gz"}) {
    const TempFile f(text, suffix);
    const auto s = read_telemetry_csv(f.path());
    REQUIRE(s.size() == 3);
    CHECK(s[0].name == "cpu");
    CHECK(s[0].labels == std::map<std::string, std::string>{{"host", "h1"}, {"zone", "a"}});
    CHECK(s[0].times_s == std::vector<double>{1700000000, 1700000060});  // sorted by time
    CHECK(s[0].values == std::vector<double>{0.5, 0.6});
    CHECK(s[1].labels == std::map<std::string, std::string>{{"zone", "b"}});  // empty host omitted
    CHECK(s[1].times_s == std::vector<double>{1700000000, 1700000000});       // RFC 3339 = epoch
    CHECK(s[1].values == std::vector<double>{0.7, 0.8});
    CHECK(s[2].name == "mem");
  }
}

TEST_CASE("telemetry CSV columns and units are configurable", "[importers][telemetry]") {
  const TempFile f("value,ts_ms,pod,node\n1.5,1700000000500,p1,n1\n2.5,1700000001500,p1,n2\n",
                   ".csv");
  TelemetryCsvOptions o;
  o.time_column = "ts_ms";
  o.time_unit = NumericTimeUnit::kMilliseconds;
  o.metric_name = "pod_rss";
  o.label_columns = {"pod"};
  const auto s = read_telemetry_csv(f.path(), o);
  REQUIRE(s.size() == 1);
  CHECK(s[0].name == "pod_rss");
  CHECK(s[0].labels == std::map<std::string, std::string>{{"pod", "p1"}});
  CHECK(s[0].times_s == std::vector<double>{1700000000.5, 1700000001.5});
  TelemetryCsvOptions stem = o;
  stem.metric_name.clear();
  CHECK(read_telemetry_csv(f.path(), stem)[0].name == fleetsim::io::file_stem(f.path()));
}

TEST_CASE("malformed telemetry CSV rows are rejected at file:line", "[importers][telemetry]") {
  const std::string ts = fleetsim::test::fixture("telemetry_bad_timestamp.csv");
  CHECK(csv_error(ts) ==
        ts + ":5: timestamp: expected seconds or an RFC 3339 time, got '2023-11-14 25:15:00'");
  const std::string missing = fleetsim::test::fixture("telemetry_missing_value.csv");
  CHECK(csv_error(missing) == missing + ":3: value: expected a number, got ''");
  TelemetryCsvOptions skip;
  skip.skip_missing_values = true;
  CHECK(csv_error(missing, skip) == "no error");
  TelemetryCsvOptions wrong;
  wrong.value_column = "v";
  CHECK(csv_error(missing, wrong) ==
        missing + ":1: missing column 'v' (the header has: timestamp, metric, zone, value)");
}

TEST_CASE("telemetry CSV: NAB CloudWatch series", "[importers][telemetry][realdata]") {
  FLEETSIM_REQUIRE_DATA(
      path, "telemetry-nab-aws-cloudwatch/realKnownCause/ec2_request_latency_system_failure.csv");
  const auto s = read_telemetry_csv(path);
  REQUIRE(s.size() == 1);
  CHECK(s[0].name == "ec2_request_latency_system_failure");
  CHECK(s[0].labels.empty());
  REQUIRE(s[0].times_s.size() == 4032);
  CHECK(s[0].times_s.front() == *parse_timestamp("2014-03-07T03:41:00Z"));
  CHECK(s[0].values.front() == 45.868);
  CHECK(s[0].times_s.back() == *parse_timestamp("2014-03-21T03:41:00Z"));
  CHECK(s[0].values.back() == 30.962);
}

TEST_CASE("telemetry CSV: Alibaba GenAI per-container metrics",
          "[importers][telemetry][realdata]") {
  FLEETSIM_REQUIRE_DATA(memory, "telemetry-alibaba-genai-serving-2026/pod_memory_util_anon.csv.gz");
  FLEETSIM_REQUIRE_DATA(qps, "telemetry-alibaba-genai-serving-2026/qps.csv.gz");
  TelemetryCsvOptions o;
  o.time_column = "timestamp_anon";
  const auto mem = read_telemetry_csv(memory, o);
  std::size_t rows = 0;
  for (const auto& s : mem) {
    rows += s.times_s.size();
    CHECK(s.name == "pod_memory_util_anon");
  }
  CHECK(rows == 214890);     // folder README
  CHECK(mem.size() == 208);  // 207 containers + the rows without a container
  const auto q = read_telemetry_csv(qps, o);
  std::set<std::string> types;
  rows = 0;
  for (const auto& s : q) {
    rows += s.times_s.size();
    types.insert(s.labels.at("request_type"));
  }
  CHECK(rows == 24627);
  CHECK(q.size() == 108);
  CHECK(types == std::set<std::string>{"API Requests", "Generative Requests"});
}
