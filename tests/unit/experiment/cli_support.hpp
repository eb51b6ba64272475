#pragma once
/// Running the fleetsim binary from experiment tests: exit code and output, temporary
/// directories, files.

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

namespace fleetsim::testing {

inline const std::string kBin = FLEETSIM_BINARY_DIR "/fleetsim";
inline const std::string kSrc = FLEETSIM_SOURCE_DIR;
inline const std::string kFixtures = FLEETSIM_SOURCE_DIR "/tests/scenarios/fixtures/experiment";

struct Output {
  int code = -1;
  std::string text;  ///< stdout, then stderr when merged
};

/// Runs `fleetsim <args>` through the shell; stderr merged into the text unless `merge` is false.
inline Output run_fleetsim(const std::string& args, bool merge = true, const std::string& env = "") {
  Output o;
  const std::string cmd = env + (env.empty() ? "" : " ") + kBin + " " + args + (merge ? " 2>&1" : " 2>/dev/null");
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  while (std::fgets(buf, sizeof buf, p)) o.text += buf;
  const int status = pclose(p);
  o.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return o;
}

/// A fresh directory removed when the object dies.
class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/fleetsim-exp-XXXXXX";
    REQUIRE(mkdtemp(tmpl) != nullptr);
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

inline std::size_t count_lines(const std::string& text) {
  std::size_t n = 0;
  for (const char c : text) n += c == '\n';
  return n;
}

}  // namespace fleetsim::testing
