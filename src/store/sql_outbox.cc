// SqlOutbox: table `outbox` (migrations/0003_outbox.sql, 0006_mail_delivery.sql) and
// `notification_reads` (0006).
#include "store/sql_transaction.h"

namespace choral::store {
namespace {

struct OutboxRow {
  long long id = 0, created_at = 0, sent_at = 0, next_attempt_at = 0, abandoned_at = 0;
  int attempts = 0;
  std::string to, template_key, params, last_error;
  soci::indicator sent_ind = soci::i_null, abandoned_ind = soci::i_null;
};

constexpr const char* kColumns =
    "SELECT id, recipient, template_key, params, created_at, sent_at, attempts, last_error, "
    "next_attempt_at, abandoned_at FROM outbox ";

constexpr const char* kDue =
    "WHERE sent_at IS NULL AND abandoned_at IS NULL AND next_attempt_at <= :now "
    "ORDER BY id LIMIT :limit";

void BindRow(soci::details::prepare_temp_type& p, OutboxRow& r) {
  p, soci::into(r.id), soci::into(r.to), soci::into(r.template_key), soci::into(r.params),
      soci::into(r.created_at), soci::into(r.sent_at, r.sent_ind), soci::into(r.attempts),
      soci::into(r.last_error), soci::into(r.next_attempt_at),
      soci::into(r.abandoned_at, r.abandoned_ind);
}

OutboxMessage ToMessage(const OutboxRow& r) {
  OutboxMessage m;
  m.id = r.id;
  m.to = r.to;
  m.template_key = r.template_key;
  m.params = r.params;
  m.created_at = FromMillis(r.created_at);
  if (r.sent_ind == soci::i_ok) m.sent_at = FromMillis(r.sent_at);
  m.attempts = r.attempts;
  m.last_error = r.last_error;
  m.next_attempt_at = FromMillis(r.next_attempt_at);
  if (r.abandoned_ind == soci::i_ok) m.abandoned_at = FromMillis(r.abandoned_at);
  return m;
}

std::vector<OutboxMessage> ToMessages(const std::vector<OutboxRow>& rows) {
  std::vector<OutboxMessage> out;
  out.reserve(rows.size());
  for (const OutboxRow& r : rows) out.push_back(ToMessage(r));
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
      std::string(kColumns) +
          "WHERE sent_at IS NULL AND abandoned_at IS NULL ORDER BY id LIMIT :limit",
      [&](soci::details::prepare_temp_type& p) { p, soci::use(max_rows); }, BindRow, rows);
  if (!status) return core::Fail(status.error());
  return ToMessages(rows);
}

core::Result<std::vector<OutboxMessage>> SqlOutbox::Claim(core::Timestamp now,
                                                          core::Timestamp lease_until, int limit) {
  long long at = ToMillis(now), lease = ToMillis(lease_until), max_rows = std::max(0, limit);
  // SQLite has one writer at a time (and no FOR UPDATE): the write transaction is the lock.
  std::string query = std::string(kColumns) + kDue;
  if (ctx_.dialect == Dialect::kPostgres) query += " FOR UPDATE SKIP LOCKED";
  std::vector<OutboxRow> rows;
  auto status = GuardedWrite(ctx_, "claiming e-mails to send", {}, [&] {
    OutboxRow row;
    soci::details::prepare_temp_type prepared = (ctx_.sql.prepare << query);
    BindRow(prepared, row);
    prepared, soci::use(at), soci::use(max_rows);
    soci::statement select(prepared);
    select.execute();
    while (select.fetch()) rows.push_back(row);
    for (OutboxRow& claimed : rows) {
      ctx_.sql << "UPDATE outbox SET next_attempt_at = :lease WHERE id = :id", soci::use(lease),
          soci::use(claimed.id);
      claimed.next_attempt_at = lease;
    }
  });
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

core::Result<std::vector<OutboxMessage>> SqlOutbox::Latest(const std::string& to, int limit) {
  std::string key = to;
  long long max_rows = std::max(0, limit);
  std::vector<OutboxRow> rows;
  auto status = SelectRows<OutboxRow>(
      ctx_, "reading notifications",
      std::string(kColumns) + "WHERE recipient = :r ORDER BY id DESC LIMIT :limit",
      [&](soci::details::prepare_temp_type& p) { p, soci::use(key), soci::use(max_rows); }, BindRow,
      rows);
  if (!status) return core::Fail(status.error());
  return ToMessages(rows);
}

core::Result<int64_t> SqlOutbox::CountAfter(const std::string& to, int64_t after_id) {
  std::string key = to;
  long long after = after_id, count = 0;
  auto status = GuardedRead("counting unread notifications", [&] {
    ctx_.sql << "SELECT COUNT(*) FROM outbox WHERE recipient = :r AND id > :after", soci::use(key),
        soci::use(after), soci::into(count);
  });
  if (!status) return core::Fail(status.error());
  return static_cast<int64_t>(count);
}

core::Status SqlOutbox::MarkSent(int64_t id, core::Timestamp at) {
  long long key = id, when = ToMillis(at);
  return GuardedWrite(ctx_, "marking an e-mail sent", {}, [&] {
    ctx_.sql << "UPDATE outbox SET sent_at = :a, attempts = attempts + 1 WHERE id = :id",
        soci::use(when), soci::use(key);
  });
}

core::Status SqlOutbox::MarkFailed(int64_t id, const std::string& error, core::Timestamp retry_at) {
  long long key = id, retry = ToMillis(retry_at);
  std::string message = error;
  return GuardedWrite(ctx_, "recording an e-mail failure", {}, [&] {
    ctx_.sql << "UPDATE outbox SET attempts = attempts + 1, last_error = :e, "
                "next_attempt_at = :n WHERE id = :id",
        soci::use(message), soci::use(retry), soci::use(key);
  });
}

core::Status SqlOutbox::Abandon(int64_t id, const std::string& error, core::Timestamp at) {
  long long key = id, when = ToMillis(at);
  std::string message = error;
  return GuardedWrite(ctx_, "giving up an e-mail", {}, [&] {
    ctx_.sql << "UPDATE outbox SET attempts = attempts + 1, last_error = :e, "
                "abandoned_at = :a WHERE id = :id",
        soci::use(message), soci::use(when), soci::use(key);
  });
}

core::Result<int64_t> SqlOutbox::SeenUpTo(core::UserId user) {
  long long key = user.value(), seen = 0;
  soci::indicator found = soci::i_null;
  auto status = GuardedRead("reading the notifications read mark", [&] {
    ctx_.sql << "SELECT seen_up_to FROM notification_reads WHERE user_id = :u", soci::use(key),
        soci::into(seen, found);
  });
  if (!status) return core::Fail(status.error());
  return found == soci::i_ok && ctx_.sql.got_data() ? static_cast<int64_t>(seen) : 0;
}

core::Status SqlOutbox::MarkSeen(core::UserId user, int64_t message_id) {
  long long key = user.value(), seen = message_id;
  return GuardedWrite(ctx_, "marking notifications read", {}, [&] {
    ctx_.sql << "INSERT INTO notification_reads (user_id, seen_up_to) VALUES (:u, :s) "
                "ON CONFLICT (user_id) DO UPDATE SET seen_up_to = CASE "
                "WHEN excluded.seen_up_to > notification_reads.seen_up_to "
                "THEN excluded.seen_up_to ELSE notification_reads.seen_up_to END",
        soci::use(key), soci::use(seen);
  });
}

}  // namespace choral::store
