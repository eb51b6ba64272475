#pragma once
/// Runs the fleetsim binary (or any command) as a user would, for CLI tests, and gives
/// each test a fresh temporary directory.

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fleetsim::clitest {

inline const std::string kFleetsim = FLEETSIM_BINARY_DIR "/fleetsim";
inline const std::string kSourceDir = FLEETSIM_SOURCE_DIR;

struct CommandOutput {
  int code = -1;     ///< exit status; -1 when killed
  std::string text;  ///< stdout, then stderr when asked
};

/// Runs a shell command line, capturing stdout (and stderr with with_stderr).
inline CommandOutput shell(const std::string& command, bool with_stderr = true) {
  CommandOutput o;
  FILE* p = popen((command + (with_stderr ? " 2>&1" : " 2>/dev/null")).c_str(), "r");
  if (!p) return o;
  char buf[4096];
  while (std::fgets(buf, sizeof buf, p)) o.text += buf;
  const int status = pclose(p);
  o.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return o;
}

/// `fleetsim <args>`.
inline CommandOutput run_cli(const std::string& args, bool with_stderr = true) {
  return shell(kFleetsim + " " + args, with_stderr);
}

/// A fresh directory removed with everything in it when the object goes out of scope.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("fleetsim_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  /// Path of a file inside the directory.
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

inline void write_file(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// True for a file that starts with the PNG signature and is more than a few bytes.
inline bool is_png(const std::string& path) {
  const std::string t = read_file(path);
  return t.size() > 100 && t.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0;
}

}  // namespace fleetsim::clitest
