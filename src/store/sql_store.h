// Private to the store: what the SQLite and PostgreSQL stores share (Read over a SqlTransaction,
// Verify).
#pragma once

#include <functional>

#include "store/sql_transaction.h"
#include "store/store.h"

namespace choral::store {

class SqlStore : public Store {
 public:
  core::Status Read(const std::function<core::Status(Transaction&)>& work) const final {
    return ReadSql([&](SqlTransaction& tx) { return work(tx); });
  }

  core::Result<VerifyReport> Verify() const final;

 protected:
  // Runs `work` in a read-only snapshot transaction on a connection of the backend's pool.
  virtual core::Status ReadSql(const std::function<core::Status(SqlTransaction&)>& work) const = 0;
  virtual const BlobStore& const_blobs() const = 0;
};

}  // namespace choral::store
