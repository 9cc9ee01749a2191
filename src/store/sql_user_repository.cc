// SqlUserRepository: table `users` (migrations/0001_initial.sql).
#include "store/sql_transaction.h"

namespace choral::store {
namespace {

using accounts::User;

struct UserRow {
  long long id = 0, created_at = 0;
  std::string email, first_name, last_name, password_hash;
  int active = 0, platform_admin = 0;
};

UserRow ToRow(const User& u) {
  UserRow r;
  r.id = u.id.value();
  r.email = u.email;
  r.first_name = u.first_name;
  r.last_name = u.last_name;
  r.password_hash = u.password_hash;
  r.active = u.active;
  r.platform_admin = u.platform_admin;
  r.created_at = ToMillis(u.created_at);
  return r;
}

User FromRow(const UserRow& r) {
  User u;
  u.id = core::UserId(r.id);
  u.email = r.email;
  u.first_name = r.first_name;
  u.last_name = r.last_name;
  u.password_hash = r.password_hash;
  u.active = r.active != 0;
  u.platform_admin = r.platform_admin != 0;
  u.created_at = FromMillis(r.created_at);
  return u;
}

constexpr std::string_view kSelect =
    "SELECT id, email, first_name, last_name, password_hash, active, platform_admin, created_at "
    "FROM users ";

void BindInto(soci::details::prepare_temp_type& p, UserRow& r) {
  p, soci::into(r.id), soci::into(r.email), soci::into(r.first_name), soci::into(r.last_name),
      soci::into(r.password_hash), soci::into(r.active), soci::into(r.platform_admin),
      soci::into(r.created_at);
}

core::Result<std::optional<User>> SelectOne(
    SqlContext& ctx, std::string_view what, const std::string& where,
    const std::function<void(soci::details::prepare_temp_type&)>& bind_uses) {
  std::vector<UserRow> rows;
  auto status =
      SelectRows<UserRow>(ctx, what, std::string(kSelect) + where, bind_uses, BindInto, rows);
  if (!status) return core::Fail(status.error());
  if (rows.empty()) return std::optional<User>();
  return std::optional<User>(FromRow(rows.front()));
}

ConstraintMessages Messages(const User& u) {
  return {"a user with e-mail " + u.email + " already exists", ""};
}

}  // namespace

core::Result<core::UserId> SqlUserRepository::Insert(const User& user) {
  UserRow r = ToRow(user);
  long long id = 0;
  auto status = GuardedWrite(ctx_, "inserting user", Messages(user), [&] {
    ctx_.sql << "INSERT INTO users (email, first_name, last_name, password_hash, active, "
                "platform_admin, created_at) VALUES (:e, :f, :l, :p, :a, :ad, :c) RETURNING id",
        soci::use(r.email), soci::use(r.first_name), soci::use(r.last_name),
        soci::use(r.password_hash), soci::use(r.active), soci::use(r.platform_admin),
        soci::use(r.created_at), soci::into(id);
  });
  if (!status) return core::Fail(status.error());
  return core::UserId(id);
}

core::Status SqlUserRepository::Update(const User& user) {
  UserRow r = ToRow(user);
  long long changed = 0;
  auto status = GuardedWrite(ctx_, "updating user", Messages(user), [&] {
    soci::statement st =
        (ctx_.sql.prepare << "UPDATE users SET email = :e, first_name = :f, last_name = :l, "
                             "password_hash = :p, active = :a, platform_admin = :ad, "
                             "created_at = :c WHERE id = :id",
         soci::use(r.email), soci::use(r.first_name), soci::use(r.last_name),
         soci::use(r.password_hash), soci::use(r.active), soci::use(r.platform_admin),
         soci::use(r.created_at), soci::use(r.id));
    st.execute(true);
    changed = st.get_affected_rows();
  });
  if (!status) return status;
  if (changed == 0) {
    return NotFound("user", r.id);
  }
  return core::Ok();
}

core::Result<User> SqlUserRepository::Get(core::UserId id) {
  long long key = id.value();
  auto found = SelectOne(ctx_, "reading user", "WHERE id = :id",
                         [&](soci::details::prepare_temp_type& p) { p, soci::use(key); });
  if (!found) return core::Fail(found.error());
  if (!*found) {
    return NotFound("user", key);
  }
  return std::move(**found);
}

core::Result<std::optional<User>> SqlUserRepository::FindByEmail(std::string_view email) {
  std::string value(email);
  return SelectOne(ctx_, "finding user by e-mail", "WHERE email = :e",
                   [&](soci::details::prepare_temp_type& p) { p, soci::use(value); });
}

core::Result<int64_t> SqlUserRepository::Count() {
  long long count = 0;
  auto status = GuardedRead("counting users",
                            [&] { ctx_.sql << "SELECT COUNT(*) FROM users", soci::into(count); });
  if (!status) return core::Fail(status.error());
  return static_cast<int64_t>(count);
}

}  // namespace choral::store
