// SqlOutbox: table `outbox` (migrations/0003_outbox.sql).
#include "store/sql_transaction.h"

namespace choral::store {
namespace {

struct OutboxRow {
  long long id = 0, created_at = 0, sent_at = 0;
  int attempts = 0;
  std::string to, template_key, params, last_error;
  soci::indicator sent_ind = soci::i_null;
};

constexpr const char* kColumns =
    "SELECT id, recipient, template_key, params, created_at, sent_at, attempts, last_error "
    "FROM outbox ";

void BindRow(soci::details::prepare_temp_type& p, OutboxRow& r) {
  p, soci::into(r.id), soci::into(r.to), soci::into(r.template_key), soci::into(r.params),
      soci::into(r.created_at), soci::into(r.sent_at, r.sent_ind), soci::into(r.attempts),
      soci::into(r.last_error);
}

std::vector<OutboxMessage> ToMessages(const std::vector<OutboxRow>& rows) {
  std::vector<OutboxMessage> out;
  for (const OutboxRow& r : rows) {
    OutboxMessage m;
    m.id = r.id;
    m.to = r.to;
    m.template_key = r.template_key;
    m.params = r.params;
    m.created_at = FromMillis(r.created_at);
    if (r.sent_ind == soci::i_ok) m.sent_at = FromMillis(r.sent_at);
    m.attempts = r.attempts;
    m.last_error = r.last_error;
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace

core::Result<int64_t> SqlOutbox::Enqueue(const OutboxMessage& message) {
  std::string to = message.to, key = message.template_key, params = message.params;
  long long created_at = ToMillis(message.created_at);
  long long id = 0;
  auto status = GuardedWrite(ctx_, "queueing an e-mail", {}, [&] {
    ctx_.sql << "INSERT INTO outbox (recipient, template_key, params, created_at) "
                "VALUES (:r, :k, :p, :c) RETURNING id",
        soci::use(to), soci::use(key), soci::use(params), soci::use(created_at), soci::into(id);
  });
  if (!status) return core::Fail(status.error());
  return static_cast<int64_t>(id);
}

core::Result<std::vector<OutboxMessage>> SqlOutbox::Pending(int limit) {
  long long max_rows = std::max(0, limit);
  std::vector<OutboxRow> rows;
  auto status = SelectRows<OutboxRow>(
      ctx_, "reading pending e-mails",
      std::string(kColumns) + "WHERE sent_at IS NULL ORDER BY id LIMIT :limit",
      [&](soci::details::prepare_temp_type& p) { p, soci::use(max_rows); }, BindRow, rows);
  if (!status) return core::Fail(status.error());
  return ToMessages(rows);
}

core::Result<std::vector<OutboxMessage>> SqlOutbox::SentTo(const std::string& to) {
  std::string key = to;
  std::vector<OutboxRow> rows;
  auto status = SelectRows<OutboxRow>(
      ctx_, "reading e-mails", std::string(kColumns) + "WHERE recipient = :r ORDER BY id",
      [&](soci::details::prepare_temp_type& p) { p, soci::use(key); }, BindRow, rows);
  if (!status) return core::Fail(status.error());
  return ToMessages(rows);
}

core::Status SqlOutbox::MarkSent(int64_t id, core::Timestamp at) {
  long long key = id, when = ToMillis(at);
  return GuardedWrite(ctx_, "marking an e-mail sent", {}, [&] {
    ctx_.sql << "UPDATE outbox SET sent_at = :a, attempts = attempts + 1 WHERE id = :id",
        soci::use(when), soci::use(key);
  });
}

core::Status SqlOutbox::MarkFailed(int64_t id, const std::string& error) {
  long long key = id;
  std::string message = error;
  return GuardedWrite(ctx_, "recording an e-mail failure", {}, [&] {
    ctx_.sql << "UPDATE outbox SET attempts = attempts + 1, last_error = :e WHERE id = :id",
        soci::use(message), soci::use(key);
  });
}

}  // namespace choral::store
