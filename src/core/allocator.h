// glibc malloc settings for Choral's long-running processes (the server, the PDF worker), which
// handle files of a few megabytes one after another.
#pragma once

namespace choral::core {

// Blocks up to 4 MB come from the heap rather than from mappings of their own, and up to 16 MB
// freed at the top of the heap stay there for the next file instead of going back to the kernel
// at once (mallopt M_MMAP_THRESHOLD, M_TRIM_THRESHOLD; glibc's adaptive defaults give back the
// memory of a large invoice right after it, and the next one page-faults it in again: some 15% of
// the validation's time on the benchmark corpus). Memory stays bounded: a larger block is still
// mapped and unmapped, and the heap keeps at most 16 MB unused per arena.
// A process-wide choice, for programs (call once from main, before starting threads), never from
// a library. No effect with another C library.
void TuneAllocatorForLargeFiles();

}  // namespace choral::core
