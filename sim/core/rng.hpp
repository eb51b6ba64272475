#pragma once
/// Random streams keyed by identity.
///
/// A stream is a small-state generator (xoroshiro128++, 16 bytes) whose state is a
/// hash of (scenario seed, purpose, entity). A draw therefore depends only on who draws
/// and for what, never on what other entities did: two scenarios that differ in a
/// policy see the same failures (common random numbers), and partitioning or thread
/// count cannot change any number. Millions of entities can each own a stream.
/// Distributions come from Boost.Random, whose algorithms are fixed across platforms.

#include <cstdint>
#include <limits>
#include <string_view>

namespace fleetsim::core {

/// SplitMix64 finaliser: a bijective 64-bit mixer with full avalanche.
constexpr std::uint64_t mix64(std::uint64_t z) {
  z += 0x9e3779b97f4a7c15ull;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

/// FNV-1a of a purpose name, so purposes are written as readable strings.
constexpr std::uint64_t purpose_id(std::string_view name) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ull;
  }
  return h;
}

/// xoroshiro128++ (Blackman & Vigna 2019); a UniformRandomBitGenerator for Boost.Random.
class Rng {
 public:
  using result_type = std::uint64_t;
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }

  Rng() : Rng(0, 0, 0) {}
  /// The stream of `entity` for `purpose` under `seed`.
  constexpr Rng(std::uint64_t seed, std::uint64_t purpose, std::uint64_t entity) {
    const std::uint64_t k = mix64(mix64(mix64(seed) ^ purpose) ^ entity);
    s0_ = mix64(k);
    s1_ = mix64(k ^ 0x6a09e667f3bcc909ull);
    if ((s0_ | s1_) == 0) s1_ = 1;  // the all-zero state is the one fixed point
  }

  constexpr result_type operator()() {
    const std::uint64_t a = s0_;
    std::uint64_t b = s1_;
    const std::uint64_t r = rotl(a + b, 17) + a;
    b ^= a;
    s0_ = rotl(a, 49) ^ b ^ (b << 21);
    s1_ = rotl(b, 28);
    return r;
  }

  /// Uniform double in [0, 1) with 53 random bits.
  double uniform01() { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }

  /// Uniform double in (0, 1]: safe under log().
  double uniform01_open0() { return static_cast<double>(((*this)() >> 11) + 1) * 0x1.0p-53; }

  bool operator==(const Rng&) const = default;

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
  }
  std::uint64_t s0_ = 0;
  std::uint64_t s1_ = 0;
};

}  // namespace fleetsim::core
