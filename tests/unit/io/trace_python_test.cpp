// A trace is readable with h5py and pandas and no fleetsim code: a checker script and
// the reading example of docs/trace-format.md both run against a trace written here,
// with the system interpreter (/usr/bin/python3, which sees Debian's h5py and pandas).

#include <unistd.h>

#include <catch2/catch.hpp>

#include "sim/io/series_csv.hpp"
#include "sim/io/trace_writer.hpp"
#include "tests/unit/io/io_test_support.hpp"

using namespace fleetsim;
using namespace fleetsim::io;
using namespace fleetsim::io::test;

namespace {

constexpr const char* kPython = "/usr/bin/python3";

bool python_ready() {
  if (::access(kPython, X_OK) != 0) {
    WARN("skipped: " << kPython << " not found");
    return false;
  }
  const CommandResult r = run_command(std::string(kPython) + " -c 'import h5py, pandas'");
  if (r.status != 0) {
    WARN("skipped: h5py or pandas missing for " << kPython << ": " << r.output);
    return false;
  }
  return true;
}

// The first ```python block after the marker line in docs/trace-format.md.
std::string doc_example(const std::string& marker) {
  const std::string doc = read_bytes(std::string(FLEETSIM_SOURCE_DIR) + "/docs/trace-format.md");
  const std::size_t at = doc.find(marker);
  if (at == std::string::npos) return "";
  const std::size_t open = doc.find("```python\n", at);
  if (open == std::string::npos) return "";
  const std::size_t begin = open + 10;
  const std::size_t end = doc.find("```", begin);
  return end == std::string::npos ? "" : doc.substr(begin, end - begin);
}

}  // namespace

TEST_CASE("h5py and pandas read a trace with no fleetsim code", "[io][trace][python]") {
  if (!python_ready()) return;
  TempDir dir;
  const std::size_t n = TraceWriter::kEventChunkRows + 4321;
  write_sample_trace(dir.file("run.h5"), n, 10000);
  write_series_csv(dir.file("series.csv"), sample_times(), sample_series());

  const std::string script =
      std::string(FLEETSIM_SOURCE_DIR) + "/tests/unit/io/trace_h5py_check.py";
  const CommandResult r =
      run_command(std::string(kPython) + " '" + script + "' '" + dir.file("run.h5") + "' '" +
                  dir.file("series.csv") + "' " + std::to_string(n));
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK(r.output == "OK\n");
}

TEST_CASE("the reading example in docs/trace-format.md runs", "[io][trace][python][docs]") {
  if (!python_ready()) return;
  const std::string example = doc_example("<!-- example: read-trace -->");
  REQUIRE(!example.empty());
  TempDir dir;
  write_sample_trace(dir.file("run.h5"), 1000, 1000);
  write_text(dir.file("read_trace.py"), example);
  const CommandResult r =
      run_command("cd '" + dir.path().string() + "' && " + kPython + " read_trace.py");
  INFO(example << "\n---\n" << r.output);
  CHECK(r.status == 0);
  CHECK_THAT(r.output, Catch::Contains("upgrade_done"));
  CHECK_THAT(r.output, Catch::Contains("east-c"));
}

TEST_CASE("the recipes in docs/trace-format.md run", "[io][trace][python][docs]") {
  if (!python_ready()) return;
  const std::string example = doc_example("<!-- example: recipes -->");
  REQUIRE(!example.empty());
  TempDir dir;
  write_sample_trace(dir.file("run.h5"), 1000, 1000);
  write_text(dir.file("recipes.py"), example);
  const CommandResult r =
      run_command("cd '" + dir.path().string() + "' && " + kPython + " recipes.py");
  INFO(example << "\n---\n" << r.output);
  CHECK(r.status == 0);
  CHECK(r.output == "90 us east-b/host-0 1000.0 True\n");  // 3 events per second, 30 s
}
