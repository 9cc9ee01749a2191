#include "core/allocator.h"

#include <cstdlib>
#include <vector>

#include <gtest/gtest.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace choral::core {
namespace {

#if defined(__GLIBC__)
// A 2 MB block (an invoice with an attached PDF) comes from the heap, not a mapping of its own,
// and its memory stays with the process once freed.
TEST(AllocatorTest, LargeFileBuffersComeFromTheHeapAndStay) {
  TuneAllocatorForLargeFiles();
  int mapped_before = mallinfo2().hblks;
  std::vector<char>* buffer = new std::vector<char>(2 << 20, 'x');
  EXPECT_EQ(mallinfo2().hblks, mapped_before);
  size_t heap_with_buffer = mallinfo2().arena;
  delete buffer;
  EXPECT_EQ(mallinfo2().arena, heap_with_buffer);
}
#endif

}  // namespace
}  // namespace choral::core
