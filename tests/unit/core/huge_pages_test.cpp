#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "sim/core/huge_pages.hpp"

using fleetsim::core::HugePageAllocator;
using fleetsim::core::kHugePage;

TEST_CASE("Huge-page allocator: large arrays are 2 MiB aligned, small ones ordinary, contents kept on growth") {
  std::vector<std::uint64_t, HugePageAllocator<std::uint64_t>> small(100);
  REQUIRE(reinterpret_cast<std::uintptr_t>(small.data()) % alignof(std::uint64_t) == 0);

  std::vector<std::uint64_t, HugePageAllocator<std::uint64_t>> v;
  v.reserve(kHugePage / sizeof(std::uint64_t));  // exactly 2 MiB
  REQUIRE(reinterpret_cast<std::uintptr_t>(v.data()) % kHugePage == 0);
  for (std::uint64_t i = 0; i < 3 * kHugePage / sizeof(std::uint64_t) + 7; ++i) v.push_back(i);  // grows past it
  REQUIRE(reinterpret_cast<std::uintptr_t>(v.data()) % kHugePage == 0);
  std::uint64_t expected = 0;
  bool in_order = true;
  for (std::uint64_t x : v) in_order = in_order && x == expected++;
  REQUIRE(in_order);
  REQUIRE(expected == 3 * kHugePage / sizeof(std::uint64_t) + 7);

  struct alignas(64) Line { std::uint64_t a[8]; };
  std::vector<Line, HugePageAllocator<Line>> lines(10);
  REQUIRE(reinterpret_cast<std::uintptr_t>(lines.data()) % 64 == 0);
}
