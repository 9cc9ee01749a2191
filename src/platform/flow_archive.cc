#include "platform/flow_archive.h"

#include <archive.h>
#include <archive_entry.h>
#include <memory>

namespace choral::platform {
namespace {

using ArchivePtr = std::unique_ptr<struct archive, decltype(&archive_read_free)>;

core::Error TooLarge(const std::string& what) {
  return core::Error{core::ErrorCode::kInvalidArgument, what};
}

bool Skipped(std::string_view name) {
  size_t slash = name.rfind('/');
  std::string_view base = slash == std::string_view::npos ? name : name.substr(slash + 1);
  return name.substr(0, 9) == "__MACOSX/" || base.substr(0, 2) == "._" || base.empty();
}

}  // namespace

bool LooksLikeArchive(std::string_view bytes) {
  if (bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) return true;  // zip
  if (bytes.substr(0, 2) == "\x1f\x8b") return true;                         // gzip
  return bytes.size() > 262 && bytes.substr(257, 5) == "ustar";              // tar
}

core::Result<std::vector<FlowEntry>> SplitFlow(std::string_view bytes, std::string_view file_name,
                                               const ArchiveLimits& limits) {
  std::vector<FlowEntry> entries;
  if (!LooksLikeArchive(bytes)) {
    if (bytes.size() > limits.max_entry_bytes) {
      return core::Fail(
          TooLarge("the file is larger than " + std::to_string(limits.max_entry_bytes) + " bytes"));
    }
    entries.push_back({std::string(file_name), std::string(bytes)});
    return entries;
  }
  ArchivePtr reader(archive_read_new(), &archive_read_free);
  archive_read_support_format_zip(reader.get());
  archive_read_support_format_tar(reader.get());
  archive_read_support_filter_gzip(reader.get());
  if (archive_read_open_memory(reader.get(), bytes.data(), bytes.size()) != ARCHIVE_OK) {
    return core::Fail(
        core::ErrorCode::kMalformedInput,
        std::string("the archive cannot be read: ") + archive_error_string(reader.get()));
  }
  size_t total = 0;
  struct archive_entry* entry = nullptr;
  char buffer[64 * 1024];
  for (;;) {
    int next = archive_read_next_header(reader.get(), &entry);
    if (next == ARCHIVE_EOF) break;
    if (next != ARCHIVE_OK && next != ARCHIVE_WARN) {
      return core::Fail(core::ErrorCode::kMalformedInput, std::string("the archive is corrupt: ") +
                                                              archive_error_string(reader.get()));
    }
    const char* path = archive_entry_pathname(entry);
    std::string name = path != nullptr ? path : "";
    if (archive_entry_filetype(entry) != AE_IFREG || Skipped(name)) continue;
    if (entries.size() >= limits.max_entries) {
      return core::Fail(
          TooLarge("the archive holds more than " + std::to_string(limits.max_entries) + " files"));
    }
    FlowEntry out{name, {}};
    // The sizes the headers declare may lie: count what actually comes out.
    for (;;) {
      la_ssize_t n = archive_read_data(reader.get(), buffer, sizeof buffer);
      if (n == 0) break;
      if (n < 0) {
        return core::Fail(core::ErrorCode::kMalformedInput,
                          "the archive entry " + name +
                              " cannot be unpacked: " + archive_error_string(reader.get()));
      }
      out.bytes.append(buffer, static_cast<size_t>(n));
      total += static_cast<size_t>(n);
      if (out.bytes.size() > limits.max_entry_bytes) {
        return core::Fail(TooLarge("the archive entry " + name + " is larger than " +
                                   std::to_string(limits.max_entry_bytes) + " bytes"));
      }
      if (total > limits.max_total_bytes) {
        return core::Fail(TooLarge("the archive unpacks to more than " +
                                   std::to_string(limits.max_total_bytes) + " bytes"));
      }
      if (total > 1024 * 1024 && total / std::max<size_t>(bytes.size(), 1) > limits.max_ratio) {
        return core::Fail(TooLarge("the archive unpacks more than " +
                                   std::to_string(limits.max_ratio) +
                                   " times its size: refused as a possible zip bomb"));
      }
    }
    entries.push_back(std::move(out));
  }
  if (entries.empty()) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "the archive holds no file");
  }
  return entries;
}

}  // namespace choral::platform
