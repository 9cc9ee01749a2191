#include "store/sql_transaction.h"

namespace choral::store {

core::Status GuardedRead(std::string_view what, const std::function<void()>& run) {
  try {
    run();
    return core::Ok();
  } catch (...) {
    return core::Fail(CurrentExceptionToError(what));
  }
}

core::Status GuardedWrite(SqlContext& ctx, std::string_view what,
                          const ConstraintMessages& messages, const std::function<void()>& run) {
  if (ctx.read_only) {
    return core::Fail(core::ErrorCode::kInternal,
                      std::string(what) + ": not allowed inside a read-only transaction");
  }
  const bool savepoint = ctx.dialect == Dialect::kPostgres;
  try {
    if (savepoint) ctx.sql << "SAVEPOINT choral_statement";
    run();
    if (savepoint) ctx.sql << "RELEASE SAVEPOINT choral_statement";
    return core::Ok();
  } catch (...) {
    core::Error error = CurrentExceptionToError(what, messages);
    if (savepoint) {
      try {
        ctx.sql << "ROLLBACK TO SAVEPOINT choral_statement";
        ctx.sql << "RELEASE SAVEPOINT choral_statement";
      } catch (...) {
        // The connection is gone or the transaction is beyond saving: the caller gets the
        // original error and the whole transaction will roll back.
      }
    }
    return core::Fail(std::move(error));
  }
}

std::string ContainsPattern(std::string_view text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

}  // namespace choral::store
