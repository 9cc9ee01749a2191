// BlobStore: immutable byte strings (uploaded PDFs, flow files, reports) named by their SHA-256.
// SQLite mode keeps them as files under data_dir/blobs/; PostgreSQL mode in the `blobs` table.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace choral::store {

// Thread-safe. Blobs are written outside any Transaction: content-addressed, so a blob whose
// referencing transaction rolled back is harmless (at worst unreferenced).
class BlobStore {
 public:
  virtual ~BlobStore() = default;

  // Stores `bytes` and returns their lowercase hex SHA-256. Idempotent: putting the same bytes
  // again returns the same name and writes nothing. Durable (fsync'd / committed) before it
  // returns. kUnavailable when the disk or database refuses.
  virtual core::Result<std::string> Put(std::string_view bytes) = 0;

  // The bytes named `sha256`. kInvalidArgument unless it is 64 lowercase hex characters (so no
  // name can reach outside the blob folder); kNotFound when no such blob exists.
  virtual core::Result<std::string> Get(std::string_view sha256) const = 0;

  // Whether a blob named `sha256` exists. kInvalidArgument as for Get.
  virtual core::Result<bool> Exists(std::string_view sha256) const = 0;

  // Calls `visit(sha256, bytes)` for every stored blob, one at a time, in no particular order;
  // stops at and returns the first error `visit` returns. For Store::Verify.
  virtual core::Status ForEach(
      const std::function<core::Status(const std::string& sha256, const std::string& bytes)>& visit)
      const = 0;
};

}  // namespace choral::store
