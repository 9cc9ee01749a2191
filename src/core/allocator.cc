#include "core/allocator.h"

#include <cstdlib>  // defines __GLIBC__ with glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace choral::core {

void TuneAllocatorForLargeFiles() {
#if defined(__GLIBC__)
  // Setting either turns off glibc's adaptive thresholds: both are set.
  mallopt(M_MMAP_THRESHOLD, 4 << 20);
  mallopt(M_TRIM_THRESHOLD, 16 << 20);
#endif
}

}  // namespace choral::core
