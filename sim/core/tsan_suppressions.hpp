#pragma once
/// The ThreadSanitizer suppressions of fleetsim's executables. Include it from exactly one
/// file of each executable (its main): the runtime looks the function up by name.

#if defined(__SANITIZE_THREAD__)
// ThreadSanitizer builds: oneTBB's own task and range objects are handed between worker
// threads by synchronisation inside the uninstrumented libtbb, invisible to the sanitizer.
// Reports whose innermost frame is TBB code, or that pass through TBB's join counters and
// task tree (which never call fleetsim code), are those hand-offs; reports in fleetsim code
// stay on (sim/core/tsan.hpp makes the loops' own edges visible).
extern "C" const char* __tsan_default_suppressions() {
  return "race_top:tbb::detail::\n"           // TBB's task and range objects
         "race_top:/oneapi/tbb/\n"             // the same, named by their header
         "race:tbb::detail::d1::wait_context\n"  // TBB's join counters
         "race:tbb::detail::d1::tree_node\n"
         "race:tbb::detail::d1::node::\n"
         "race:tbb::detail::d1::fold_tree\n"
         "race:tbb::detail::d1::small_object_allocator\n"
         // Open MPI's TCP transport takes its own two locks in both orders while ranks
         // connect and leave (inside the uninstrumented mca_btl_tcp plugin, no fleetsim frame).
         "deadlock:mca_btl_tcp.so\n";
}
#endif
