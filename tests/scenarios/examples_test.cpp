/// Every example scenario runs from the command line and passes its own assertions.
/// An example that is meant to show a failing assertion says so in its file with a
/// comment line `# expect-exit: 1`.

#include <filesystem>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>

namespace {

int expected_exit(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("# expect-exit: ", 0) == 0) return std::stoi(line.substr(15));
  }
  return 0;
}

}  // namespace

TEST_CASE("every example scenario runs and passes its assertions", "[scenarios][examples]") {
  const std::filesystem::path dir = std::filesystem::path(FLEETSIM_SOURCE_DIR) / "scenarios" / "examples";
  int seen = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".yaml") continue;
    ++seen;
    const std::string cmd = std::string(FLEETSIM_BINARY_DIR) + "/fleetsim run '" + entry.path().string() +
                            "' --quiet --progress never --threads 2 >/dev/null 2>&1";
    const int status = std::system(cmd.c_str());
    INFO(entry.path().filename().string());
    CHECK(WEXITSTATUS(status) == expected_exit(entry.path()));
  }
  CHECK(seen >= 3);
}
