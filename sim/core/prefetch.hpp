#pragma once
/// A cache hint that the compiler keeps. GCC finds a function whose only effects are
/// __builtin_prefetch calls to be pure, and then deletes every call to it (its result is
/// unused): a helper such as "prefetch this event's task" silently compiled to nothing.
/// The empty asm statement that takes the address is an effect no optimiser may remove,
/// so a helper made of these hints stays, and so do its prefetches. No effect on results.

namespace fleetsim::core {

inline void prefetch(const void* p) {
  __builtin_prefetch(p);
  asm volatile("" : : "r"(p));
}

}  // namespace fleetsim::core
