// SqlAuditLog: tables `audit_events` and `audit_head` (migrations/0001_initial.sql).
#include "store/sql_transaction.h"

namespace choral::store {

core::Result<AuditEvent> SqlAuditLog::Append(std::string actor, std::string action,
                                             std::string subject, std::string details) {
  AuditEvent event;
  event.at = ctx_.clock.Now();
  event.actor = std::move(actor);
  event.action = std::move(action);
  event.subject = std::move(subject);
  event.details = std::move(details);
  auto status = GuardedWrite(ctx_, "appending audit event", {}, [&] {
    long long last_sequence = 0;
    // In PostgreSQL, FOR UPDATE holds the head row until commit, so two transactions cannot
    // both extend the same link (the chain never forks). SQLite has one writer: no lock needed
    // (and no FOR UPDATE syntax).
    const char* select_head = ctx_.dialect == Dialect::kPostgres
                                  ? "SELECT last_sequence, last_hash FROM audit_head WHERE id = 1 "
                                    "FOR UPDATE"
                                  : "SELECT last_sequence, last_hash FROM audit_head WHERE id = 1";
    ctx_.sql << select_head, soci::into(last_sequence), soci::into(event.previous_hash);
    if (!ctx_.sql.got_data()) throw std::runtime_error("audit_head has no row");
    event.sequence = last_sequence + 1;
    event.hash = AuditEventHash(event);
    long long sequence = event.sequence;
    long long at = ToMillis(event.at);
    ctx_.sql << "INSERT INTO audit_events (sequence, at, actor, action, subject, details, "
                "previous_hash, hash) VALUES (:s, :at, :ac, :an, :su, :d, :p, :h)",
        soci::use(sequence), soci::use(at), soci::use(event.actor), soci::use(event.action),
        soci::use(event.subject), soci::use(event.details), soci::use(event.previous_hash),
        soci::use(event.hash);
    ctx_.sql << "UPDATE audit_head SET last_sequence = :s, last_hash = :h WHERE id = 1",
        soci::use(sequence), soci::use(event.hash);
  });
  if (!status) return core::Fail(status.error());
  return event;
}

namespace {

struct AuditRow {
  long long sequence = 0, at = 0;
  std::string actor, action, subject, details, previous_hash, hash;
};

core::Result<std::vector<AuditEvent>> SelectEvents(
    SqlContext& ctx, const std::string& where,
    const std::function<void(soci::details::prepare_temp_type&)>& bind_uses) {
  std::vector<AuditRow> rows;
  auto status = SelectRows<AuditRow>(
      ctx, "listing audit events",
      "SELECT sequence, at, actor, action, subject, details, previous_hash, hash "
      "FROM audit_events " +
          where,
      bind_uses,
      [](soci::details::prepare_temp_type& p, AuditRow& r) {
        p, soci::into(r.sequence), soci::into(r.at), soci::into(r.actor), soci::into(r.action),
            soci::into(r.subject), soci::into(r.details), soci::into(r.previous_hash),
            soci::into(r.hash);
      },
      rows);
  if (!status) return core::Fail(status.error());
  std::vector<AuditEvent> events;
  events.reserve(rows.size());
  for (AuditRow& r : rows) {
    events.push_back(AuditEvent{r.sequence, FromMillis(r.at), std::move(r.actor),
                                std::move(r.action), std::move(r.subject), std::move(r.details),
                                std::move(r.previous_hash), std::move(r.hash)});
  }
  return events;
}

}  // namespace

core::Result<std::vector<AuditEvent>> SqlAuditLog::List(int64_t after_sequence, int limit) {
  long long after = after_sequence;
  int lim = limit < 0 ? 0 : limit;
  return SelectEvents(
      ctx_, "WHERE sequence > :a ORDER BY sequence LIMIT :l",
      [&](soci::details::prepare_temp_type& p) { p, soci::use(after), soci::use(lim); });
}

core::Result<std::vector<AuditEvent>> SqlAuditLog::ListBySubject(const std::string& subject,
                                                                 int limit) {
  std::string key = subject;
  int lim = limit < 0 ? 0 : limit;
  return SelectEvents(
      ctx_, "WHERE subject = :s ORDER BY sequence DESC LIMIT :l",
      [&](soci::details::prepare_temp_type& p) { p, soci::use(key), soci::use(lim); });
}

core::Result<std::pair<int64_t, std::string>> SqlAuditLog::Head() {
  long long last_sequence = 0;
  std::string last_hash;
  bool found = false;
  auto status = GuardedRead("reading the audit head", [&] {
    ctx_.sql << "SELECT last_sequence, last_hash FROM audit_head WHERE id = 1",
        soci::into(last_sequence), soci::into(last_hash);
    found = ctx_.sql.got_data();
  });
  if (!status) return core::Fail(status.error());
  if (!found) return core::Fail(core::ErrorCode::kInternal, "the audit_head row is missing");
  return std::make_pair(static_cast<int64_t>(last_sequence), last_hash);
}

}  // namespace choral::store
