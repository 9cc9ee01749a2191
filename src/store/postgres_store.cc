// The PostgreSQL store (DESIGN.md, Storage): a pool of connections, one transaction per Write or
// Read on a connection of its own; blobs in the database.
#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>

#include "store/backends.h"
#include "store/migrations.h"
#include "store/pg_blob_store.h"
#include "store/session_pool.h"
#include "store/sql_store.h"

namespace choral::store {
namespace {

constexpr int kBlobConnections = 2;

PGconn* ConnectionOf(soci::session& sql) {
  return static_cast<soci::postgresql_session_backend*>(sql.get_backend())->conn_;
}

bool Healthy(soci::session& sql) { return PQstatus(ConnectionOf(sql)) == CONNECTION_OK; }

// "host:port" and the password of a postgresql:// URL, for messages that name the server but
// never the password.
struct UrlParts {
  std::string where;
  std::string password;
};

UrlParts Describe(const std::string& url) {
  UrlParts parts;
  std::string_view rest = url;
  if (size_t scheme = rest.find("://"); scheme != std::string_view::npos) {
    rest.remove_prefix(scheme + 3);
  }
  rest = rest.substr(0, rest.find_first_of("/?"));
  if (size_t at = rest.rfind('@'); at != std::string_view::npos) {
    std::string_view user_info = rest.substr(0, at);
    if (size_t colon = user_info.find(':'); colon != std::string_view::npos) {
      parts.password = std::string(user_info.substr(colon + 1));
    }
    rest.remove_prefix(at + 1);
  }
  std::string host(rest.empty() ? "localhost" : rest);
  bool has_port = host.find(':') != std::string::npos && host.back() != ']';
  parts.where = has_port ? host : host + ":5432";
  return parts;
}

std::string Redact(std::string text, const std::string& password) {
  if (password.empty()) return text;
  for (size_t at = text.find(password); at != std::string::npos; at = text.find(password, at)) {
    text.replace(at, password.size(), "***");
  }
  return text;
}

}  // namespace

core::Result<std::string> PostgresConninfo(const std::string& url) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (options == nullptr) {
    std::string reason = error != nullptr ? OneLine(error) : "out of memory";
    if (error != nullptr) PQfreemem(error);
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      Redact("database_url is not a PostgreSQL URL libpq understands: " + reason,
                             Describe(url).password));
  }
  std::string conninfo;
  for (PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
    if (option->val == nullptr) continue;
    std::string value;
    for (const char* c = option->val; *c != '\0'; ++c) {
      if (*c == '\\' || *c == '\'') value += '\\';
      value += *c;
    }
    if (!conninfo.empty()) conninfo += ' ';
    conninfo += std::string(option->keyword) + "='" + value + "'";
  }
  PQconninfoFree(options);
  return conninfo;
}

namespace {

class PostgresStore final : public SqlStore {
 public:
  PostgresStore(std::unique_ptr<SessionPool> pool, std::unique_ptr<SessionPool> blob_pool,
                const core::Clock& clock)
      : pool_(std::move(pool)),
        blob_pool_(std::move(blob_pool)),
        blobs_(*blob_pool_),
        clock_(clock) {}

  core::Status Write(const std::function<core::Status(Transaction&)>& work) override {
    return Run("BEGIN", /*read_only=*/false, [&](SqlTransaction& tx) { return work(tx); });
  }

  BlobStore& blobs() override { return blobs_; }
  std::string_view backend_name() const override { return "postgresql"; }

 protected:
  core::Status ReadSql(const std::function<core::Status(SqlTransaction&)>& work) const override {
    // REPEATABLE READ: one snapshot for the whole callback, as SQLite's WAL readers get.
    return Run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", /*read_only=*/true, work);
  }

  const BlobStore& const_blobs() const override { return blobs_; }

 private:
  core::Status Run(const char* begin, bool read_only,
                   const std::function<core::Status(SqlTransaction&)>& work) const {
    auto lease = pool_->Acquire();
    if (!lease) return core::Fail(lease.error());
    soci::session& sql = **lease;
    try {
      sql << begin;
    } catch (...) {
      lease->MarkSuspect();
      return core::Fail(CurrentExceptionToError("starting a transaction"));
    }
    core::Status result;
    try {
      SqlTransaction tx(sql, Dialect::kPostgres, read_only, clock_);
      result = work(tx);
    } catch (...) {
      result = core::Fail(CurrentExceptionToError("transaction"));
    }
    // PostgreSQL answers COMMIT of a transaction aborted by a failed statement with a silent
    // ROLLBACK: look before committing, or a lost write would be reported as done.
    if (result && PQtransactionStatus(ConnectionOf(sql)) == PQTRANS_INERROR) {
      result = core::Fail(core::ErrorCode::kInternal,
                          "the transaction was aborted by a failed statement; nothing was saved");
    }
    try {
      sql << (result ? "COMMIT" : "ROLLBACK");
      return result;
    } catch (...) {
      lease->MarkSuspect();
      core::Error error = CurrentExceptionToError(result ? "committing" : "rolling back");
      try {
        sql << "ROLLBACK";
      } catch (...) {
        // The connection is gone; the server rolls back on its own.
      }
      return result ? core::Fail(std::move(error)) : result;
    }
  }

  std::unique_ptr<SessionPool> pool_;
  std::unique_ptr<SessionPool> blob_pool_;
  PgBlobStore blobs_;
  const core::Clock& clock_;
};

}  // namespace

core::Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url, int connections,
                                                       const core::Clock& clock) {
  const UrlParts parts = Describe(url);
  auto conninfo = PostgresConninfo(url);
  if (!conninfo) return core::Fail(conninfo.error());
  auto connect = [info = *conninfo] {
    return std::make_unique<soci::session>(soci::postgresql, info);
  };
  auto open = [&](int count) -> core::Result<std::vector<std::unique_ptr<soci::session>>> {
    std::vector<std::unique_ptr<soci::session>> sessions;
    try {
      for (int i = 0; i < count; ++i) sessions.push_back(connect());
    } catch (const soci::soci_error& e) {
      std::string reason = OneLine(e.get_error_message());
      // SOCI prefixes libpq's reason with its own sentence; keep only libpq's.
      const std::string prefix = "Cannot establish connection to the database.";
      if (reason.starts_with(prefix)) reason = OneLine(reason.substr(prefix.size()));
      return core::Fail(
          core::ErrorCode::kUnavailable,
          Redact("cannot connect to PostgreSQL at " + parts.where + ": " + reason, parts.password));
    } catch (const std::exception& e) {
      return core::Fail(
          core::ErrorCode::kUnavailable,
          Redact("cannot connect to PostgreSQL at " + parts.where + ": " + OneLine(e.what()),
                 parts.password));
    }
    return sessions;
  };
  auto sessions = open(std::max(1, connections));
  if (!sessions) return core::Fail(sessions.error());
  if (auto migrated = Migrate(*sessions->front(), Dialect::kPostgres, clock); !migrated) {
    core::Error error = migrated.error();
    error.message = Redact(error.message, parts.password);
    return core::Fail(std::move(error));
  }
  auto blob_sessions = open(kBlobConnections);
  if (!blob_sessions) return core::Fail(blob_sessions.error());
  auto pool = std::make_unique<SessionPool>(std::move(*sessions), connect, Healthy);
  auto blob_pool = std::make_unique<SessionPool>(std::move(*blob_sessions), connect, Healthy);
  return std::unique_ptr<Store>(
      std::make_unique<PostgresStore>(std::move(pool), std::move(blob_pool), clock));
}

}  // namespace choral::store
