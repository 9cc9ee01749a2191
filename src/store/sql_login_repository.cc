// SqlLoginRepository: table `user_logins` (migrations/0010_managers.sql).
#include "store/sql_transaction.h"

namespace choral::store {

core::Status SqlLoginRepository::Record(core::UserId user, core::Timestamp at) {
  long long key = user.value(), millis = ToMillis(at);
  return GuardedWrite(ctx_, "recording a login",
                      {"", "user " + std::to_string(key) + " does not exist"}, [&] {
                        ctx_.sql << "INSERT INTO user_logins (user_id, last_login_at) "
                                    "VALUES (:u, :t) ON CONFLICT (user_id) "
                                    "DO UPDATE SET last_login_at = excluded.last_login_at",
                            soci::use(key), soci::use(millis);
                      });
}

core::Result<std::optional<core::Timestamp>> SqlLoginRepository::Last(core::UserId user) {
  long long key = user.value();
  std::vector<long long> rows;
  auto status = SelectRows<long long>(
      ctx_, "reading a last login", "SELECT last_login_at FROM user_logins WHERE user_id = :u",
      [&](soci::details::prepare_temp_type& p) { p, soci::use(key); },
      [](soci::details::prepare_temp_type& p, long long& r) { p, soci::into(r); }, rows);
  if (!status) return core::Fail(status.error());
  if (rows.empty()) return std::optional<core::Timestamp>();
  return std::optional<core::Timestamp>(FromMillis(rows.front()));
}

}  // namespace choral::store
