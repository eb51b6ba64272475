#include "sim/cli/progress.hpp"

#include <unistd.h>

#include <cstdlib>

#include "sim/cli/args.hpp"

namespace fleetsim::cli {

Progress::Mode Progress::parse(const std::string& text) {
  if (text == "never") return Mode::Never;
  if (text == "auto") return Mode::Auto;
  if (text == "jsonl") return Mode::Jsonl;
  throw UsageError("--progress must be never, auto or jsonl, got '" + text + "'");
}

Progress::Progress(Mode mode, std::string label)
    : label_(std::move(label)), start_(std::chrono::steady_clock::now()), last_(start_) {
  const bool ci = std::getenv("CI") != nullptr;
  bar_ = mode == Mode::Auto && !ci && isatty(STDERR_FILENO);
  jsonl_ = mode == Mode::Jsonl;
}

Progress::~Progress() { finish(); }

void Progress::update(double done, double total) {
  if (!bar_ && !jsonl_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(bar_ ? 200 : 1000)) return;
  last_ = now;
  const double frac = total > 0 ? std::min(1.0, done / total) : 0;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double eta = frac > 0 ? elapsed * (1 - frac) / frac : 0;
  if (jsonl_) {
    std::fprintf(stderr, "{\"progress\":\"%s\",\"fraction\":%.4f,\"elapsed_s\":%.1f,\"eta_s\":%.1f}\n",
                 label_.c_str(), frac, elapsed, eta);
    return;
  }
  const int width = 30;
  const int filled = static_cast<int>(frac * width);
  std::fprintf(stderr, "\r%s [%.*s%*s] %5.1f%%  elapsed %.0fs  eta %.0fs ", label_.c_str(), filled,
               "##############################", width - filled, "", 100 * frac, elapsed, eta);
  std::fflush(stderr);
}

void Progress::finish() {
  if (finished_) return;
  finished_ = true;
  if (bar_) std::fprintf(stderr, "\r%*s\r", 80, "");
}

}  // namespace fleetsim::cli
