#pragma once
/// Progress of long runs on stderr: a bar with ETA on a terminal, JSON lines on request,
/// nothing when stderr is not a terminal or the CI variable is set (mode auto).

#include <chrono>
#include <cstdio>
#include <string>

namespace fleetsim::cli {

class Progress {
 public:
  enum class Mode { Never, Auto, Jsonl };
  /// "never", "auto" or "jsonl"; throws UsageError otherwise.
  static Mode parse(const std::string& text);

  Progress(Mode mode, std::string label);
  ~Progress();
  /// done of total units (simulated microseconds, points of a sweep...).
  void update(double done, double total);
  void finish();

 private:
  bool bar_ = false, jsonl_ = false, finished_ = false;
  std::string label_;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace fleetsim::cli
