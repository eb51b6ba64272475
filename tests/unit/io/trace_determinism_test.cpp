// Determinism of the trace file: the same inputs give the same bytes.

#include <chrono>
#include <thread>

#include <catch2/catch.hpp>

#include "sim/io/trace_writer.hpp"
#include "tests/unit/io/io_test_support.hpp"

using namespace fleetsim;
using namespace fleetsim::io;
using namespace fleetsim::io::test;

TEST_CASE("the same inputs give a byte-identical trace", "[io][trace][determinism]") {
  TempDir dir;
  const std::size_t n = TraceWriter::kEventChunkRows + 777;
  write_sample_trace(dir.file("a.h5"), n, 1000);
  // HDF5 timestamps have a resolution of one second: let the clock move past it.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  write_sample_trace(dir.file("other-name.h5"), n, 1000);
  const std::string a = read_bytes(dir.file("a.h5"));
  REQUIRE(a.size() > 1000);
  CHECK(a == read_bytes(dir.file("other-name.h5")));

  SECTION("however the events were split across append calls") {
    write_sample_trace(dir.file("one-call.h5"), n, n);
    write_sample_trace(dir.file("small-calls.h5"), n, 7);
    CHECK(a == read_bytes(dir.file("one-call.h5")));
    CHECK(a == read_bytes(dir.file("small-calls.h5")));
  }

  SECTION("and different inputs give different bytes") {
    TraceHeader h = sample_header();
    h.seed = 43;
    {
      TraceWriter w(dir.file("seed43.h5"), h);
      w.commit();
    }
    {
      TraceWriter w(dir.file("seed42.h5"), sample_header());
      w.commit();
    }
    CHECK(read_bytes(dir.file("seed42.h5")) != read_bytes(dir.file("seed43.h5")));
  }
}
