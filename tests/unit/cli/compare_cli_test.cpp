/// `fleetsim compare` as a user runs it: the numbers it prints equal scipy's on a fixed
/// pair of samples, thresholds give exit 0 / 1, bad input exit 2 with a located message,
/// JSON and JUnit outputs, and aligned series from a trace and its own exports.

#include <cmath>
#include <sstream>

#include <catch2/catch.hpp>

#include "sim/io/importers/json_reader.hpp"
#include "tests/support/cli.hpp"

using namespace fleetsim;
using clitest::run_cli;
using clitest::TempDir;

namespace {

/// Two fixed samples (with ties, different sizes, heavy tail), as one-column CSV files.
void write_samples(const TempDir& d) {
  std::ostringstream a, b;
  a << "x\n";
  b << "x\n";
  for (int i = 0; i < 157; ++i) a << std::floor(10 * std::exp(0.037 * i * (1 + (i % 7) * 0.1))) / 10 << "\n";
  for (int i = 0; i < 211; ++i) b << std::floor(12 * std::exp(0.029 * i * (1 + (i % 5) * 0.13))) / 10 << "\n";
  clitest::write_file(d / "sim.csv", a.str());
  clitest::write_file(d / "real.csv", b.str());
}

double stat(const io::JsonValue& doc, const char* name) {
  const io::JsonValue* v = doc.find("comparisons")->as_array().at(0).find("stats")->find(name);
  REQUIRE(v);
  return v->is_null() ? NAN : v->as_number();
}

}  // namespace

TEST_CASE("compare prints scipy's numbers on a fixed pair of samples", "[cli][compare][scipy]") {
  TempDir d;
  write_samples(d);
  const auto o = run_cli("compare --sim csv:" + (d / "sim.csv") + "#x --real csv:" + (d / "real.csv") +
                              "#x --name waits --json " + (d / "out.json") + " --quiet");
  INFO(o.text);
  REQUIRE(o.code == 0);
  const io::JsonValue doc = io::read_json_file(d / "out.json");
  const std::string py =
      "import sys, json, numpy as np\n"
      "from scipy import stats\n"
      "a = np.loadtxt(sys.argv[1], skiprows=1); b = np.loadtxt(sys.argv[2], skiprows=1)\n"
      "ks = stats.ks_2samp(a, b, method='asymp')\n"
      "rel = lambda q: (np.quantile(a, q) - np.quantile(b, q)) / abs(np.quantile(b, q))\n"
      "print(json.dumps({'ks_d': ks.statistic, 'ks_p': ks.pvalue, 'w1': stats.wasserstein_distance(a, b),\n"
      "  'p50_rel': rel(0.5), 'p90_rel': rel(0.9), 'p99_rel': rel(0.99), 'mean_sim': a.mean(), 'mean_real': b.mean()}))\n";
  clitest::write_file(d / "ref.py", py);
  const auto ref = clitest::shell("/usr/bin/python3 " + (d / "ref.py") + " " + (d / "sim.csv") + " " + (d / "real.csv"), false);
  if (ref.code != 0) {
    WARN("skipped: /usr/bin/python3 with numpy and scipy is not available");
    return;
  }
  const io::JsonValue want = io::parse_json(ref.text, "scipy");
  for (const char* name : {"ks_d", "ks_p", "w1", "p50_rel", "p90_rel", "p99_rel", "mean_sim", "mean_real"}) {
    INFO(name);
    const double expected = want.find(name)->as_number();
    CHECK(stat(doc, name) == Approx(expected).epsilon(1e-12).margin(1e-15));
  }
  CHECK(stat(doc, "n_sim") == 157);
  CHECK(stat(doc, "n_real") == 211);
  CHECK(stat(doc, "ks_d") > 0.05);  // the samples really differ
}

TEST_CASE("compare: thresholds give exit 0 or 1, with JSON and JUnit", "[cli][compare]") {
  TempDir d;
  write_samples(d);
  const std::string base = "compare --sim csv:" + (d / "sim.csv") + "#x --real csv:" + (d / "real.csv") + "#x ";
  auto o = run_cli(base + "--max ks_d=0.9 --max w1=1h --max p50_rel=100%");
  INFO(o.text);
  CHECK(o.code == 0);
  CHECK_THAT(o.text, Catch::Contains("ks_d") && Catch::Contains("PASS") && !Catch::Contains("FAIL"));
  o = run_cli(base + "--max ks_d=0.01 --max w1=1h --junit " + (d / "junit.xml") + " --json -");
  CHECK(o.code == 1);
  CHECK_THAT(o.text, Catch::Contains("FAIL") && Catch::Contains("\"pass\": false"));
  const std::string junit = clitest::read_file(d / "junit.xml");
  CHECK_THAT(junit, Catch::Contains("<testsuites") && Catch::Contains("failures=\"1\"") &&
                        Catch::Contains("ks_d &lt;= 0.01") && Catch::Contains("ThresholdExceeded"));
}

TEST_CASE("compare: bad input is exit 2 with a located message", "[cli][compare]") {
  TempDir d;
  write_samples(d);
  auto o = run_cli("compare --sim csv:" + (d / "sim.csv") + "#nope --real csv:" + (d / "real.csv") + "#x");
  CHECK(o.code == 2);
  CHECK_THAT(o.text, Catch::Contains(d / "sim.csv") && Catch::Contains("nope"));
  o = run_cli("compare --sim csv:" + (d / "sim.csv") + "#x --real csv:" + (d / "real.csv") + "#x --max wape=0.1");
  CHECK(o.code == 2);  // wape judges series, not distributions
  CHECK_THAT(o.text, Catch::Contains("judges ks_d"));
  o = run_cli("compare --sim csv:" + (d / "sim.csv") + "#x --real csv:" + (d / "real.csv") + "#x --max ks_d=lots");
  CHECK(o.code == 2);
  clitest::write_file(d / "bad.csv", "x\n1\n2\nthree\n");
  o = run_cli("compare --sim csv:" + (d / "bad.csv") + "#x --real csv:" + (d / "real.csv") + "#x");
  CHECK(o.code == 2);
  CHECK_THAT(o.text, Catch::Contains(d / "bad.csv" + ":4:"));

  clitest::write_file(d / "spec.yaml",
                      "comparisons:\n"
                      "  - name: waits\n"
                      "    sim: csv:sim.csv#x\n"
                      "    real: csv:real.csv#x\n"
                      "    max: {ks_d: 0.5, w2: 1, p90_rel: fast}\n"
                      "    kind: distribtion\n"
                      "  - {name: other, sim: csv:sim.csv#x}\n");
  o = run_cli("compare --spec " + (d / "spec.yaml"));
  INFO(o.text);
  CHECK(o.code == 2);
  const std::string spec = d / "spec.yaml";
  CHECK_THAT(o.text, Catch::Contains(spec + ":5:22: comparisons[0].max.w2: unknown statistic 'w2'"));
  CHECK_THAT(o.text, Catch::Contains(spec + ":5:38: comparisons[0].max.p90_rel: expected a number"));
  CHECK_THAT(o.text, Catch::Contains(spec + ":6:11: comparisons[0].kind: unknown kind 'distribtion' (did you mean 'distribution'?)"));
  CHECK_THAT(o.text, Catch::Contains(spec + ":7:5: comparisons[1]: missing 'real'"));
}

TEST_CASE("compare: a spec file, trace selectors and aligned series", "[cli][compare]") {
  TempDir d;
  const std::string run = d / "run.h5";
  auto o = run_cli("run " + clitest::kSourceDir + "/scenarios/examples/swf-replay.yaml --quiet --progress never --trace " +
                    run + " --csv " + (d / "series.csv"));
  INFO(o.text);
  REQUIRE(o.code == 0);
  // The trace's series against its own CSV export: identical, so WAPE and NRMSE are 0.
  o = run_cli("compare " + run + " --sim series/fleet/cpu_used --real series-csv:" + (d / "series.csv") +
               "#fleet/cpu_used --shift none --max wape=0 --max nrmse=0 --json -");
  CHECK(o.code == 0);
  CHECK_THAT(o.text, Catch::Contains("\"kind\": \"series\"") && Catch::Contains("\"wape\": 0"));
  // The same series as real telemetry in Unix time, in percent: shifted and scaled back.
  std::istringstream in(clitest::read_file(d / "series.csv"));
  std::ostringstream tidy;
  tidy << "timestamp,metric,site,value\n";
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    if (line.compare(line.find(',') + 1, 15, "fleet,cpu_used,") != 0) continue;
    const double t = std::stod(line.substr(0, line.find(',')));
    const double v = std::stod(line.substr(line.rfind(',') + 1));
    tidy << static_cast<long long>(1.4e9 + t) << ",cpu_pct,lu," << v * 100 << "\n";
  }
  clitest::write_file(d / "tidy.csv", tidy.str());
  clitest::write_file(d / "spec.yaml",
                      "trace: run.h5\n"
                      "comparisons:\n"
                      "  - name: cpu\n"
                      "    sim: series/fleet/cpu_used\n"
                      "    real: {source: \"telemetry:tidy.csv#cpu_pct{site=lu}\", scale: 0.01}\n"
                      "    max: {wape: 1e-5, nrmse: 1e-5}\n"  // the CSV keeps 6 significant digits
                      "  - name: waits\n"
                      "    sim: jobs/gaia/simulated_wait_s\n"
                      "    real: jobs/gaia/recorded_wait_s\n"
                      "    max: {ks_d: 0.99, w1: 2h}\n");
  o = run_cli("compare --spec " + (d / "spec.yaml") + " --json " + (d / "out.json"));
  INFO(o.text);
  CHECK(o.code == 0);
  const io::JsonValue doc = io::read_json_file(d / "out.json");
  const auto& list = doc.find("comparisons")->as_array();
  REQUIRE(list.size() == 2);
  CHECK(list[0].find("stats")->find("points")->as_number() > 300);
  CHECK(list[1].find("stats")->find("n_sim")->as_number() == 2000);
  // The distribution numbers equal the metrics the run computed itself.
  o = run_cli("run " + clitest::kSourceDir + "/scenarios/examples/swf-replay.yaml --progress never --summary " + (d / "s.json") + " --quiet");
  const io::JsonValue summary = io::read_json_file(d / "s.json");
  CHECK(list[1].find("stats")->find("ks_d")->as_number() ==
        Approx(summary.find("metrics")->find("trace.gaia.wait_ks_d")->as_number()).epsilon(1e-12));
  CHECK(list[1].find("stats")->find("w1")->as_number() ==
        Approx(summary.find("metrics")->find("trace.gaia.wait_w1_s")->as_number()).epsilon(1e-12));
}
