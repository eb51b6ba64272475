#include "sim/cli/progress.hpp"

#include <unistd.h>

#include <cstdlib>

#include "sim/cli/args.hpp"
#include "sim/io/json.hpp"

namespace fleetsim::cli {

Progress::Mode Progress::parse(const std::string& text) {
  if (text == "never") return Mode::Never;
  if (text == "auto") return Mode::Auto;
  if (text == "jsonl") return Mode::Jsonl;
  throw UsageError("--progress must be never, auto or jsonl, got '" + text + "'");
}

Progress::Progress(Mode mode, std::string label)
    // last_ lies in the past so that the first update draws at once: a run shorter than
    // the throttle interval still shows its bar (or its JSON line) once.
    : label_(std::move(label)), start_(std::chrono::steady_clock::now()), last_(start_ - std::chrono::hours(1)) {
  const bool ci = std::getenv("CI") != nullptr;
  bar_ = mode == Mode::Auto && !ci && isatty(STDERR_FILENO);
  jsonl_ = mode == Mode::Jsonl;
}

Progress::~Progress() { finish(); }

void Progress::set_detail(std::string detail) {
  std::lock_guard<std::mutex> lock(mutex_);
  detail_ = std::move(detail);
}

void Progress::event(const std::string& kind, const std::string& fields) {
  if (!jsonl_) return;
  std::lock_guard<std::mutex> lock(mutex_);
  std::string line;
  io::json_escape(line, kind);
  std::fprintf(stderr, "{\"event\":%s%s%s}\n", line.c_str(), fields.empty() ? "" : ",", fields.c_str());
  std::fflush(stderr);
}

void Progress::update(double done, double total) {
  if (!bar_ && !jsonl_) return;
  std::unique_lock<std::mutex> lock(mutex_, std::try_to_lock);
  if (!lock.owns_lock() || finished_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(bar_ ? 200 : 1000)) return;
  last_ = now;
  const double frac = total > 0 ? std::min(1.0, done / total) : 0;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double eta = frac > 0 ? elapsed * (1 - frac) / frac : 0;
  if (jsonl_) {
    std::string label, detail;
    io::json_escape(label, label_);
    io::json_escape(detail, detail_);
    std::fprintf(stderr, "{\"progress\":%s,\"fraction\":%.4f,\"elapsed_s\":%.1f,\"eta_s\":%.1f%s%s}\n",
                 label.c_str(), frac, elapsed, eta, detail_.empty() ? "" : ",\"detail\":",
                 detail_.empty() ? "" : detail.c_str());
    std::fflush(stderr);
    return;
  }
  const int width = 30;
  const int filled = static_cast<int>(frac * width);
  std::fprintf(stderr, "\r%s [%.*s%*s] %5.1f%%%s%s  elapsed %.0fs  eta %.0fs ", label_.c_str(), filled,
               "##############################", width - filled, "", 100 * frac,
               detail_.empty() ? "" : "  ", detail_.c_str(), elapsed, eta);
  std::fflush(stderr);
}

void Progress::finish() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (finished_) return;
  finished_ = true;
  if (bar_) std::fprintf(stderr, "\r%*s\r", 100, "");
  if (jsonl_) {
    // A last line, so that a consumer always sees the end (updates are throttled).
    std::string label;
    io::json_escape(label, label_);
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    std::fprintf(stderr, "{\"progress\":%s,\"fraction\":1.0000,\"elapsed_s\":%.1f,\"eta_s\":0.0,\"done\":true}\n",
                 label.c_str(), elapsed);
    std::fflush(stderr);
  }
}

}  // namespace fleetsim::cli
