#pragma once
// Helpers shared by the sim/io tests: a scratch directory, whole-file reads, running a
// command, and a small but complete sample trace (names, components, events, series).

#include <unistd.h>

#include <sys/wait.h>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "sim/core/time.hpp"
#include "sim/io/trace_writer.hpp"

namespace fleetsim::io::test {

/// A fresh directory under the system temp dir, removed with its contents at scope end.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("fleetsim-io-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  const std::filesystem::path& path() const { return path_; }
  /// Names of the entries in the directory, sorted.
  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(path_)) {
      names.push_back(e.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }

 private:
  std::filesystem::path path_;
};

inline std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void write_text(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

/// Exit status (or -1 when it did not exit normally) and stdout+stderr of a shell command.
struct CommandResult {
  int status = -1;
  std::string output;
};

inline CommandResult run_command(const std::string& command) {
  CommandResult r;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return r;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) r.output.append(buf, n);
  const int raw = ::pclose(pipe);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return r;
}

inline TraceHeader sample_header() {
  TraceHeader h;
  h.scenario_name = "zone-wave";
  h.scenario_text = "apiVersion: fleetsim/v1\nkind: Scenario\nmetadata: {name: zone-wave}\n";
  h.seed = 42;
  h.fleetsim_version = "0.1.0";
  h.overrides = {"spec.seed=42", "spec.duration=1h"};
  h.duration_us = hours(1);
  h.sample_interval_us = minutes(5);
  h.provenance = {{"command", "fleetsim run zone-wave.yaml"}, {"threads", "1"}};
  return h;
}

inline std::vector<NameTable> sample_names() {
  return {{"kind", {"host_down", "host_up", "upgrade_done"}},
          {"zone", {"east-a", "east-b", "east-c"}},
          {"workload", {"web", "etl"}},
          {"component_kind", {"region", "zone", "host"}}};
}

inline ComponentTable sample_components() {
  return {{0, 1, 2, 3, 4},
          {0, 1, 1, 2, 2},
          {-1, 0, 1, 0, 1},
          {-1, 0, 0, 1, 2},
          {"east", "east-a", "east-b", "east-a/host-0", "east-b/host-0"}};
}

/// n events, times non-decreasing (several share a time), every field varied.
inline std::vector<TraceEvent> sample_events(std::size_t n) {
  std::vector<TraceEvent> events(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto k = static_cast<std::int64_t>(i);
    events[i] = {seconds(k / 3),
                 static_cast<std::uint16_t>(i % 3),
                 static_cast<std::int32_t>(i % 3),
                 3 + k % 2,
                 i % 5 == 0 ? -1 : static_cast<std::int32_t>(i % 2),
                 0.5 * static_cast<double>(k)};
  }
  return events;
}

inline std::vector<std::int64_t> sample_times() {
  std::vector<std::int64_t> t;
  for (int i = 0; i < 12; ++i) t.push_back(minutes(5) * i);
  return t;
}

/// A 1-D fleet series and two 2-D zone series sharing columns, one service series.
inline std::vector<SeriesGroup> sample_series() {
  std::vector<SeriesGroup> groups;
  SeriesGroup up{"fleet", "hosts_up", "hosts", "Hosts in state up.", {}, {}};
  SeriesGroup util{
      "zone", "utilization", "ratio", "Allocated CPU / capacity.", {"east-a", "east-b", "east-c"},
      {}};
  SeriesGroup down{"zone", "hosts_down", "hosts", "Hosts down.", util.columns, {}};
  SeriesGroup avail{"service", "availability", "ratio", "Fraction of replicas running.", {"web"},
                    {}};
  for (int t = 0; t < 12; ++t) {
    up.values.push_back(1000 - t);
    avail.values.push_back(t == 5 ? 0.99 : 1.0);
    for (int c = 0; c < 3; ++c) {
      util.values.push_back(0.1 * c + 0.01 * t);
      down.values.push_back(t * 3 + c);
    }
  }
  groups = {up, util, down, avail};
  return groups;
}

/// Writes the sample trace to path, appending events in batches of `batch` rows.
inline void write_sample_trace(const std::string& path, std::size_t events, std::size_t batch) {
  TraceWriter w(path, sample_header());
  for (const NameTable& t : sample_names()) w.write_names(t);
  w.write_components(sample_components());
  const std::vector<TraceEvent> ev = sample_events(events);
  for (std::size_t i = 0; i < ev.size(); i += batch) {
    w.append_events(ev.data() + i, std::min(batch, ev.size() - i));
  }
  w.write_series(sample_times(), sample_series());
  w.commit();
}

}  // namespace fleetsim::io::test
