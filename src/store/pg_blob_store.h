// Private to the store: BlobStore in PostgreSQL's `blobs` table, so every `choral serve` behind a
// load balancer sees the same blobs.
#pragma once

#include "store/blob_store.h"
#include "store/session_pool.h"

namespace choral::store {

class PgBlobStore final : public BlobStore {
 public:
  // Uses sessions from `pool` (a pool of its own, so a Put inside a Write callback cannot wait
  // for the session that callback holds). `pool` must outlive this object.
  explicit PgBlobStore(const SessionPool& pool) : pool_(pool) {}

  core::Result<std::string> Put(std::string_view bytes) override;
  core::Result<std::string> Get(std::string_view sha256) const override;
  core::Result<bool> Exists(std::string_view sha256) const override;
  core::Status ForEach(
      const std::function<core::Status(const std::string& sha256, const std::string& bytes)>& visit)
      const override;

 private:
  const SessionPool& pool_;
};

}  // namespace choral::store
