// Private to the store: BlobStore on files, for SQLite mode: data_dir/blobs/ab/cd/<sha256>.
#pragma once

#include <filesystem>
#include <string>

#include "store/blob_store.h"

namespace choral::store {

class FileBlobStore final : public BlobStore {
 public:
  // `root` is the blobs folder (data_dir/blobs); created on first Put if missing.
  explicit FileBlobStore(std::filesystem::path root) : root_(std::move(root)) {}

  core::Result<std::string> Put(std::string_view bytes) override;
  core::Result<std::string> Get(std::string_view sha256) const override;
  core::Result<bool> Exists(std::string_view sha256) const override;
  core::Status ForEach(
      const std::function<core::Status(const std::string& sha256, const std::string& bytes)>& visit)
      const override;

  // Where the blob named `sha256` lives (whether or not it exists). REQUIRES IsSha256Hex(sha256).
  std::filesystem::path PathOf(std::string_view sha256) const;

 private:
  static core::Result<std::string> ReadFile(const std::filesystem::path& path,
                                            std::string_view sha256);
  std::filesystem::path root_;
};

}  // namespace choral::store
