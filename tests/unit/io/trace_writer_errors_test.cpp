// The trace writer's failure behaviour: no half-written final file, clear OutputError
// messages instead of HDF5 stack dumps, and contract violations reported as such.

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <csignal>
#include <optional>

#include <catch2/catch.hpp>

#include "sim/io/trace_writer.hpp"
#include "tests/unit/io/io_test_support.hpp"

using namespace fleetsim;
using namespace fleetsim::io;
using namespace fleetsim::io::test;

namespace {

// Runs f with file descriptor 2 redirected to a file; returns what was written to it.
template <class F>
std::string captured_stderr(const TempDir& dir, F&& f) {
  const std::string path = dir.file("stderr.txt");
  std::fflush(stderr);
  const int saved = ::dup(2);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  ::dup2(fd, 2);
  ::close(fd);
  try {
    f();
  } catch (...) {
    std::fflush(stderr);
    ::dup2(saved, 2);
    ::close(saved);
    throw;
  }
  std::fflush(stderr);
  ::dup2(saved, 2);
  ::close(saved);
  const std::string text = read_bytes(path);
  std::remove(path.c_str());
  return text;
}

}  // namespace

TEST_CASE("a writer destroyed without commit leaves no file", "[io][trace]") {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  {
    TraceWriter w(path, sample_header());
    w.append_events(sample_events(100000));
    CHECK(w.temp_path() == path + ".tmp-" + std::to_string(::getpid()));
    CHECK(dir.entries() == std::vector<std::string>{"run.h5.tmp-" + std::to_string(::getpid())});
  }
  CHECK(dir.entries().empty());
}

TEST_CASE("an unwritable path gives OutputError naming it, and nothing on stderr", "[io][trace]") {
  TempDir dir;
  write_text(dir.file("plain-file"), "not a directory");
  const std::string path = dir.file("plain-file") + "/run.h5";
  std::string message;
  const std::string err = captured_stderr(dir, [&] {
    try {
      TraceWriter w(path, sample_header());
    } catch (const OutputError& e) {
      message = e.what();
    }
  });
  CHECK(err.empty());
  CHECK_THAT(message, Catch::Contains(path));
  CHECK_THAT(message, Catch::Contains("Not a directory"));
  CHECK(dir.entries() == std::vector<std::string>{"plain-file"});

  CHECK_THROWS_WITH(TraceWriter(dir.file("missing/dir/run.h5"), sample_header()),
                    Catch::Contains("No such file or directory"));
}

TEST_CASE("an HDF5 failure mid-run is an OutputError with HDF5's reason", "[io][trace]") {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  // Events that gzip cannot shrink much, so the first chunk is far above the size limit.
  std::vector<TraceEvent> events = sample_events(TraceWriter::kEventChunkRows);
  std::uint64_t x = 88172645463325252ull;
  for (TraceEvent& e : events) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    e.value = static_cast<double>(x);
  }
  // A full chunk is written by append_events; half a chunk only by commit.
  const std::size_t rows = GENERATE(Catch::Generators::values<std::size_t>(
      {TraceWriter::kEventChunkRows, TraceWriter::kEventChunkRows / 2}));
  events.resize(rows);
  std::string message;
  bool cleaned_up = false;
  const std::string err = captured_stderr(dir, [&] {
    // Files of this process may not grow beyond 64 KiB for a moment (EFBIG, not SIGXFSZ).
    rlimit saved{};
    ::getrlimit(RLIMIT_FSIZE, &saved);
    rlimit small = saved;
    small.rlim_cur = 64 * 1024;
    const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
    ::setrlimit(RLIMIT_FSIZE, &small);
    std::optional<TraceWriter> w;
    try {
      w.emplace(path, sample_header());
      w->append_events(events);
      w->commit();
    } catch (const OutputError& e) {
      message = e.what();
    }
    ::setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, old_handler);
    w.reset();  // tears down a file whose writes failed
    cleaned_up = dir.entries() == std::vector<std::string>{"stderr.txt"};
  });
  CHECK(err.empty());
  CHECK_THAT(message, Catch::Contains("trace '" + path + "'"));
  CHECK_THAT(message, Catch::Contains("HDF5: "));
  CHECK_THAT(message, Catch::Contains("File too large"));
  CHECK(cleaned_up);
}

TEST_CASE("malformed input is invalid_argument and leaves the writer usable", "[io][trace]") {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  TraceWriter w(path, sample_header());
  w.write_names({"kind", {"a"}});
  CHECK_THROWS_AS(w.write_names({"kind", {"b"}}), std::invalid_argument);
  CHECK_THROWS_AS(w.write_names({"a/b", {"b"}}), std::invalid_argument);
  ComponentTable ragged = sample_components();
  ragged.name.pop_back();
  CHECK_THROWS_AS(w.write_components(ragged), std::invalid_argument);

  std::vector<TraceEvent> events = sample_events(10);
  w.append_events(events);
  events[0].time_us = -1;
  CHECK_THROWS_WITH(w.append_events(events), Catch::Contains("must not go back in time"));
  CHECK(w.event_count() == 10);

  std::vector<SeriesGroup> series = sample_series();
  series[1].values.pop_back();
  CHECK_THROWS_WITH(w.write_series(sample_times(), series),
                    Catch::Contains("expected 12 samples x 3"));
  series = sample_series();
  series[2].columns = {"x", "y", "z"};
  CHECK_THROWS_WITH(w.write_series(sample_times(), series), Catch::Contains("share its columns"));
  std::vector<std::int64_t> times = sample_times();
  std::swap(times[3], times[4]);
  CHECK_THROWS_WITH(w.write_series(times, sample_series()), Catch::Contains("increase strictly"));

  w.write_series(sample_times(), sample_series());
  CHECK_THROWS_WITH(w.write_series(sample_times(), sample_series()),
                    Catch::Contains("written twice"));
  w.commit();
  CHECK_THROWS_AS(w.append_events(events.data(), 0), std::logic_error);
  CHECK_THROWS_AS(w.commit(), std::logic_error);
  CHECK(dir.entries() == std::vector<std::string>{"run.h5"});
}

TEST_CASE("commit replaces an existing final file atomically", "[io][trace]") {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  write_text(path, "old contents");
  {
    TraceWriter w(path, sample_header());
    CHECK(read_bytes(path) == "old contents");  // untouched until commit
  }
  CHECK(read_bytes(path) == "old contents");  // an abandoned writer does not touch it
  write_sample_trace(path, 10, 10);
  CHECK(read_bytes(path).substr(1, 3) == "HDF");
  CHECK(dir.entries() == std::vector<std::string>{"run.h5"});
}
