// SqlDepositDraftRepository: table `deposit_drafts` (migrations/0008_deposit_drafts.sql).
#include "store/sql_transaction.h"

namespace choral::store {

core::Result<int64_t> SqlDepositDraftRepository::Insert(const DepositDraft& draft) {
  long long user = draft.user_id.value(), supplier = draft.supplier_id.value();
  long long created_at = ToMillis(draft.created_at);
  std::string sha256 = draft.pdf_sha256, file_name = draft.file_name;
  long long id = 0;
  auto status = GuardedWrite(
      ctx_, "keeping an uploaded PDF", {"", "the user or the supplier structure does not exist"},
      [&] {
        ctx_.sql << "INSERT INTO deposit_drafts (user_id, supplier_id, pdf_sha256, file_name, "
                    "created_at) VALUES (:u, :s, :h, :f, :t) RETURNING id",
            soci::use(user), soci::use(supplier), soci::use(sha256), soci::use(file_name),
            soci::use(created_at), soci::into(id);
      });
  if (!status) return core::Fail(status.error());
  return static_cast<int64_t>(id);
}

core::Result<DepositDraft> SqlDepositDraftRepository::Get(int64_t id) {
  long long key = id, user = 0, supplier = 0, created_at = 0;
  std::string sha256, file_name;
  bool found = false;
  auto status = GuardedRead("reading an uploaded PDF", [&] {
    ctx_.sql << "SELECT user_id, supplier_id, pdf_sha256, file_name, created_at "
                "FROM deposit_drafts WHERE id = :id",
        soci::use(key), soci::into(user), soci::into(supplier), soci::into(sha256),
        soci::into(file_name), soci::into(created_at);
    found = ctx_.sql.got_data();
  });
  if (!status) return core::Fail(status.error());
  if (!found) return NotFound("uploaded PDF", key);
  return DepositDraft{id,     core::UserId(user), core::StructureId(supplier),
                      sha256, file_name,          FromMillis(created_at)};
}

core::Status SqlDepositDraftRepository::Delete(int64_t id) {
  long long key = id;
  return GuardedWrite(ctx_, "removing an uploaded PDF", {}, [&] {
    ctx_.sql << "DELETE FROM deposit_drafts WHERE id = :id", soci::use(key);
  });
}

core::Result<int64_t> SqlDepositDraftRepository::DeleteCreatedBefore(core::Timestamp cutoff) {
  long long before = ToMillis(cutoff);
  int64_t removed = 0;
  auto status = GuardedWrite(ctx_, "removing old uploaded PDFs", {}, [&] {
    soci::statement statement =
        (ctx_.sql.prepare << "DELETE FROM deposit_drafts WHERE created_at < :t", soci::use(before));
    statement.execute(true);
    removed = statement.get_affected_rows();
  });
  if (!status) return core::Fail(status.error());
  return removed;
}

}  // namespace choral::store
