#pragma once
/// Happens-before edges for ThreadSanitizer across oneTBB's parallel loops.
///
/// Debian's oneTBB is not built with -fsanitize=thread, so ThreadSanitizer cannot see the
/// synchronisation inside tbb::parallel_for (task hand-off, the join at its end) and
/// reports every access a worker makes to data the calling thread wrote before the loop.
/// The loops call these around their bodies: the caller releases `tsan_loop_start` before
/// the loop and acquires `tsan_loop_end` after it; each body acquires `tsan_loop_start` on
/// entry and releases `tsan_loop_end` on exit. Bodies of one loop stay unordered among
/// themselves, so real races between them are still reported.
/// Outside a ThreadSanitizer build the functions are empty.

#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
#endif

namespace fleetsim::core {

/// The two edges of every parallel loop. They are process-wide so that a loop body can
/// acquire before it reads anything, even its own captures. The price: loops of two
/// simulations running at once are ordered through them too.
inline char tsan_loop_start = 0;
inline char tsan_loop_end = 0;

/// Everything this thread did so far happens before a later acquire of `sync`.
inline void tsan_release([[maybe_unused]] void* sync) {
#if defined(__SANITIZE_THREAD__)
  __tsan_release(sync);
#endif
}

/// Everything done before a release of `sync` happens before what this thread does next.
inline void tsan_acquire([[maybe_unused]] void* sync) {
#if defined(__SANITIZE_THREAD__)
  __tsan_acquire(sync);
#endif
}

}  // namespace fleetsim::core
