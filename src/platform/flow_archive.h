// FlowArchive: a deposited flow file split into the invoice files it holds. An archive (zip, tar,
// tar.gz: Odoo sends several invoices as .tar.gz) gives its regular files in archive order; any
// other file is one invoice itself. Archives are hostile input: the number of entries, each
// entry's size, the total unpacked and the unpacking ratio are capped, so that a zip bomb is
// refused with a clear error instead of filling memory.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace choral::platform {

struct ArchiveLimits {
  size_t max_entries = 500;                    // invoices in one flow
  size_t max_entry_bytes = 10 * 1024 * 1024;   // one invoice file, as Chorus Pro's 10 MB
  size_t max_total_bytes = 100 * 1024 * 1024;  // all of them unpacked
  // Unpacked bytes over packed bytes beyond which the archive is a bomb: XML compresses about
  // 10-20 times; a bomb thousands of times. Checked once more than 1 MB has been unpacked.
  size_t max_ratio = 200;
};

struct FlowEntry {
  std::string name;  // the path inside the archive, or the flow's file name
  std::string bytes;
};

// Whether `bytes` start like an archive this module splits (zip, gzip, tar).
bool LooksLikeArchive(std::string_view bytes);

// The invoice files of the flow. Directories, and macOS's "__MACOSX/" and "._" companions, are
// skipped. kInvalidArgument naming the limit crossed (too many entries, an entry or the whole too
// large, a suspicious ratio), or an archive without any file; kMalformedInput when the archive is
// corrupt or encrypted.
core::Result<std::vector<FlowEntry>> SplitFlow(std::string_view bytes, std::string_view file_name,
                                               const ArchiveLimits& limits = {});

}  // namespace choral::platform
