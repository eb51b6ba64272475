#pragma once
// Helpers for the importer tests: paths to the real data (tests skip with a WARN when the
// shared data folder is absent), to the malformed fixtures, and temporary plain / gzip files.

#include <zlib.h>

#include <unistd.h>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>

namespace fleetsim::test {

/// Path of a file under ../shared/data, or nullopt when it is not there.
inline std::optional<std::string> real_data(const std::string& relative) {
  const std::filesystem::path p =
      std::filesystem::path(FLEETSIM_SOURCE_DIR) / ".." / "shared" / "data" / relative;
  if (!std::filesystem::exists(p)) return std::nullopt;
  return p.string();
}

/// Path of a malformed-input fixture in tests/fixtures/importers.
inline std::string fixture(const std::string& name) {
  return (std::filesystem::path(FLEETSIM_SOURCE_DIR) / "tests" / "fixtures" / "importers" / name)
      .string();
}

/// A temporary file removed when the object goes out of scope.
class TempFile {
 public:
  /// Writes text to a fresh file whose name ends with suffix; gzip-compressed when the
  /// suffix ends with ".gz".
  TempFile(const std::string& text, const std::string& suffix) {
    static std::atomic<int> counter{0};
    path_ =
        (std::filesystem::temp_directory_path() / ("fleetsim_import_" + std::to_string(::getpid()) +
                                                   "_" + std::to_string(counter++) + suffix))
            .string();
    if (suffix.size() >= 3 && suffix.compare(suffix.size() - 3, 3, ".gz") == 0) {
      gzFile f = gzopen(path_.c_str(), "wb");
      if (f == nullptr) throw std::runtime_error("cannot create " + path_);
      gzwrite(f, text.data(), static_cast<unsigned>(text.size()));
      gzclose(f);
    } else {
      std::ofstream(path_, std::ios::binary) << text;
    }
  }
  ~TempFile() {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace fleetsim::test

/// Skips the rest of a test case (with a warning) when a real data file is missing.
#define FLEETSIM_REQUIRE_DATA(var, relative)                                        \
  const auto var##_opt = ::fleetsim::test::real_data(relative);                     \
  if (!var##_opt) {                                                                 \
    WARN("skipped: real data file ../shared/data/" << (relative) << " is missing"); \
    return;                                                                         \
  }                                                                                 \
  const std::string& var = *var##_opt
