// SqlJobQueue: table `jobs` (migrations/0012_flows.sql). Claims follow SqlOutbox::Claim.
#include "store/sql_transaction.h"

namespace choral::store {
namespace {

struct JobRow {
  long long id = 0, lease_until = 0, created_at = 0, finished_at = 0;
  int attempts = 0;
  std::string kind, payload, state, last_error;
  soci::indicator finished_ind = soci::i_null;
};

constexpr const char* kColumns =
    "SELECT id, kind, payload, state, attempts, lease_until, last_error, created_at, finished_at "
    "FROM jobs ";

void BindRow(soci::details::prepare_temp_type& p, JobRow& r) {
  p, soci::into(r.id), soci::into(r.kind), soci::into(r.payload), soci::into(r.state),
      soci::into(r.attempts), soci::into(r.lease_until), soci::into(r.last_error),
      soci::into(r.created_at), soci::into(r.finished_at, r.finished_ind);
}

Job ToJob(const JobRow& r) {
  Job j;
  j.id = r.id;
  j.kind = r.kind;
  j.payload = r.payload;
  j.state = r.state;
  j.attempts = r.attempts;
  j.lease_until = FromMillis(r.lease_until);
  j.last_error = r.last_error;
  j.created_at = FromMillis(r.created_at);
  if (r.finished_ind == soci::i_ok) j.finished_at = FromMillis(r.finished_at);
  return j;
}

}  // namespace

core::Result<int64_t> SqlJobQueue::Enqueue(std::string_view kind, std::string_view payload,
                                           core::Timestamp now) {
  std::string k(kind), p(payload);
  long long created = ToMillis(now), id = 0;
  auto status = GuardedWrite(ctx_, "queueing a job", {}, [&] {
    ctx_.sql << "INSERT INTO jobs (kind, payload, state, created_at) "
                "VALUES (:k, :p, 'pending', :c) RETURNING id",
        soci::use(k), soci::use(p), soci::use(created), soci::into(id);
  });
  if (!status) return core::Fail(status.error());
  return static_cast<int64_t>(id);
}

core::Result<std::vector<Job>> SqlJobQueue::Claim(std::string_view kind, core::Timestamp now,
                                                  core::Timestamp lease_until, int limit) {
  std::string k(kind);
  long long at = ToMillis(now), lease = ToMillis(lease_until), max_rows = std::max(0, limit);
  std::string query = std::string(kColumns) +
                      "WHERE kind = :k AND state = 'pending' AND lease_until <= :now "
                      "ORDER BY id LIMIT :limit";
  // SQLite has one writer at a time (and no FOR UPDATE): the write transaction is the lock.
  if (ctx_.dialect == Dialect::kPostgres) query += " FOR UPDATE SKIP LOCKED";
  std::vector<JobRow> rows;
  auto status = GuardedWrite(ctx_, "claiming jobs", {}, [&] {
    JobRow row;
    soci::details::prepare_temp_type prepared = (ctx_.sql.prepare << query);
    BindRow(prepared, row);
    prepared, soci::use(k), soci::use(at), soci::use(max_rows);
    soci::statement select(prepared);
    select.execute();
    while (select.fetch()) rows.push_back(row);
    for (JobRow& claimed : rows) {
      ctx_.sql << "UPDATE jobs SET lease_until = :lease, attempts = attempts + 1 WHERE id = :id",
          soci::use(lease), soci::use(claimed.id);
      claimed.lease_until = lease;
      ++claimed.attempts;
    }
  });
  if (!status) return core::Fail(status.error());
  std::vector<Job> out;
  out.reserve(rows.size());
  for (const JobRow& r : rows) out.push_back(ToJob(r));
  return out;
}

core::Result<Job> SqlJobQueue::Get(int64_t id) {
  long long key = id;
  std::vector<JobRow> rows;
  auto status = SelectRows<JobRow>(
      ctx_, "reading a job", std::string(kColumns) + "WHERE id = :id",
      [&](soci::details::prepare_temp_type& p) { p, soci::use(key); }, BindRow, rows);
  if (!status) return core::Fail(status.error());
  if (rows.empty()) return NotFound("job", key);
  return ToJob(rows.front());
}

core::Status SqlJobQueue::Complete(int64_t id, core::Timestamp at) {
  long long key = id, when = ToMillis(at);
  return GuardedWrite(ctx_, "completing a job", {}, [&] {
    ctx_.sql << "UPDATE jobs SET state = 'done', finished_at = :a WHERE id = :id", soci::use(when),
        soci::use(key);
  });
}

core::Status SqlJobQueue::Retry(int64_t id, std::string_view error, core::Timestamp retry_at) {
  long long key = id, when = ToMillis(retry_at);
  std::string why(error);
  return GuardedWrite(ctx_, "postponing a job", {}, [&] {
    ctx_.sql << "UPDATE jobs SET last_error = :e, lease_until = :r WHERE id = :id", soci::use(why),
        soci::use(when), soci::use(key);
  });
}

core::Status SqlJobQueue::Abandon(int64_t id, std::string_view error, core::Timestamp at) {
  long long key = id, when = ToMillis(at);
  std::string why(error);
  return GuardedWrite(ctx_, "giving up a job", {}, [&] {
    ctx_.sql << "UPDATE jobs SET state = 'failed', last_error = :e, finished_at = :a "
                "WHERE id = :id",
        soci::use(why), soci::use(when), soci::use(key);
  });
}

}  // namespace choral::store
