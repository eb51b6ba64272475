#pragma once
/// Progress of long runs on stderr: a bar with ETA on a terminal, JSON lines on request,
/// nothing when stderr is not a terminal or the CI variable is set (mode auto).
/// update() may be called from any thread (replications and sweeps report from their
/// workers): calls are serialised, and a call that finds another in progress is dropped.

#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>

namespace fleetsim::cli {

class Progress {
 public:
  enum class Mode { Never, Auto, Jsonl };
  /// "never", "auto" or "jsonl"; throws UsageError otherwise.
  static Mode parse(const std::string& text);

  Progress(Mode mode, std::string label);
  ~Progress();
  /// done of total units (simulated microseconds, runs of a sweep...); throttled to
  /// 5 lines a second on a terminal, one a second in jsonl.
  void update(double done, double total);
  /// Text shown after the percentage, e.g. "runs 12/40" (also "detail" in jsonl).
  void set_detail(std::string detail);
  /// jsonl mode only: prints {"event":<kind>,<fields>} at once (fields: JSON members
  /// without braces, e.g. "\"point\":3,\"status\":\"ok\"").
  void event(const std::string& kind, const std::string& fields);
  /// Clears the bar (terminal); later updates print nothing.
  void finish();
  /// True when something is shown (a bar or JSON lines).
  bool active() const { return bar_ || jsonl_; }

 private:
  bool bar_ = false, jsonl_ = false, finished_ = false;
  std::string label_, detail_;
  std::chrono::steady_clock::time_point start_, last_;
  std::mutex mutex_;
};

}  // namespace fleetsim::cli
