// SqlSessionRepository: table `sessions` (migrations/0001_initial.sql).
#include "store/sql_transaction.h"

namespace choral::store {

core::Status SqlSessionRepository::Insert(const accounts::Session& session) {
  std::string token_hash = session.token_hash;
  std::string csrf = session.csrf_token;
  long long user_id = session.user_id.value();
  long long created_at = ToMillis(session.created_at);
  long long expires_at = ToMillis(session.expires_at);
  return GuardedWrite(
      ctx_, "inserting session",
      {"a session with this token already exists",
       "user " + std::to_string(user_id) + " does not exist"},
      [&] {
        ctx_.sql << "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, "
                    "expires_at) VALUES (:t, :u, :c, :cr, :e)",
            soci::use(token_hash), soci::use(user_id), soci::use(csrf), soci::use(created_at),
            soci::use(expires_at);
      });
}

core::Result<std::optional<accounts::Session>> SqlSessionRepository::Find(
    std::string_view token_hash) {
  std::string key(token_hash);
  std::string csrf;
  long long user_id = 0, created_at = 0, expires_at = 0;
  bool found = false;
  auto status = GuardedRead("finding session", [&] {
    soci::statement st =
        (ctx_.sql.prepare << "SELECT user_id, csrf_token, created_at, expires_at FROM sessions "
                             "WHERE token_hash = :t",
         soci::into(user_id), soci::into(csrf), soci::into(created_at), soci::into(expires_at),
         soci::use(key));
    found = st.execute(true);
  });
  if (!status) return core::Fail(status.error());
  if (!found) return std::optional<accounts::Session>();
  accounts::Session session;
  session.token_hash = key;
  session.user_id = core::UserId(user_id);
  session.csrf_token = csrf;
  session.created_at = FromMillis(created_at);
  session.expires_at = FromMillis(expires_at);
  return std::optional<accounts::Session>(std::move(session));
}

core::Status SqlSessionRepository::Delete(std::string_view token_hash) {
  std::string key(token_hash);
  return GuardedWrite(ctx_, "deleting session", {}, [&] {
    ctx_.sql << "DELETE FROM sessions WHERE token_hash = :t", soci::use(key);
  });
}

core::Result<int64_t> SqlSessionRepository::DeleteExpired(core::Timestamp now) {
  long long cutoff = ToMillis(now);
  long long deleted = 0;
  auto status = GuardedWrite(ctx_, "deleting expired sessions", {}, [&] {
    soci::statement st =
        (ctx_.sql.prepare << "DELETE FROM sessions WHERE expires_at <= :n", soci::use(cutoff));
    st.execute(true);
    deleted = st.get_affected_rows();
  });
  if (!status) return core::Fail(status.error());
  return static_cast<int64_t>(deleted);
}

core::Result<int64_t> SqlSessionRepository::DeleteByUser(core::UserId user) {
  long long user_id = user.value();
  long long deleted = 0;
  auto status = GuardedWrite(ctx_, "deleting a user's sessions", {}, [&] {
    soci::statement st =
        (ctx_.sql.prepare << "DELETE FROM sessions WHERE user_id = :u", soci::use(user_id));
    st.execute(true);
    deleted = st.get_affected_rows();
  });
  if (!status) return core::Fail(status.error());
  return static_cast<int64_t>(deleted);
}

}  // namespace choral::store
