#pragma once
/// An allocator for the large arrays the model reads at random (host slots, task pools):
/// storage of 2 MiB or more is aligned to 2 MiB and offered to the kernel for transparent
/// huge pages (madvise), so that a random access costs fewer address-translation misses.
/// Where the kernel keeps huge pages for madvised memory only (the usual default), plain
/// allocations never get them. Smaller arrays, and systems without madvise, get ordinary
/// memory. Contents and results do not depend on it.

#include <cstddef>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace fleetsim::core {

inline constexpr std::size_t kHugePage = std::size_t{2} << 20;

template <class T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) {}

  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kHugePage) return static_cast<T*>(::operator new(bytes, std::align_val_t{alignof(T)}));
    const std::size_t rounded = whole_pages(bytes);
    void* p = ::operator new(rounded, std::align_val_t{kHugePage});
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    ::madvise(p, rounded, MADV_HUGEPAGE);  // a hint: refused or unsupported changes nothing
#endif
    return static_cast<T*>(p);
  }
  void deallocate(T* p, std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kHugePage) {
      ::operator delete(p, bytes, std::align_val_t{alignof(T)});
    } else {
      ::operator delete(p, whole_pages(bytes), std::align_val_t{kHugePage});
    }
  }
  template <class U>
  bool operator==(const HugePageAllocator<U>&) const { return true; }

 private:
  static std::size_t whole_pages(std::size_t bytes) { return (bytes + kHugePage - 1) / kHugePage * kHugePage; }
};

}  // namespace fleetsim::core
