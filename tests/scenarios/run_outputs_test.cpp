/// `fleetsim run` end to end: the summary JSON and the HDF5 trace of a multi-zone
/// scenario are identical for 1, 2 and 4 threads, and the trace opens with h5py and
/// pandas without any fleetsim code.

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

namespace {

const std::string kBin = std::string(FLEETSIM_BINARY_DIR) + "/fleetsim";
const std::string kDefault = std::string(FLEETSIM_SOURCE_DIR) + "/scenarios/examples/default.yaml";

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The summary without the lines that legitimately differ between runs.
std::string stable_summary(const std::string& path) {
  std::istringstream in(slurp(path));
  std::string line, out;
  while (std::getline(in, line)) {
    if (line.find("\"wall_s\"") != std::string::npos || line.find("\"threads\"") != std::string::npos) continue;
    out += line + "\n";
  }
  return out;
}

int run(const std::string& args) {
  const int status = std::system((kBin + " run " + args + " >/dev/null 2>&1").c_str());
  return WEXITSTATUS(status);
}

std::filesystem::path temp_dir() {
  auto dir = std::filesystem::temp_directory_path() / ("fleetsim-run-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace

TEST_CASE("summary and trace are identical for 1, 2 and 4 threads", "[cli][run][determinism]") {
  const auto dir = temp_dir();
  for (int t : {1, 2, 4}) {
    const std::string n = std::to_string(t);
    REQUIRE(run(kDefault + " --threads " + n + " --summary " + (dir / ("s" + n + ".json")).string() + " --trace " +
                (dir / ("t" + n + ".h5")).string() + " --progress never --set spec.duration=3d") == 0);
  }
  const std::string s1 = stable_summary((dir / "s1.json").string());
  CHECK(s1.find("\"service.web.availability\"") != std::string::npos);
  CHECK(stable_summary((dir / "s2.json").string()) == s1);
  CHECK(stable_summary((dir / "s4.json").string()) == s1);
  const std::string t1 = slurp((dir / "t1.h5").string());
  CHECK(t1.size() > 1000);
  CHECK(slurp((dir / "t2.h5").string()) == t1);  // byte-identical HDF5 files
  CHECK(slurp((dir / "t4.h5").string()) == t1);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a run's trace opens with h5py and pandas alone", "[cli][run][trace][python]") {
  if (std::system("/usr/bin/python3 -c 'import h5py, pandas' >/dev/null 2>&1") != 0) {
    WARN("skipped: /usr/bin/python3 with h5py and pandas is not available");
    return;
  }
  const auto dir = temp_dir();
  const std::string trace = (dir / "run.h5").string();
  REQUIRE(run(kDefault + " --trace " + trace + " --progress never --set spec.duration=2d") == 0);
  const std::string script = (dir / "check.py").string();
  std::ofstream(script) << R"PY(
import sys, h5py, pandas as pd
f = h5py.File(sys.argv[1], "r")
assert f.attrs["complete"] == 1
assert f.attrs["format"] == "fleetsim-trace"
assert "apiVersion: fleetsim/v1" in f.attrs["scenario_text"]
ev = pd.DataFrame(f["events"][:])
assert list(ev.columns) == ["time_us", "kind", "zone", "component", "workload", "value"], list(ev.columns)
assert len(ev) > 1000 and ev["time_us"].is_monotonic_increasing
kinds = [k.decode() if isinstance(k, bytes) else k for k in f["names/kind"][:]]
zones = [k.decode() if isinstance(k, bytes) else k for k in f["names/zone"][:]]
assert "job_start" in kinds and zones == ["east-a", "east-b", "east-c"], (kinds, zones)
starts = ev[ev["kind"] == kinds.index("job_start")]
assert len(starts) > 100
t = f["series/time"][:]
cpu = f["series/zone/cpu_used"]
assert cpu.shape == (len(t), 3), cpu.shape
assert 0 < float(cpu[-1, 0]) <= 1
running = f["series/service/running_replicas"][:]
assert running[-1, 0] == 600, running[-1]
print("ok", len(ev))
)PY";
  FILE* p = popen(("/usr/bin/python3 " + script + " " + trace + " 2>&1").c_str(), "r");
  REQUIRE(p);
  char buf[4096];
  std::string out;
  while (std::fgets(buf, sizeof buf, p)) out += buf;
  const int status = pclose(p);
  INFO(out);
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(out.rfind("ok ", 0) == 0);
  std::filesystem::remove_all(dir);
}

TEST_CASE("run rejects bad input with exit code 2 and writes nothing", "[cli][run]") {
  const auto dir = temp_dir();
  const std::string summary = (dir / "s.json").string();
  CHECK(run(kDefault + " --summary " + summary + " --set spec.seed=minus-one") == 2);
  CHECK(run(kDefault + " --summary " + summary + " --set 'spec.policies.placement={name: worst-fit}'") == 2);
  CHECK(run(kDefault + " --threads 0") == 2);
  CHECK(run(kDefault + " --frobnicate") == 2);
  CHECK(run((dir / "missing.yaml").string()) == 2);
  CHECK_FALSE(std::filesystem::exists(summary));
  CHECK(std::filesystem::is_empty(dir));
  std::filesystem::remove_all(dir);
}
