// SqlApiCredentialRepository: tables `technical_accounts`, `api_clients` and `access_tokens`
// (migrations/0011_api_access.sql).
#include "store/sql_transaction.h"

namespace choral::store {
namespace {

struct AccountRow {
  long long id = 0, structure_id = 0, expires_at = 0, reminder_sent_at = 0, created_at = 0,
            revoked_at = 0;
  std::string login, password_hash;
  soci::indicator reminder_ind = soci::i_null, revoked_ind = soci::i_null;
};

constexpr const char* kAccountColumns =
    "SELECT id, structure_id, login, password_hash, password_expires_at, reminder_sent_at, "
    "created_at, revoked_at FROM technical_accounts ";

void BindAccount(soci::details::prepare_temp_type& p, AccountRow& r) {
  p, soci::into(r.id), soci::into(r.structure_id), soci::into(r.login), soci::into(r.password_hash),
      soci::into(r.expires_at), soci::into(r.reminder_sent_at, r.reminder_ind),
      soci::into(r.created_at), soci::into(r.revoked_at, r.revoked_ind);
}

TechnicalAccount ToAccount(const AccountRow& r) {
  TechnicalAccount a;
  a.id = r.id;
  a.structure_id = core::StructureId(r.structure_id);
  a.login = r.login;
  a.password_hash = r.password_hash;
  a.password_expires_at = FromMillis(r.expires_at);
  if (r.reminder_ind == soci::i_ok) a.reminder_sent_at = FromMillis(r.reminder_sent_at);
  a.created_at = FromMillis(r.created_at);
  if (r.revoked_ind == soci::i_ok) a.revoked_at = FromMillis(r.revoked_at);
  return a;
}

struct ClientRow {
  long long id = 0, structure_id = 0, created_at = 0, revoked_at = 0;
  std::string client_id, secret_sha256, label;
  soci::indicator revoked_ind = soci::i_null;
};

constexpr const char* kClientColumns =
    "SELECT id, structure_id, client_id, secret_sha256, label, created_at, revoked_at "
    "FROM api_clients ";

void BindClient(soci::details::prepare_temp_type& p, ClientRow& r) {
  p, soci::into(r.id), soci::into(r.structure_id), soci::into(r.client_id),
      soci::into(r.secret_sha256), soci::into(r.label), soci::into(r.created_at),
      soci::into(r.revoked_at, r.revoked_ind);
}

ApiClient ToClient(const ClientRow& r) {
  ApiClient c;
  c.id = r.id;
  c.structure_id = core::StructureId(r.structure_id);
  c.client_id = r.client_id;
  c.secret_sha256 = r.secret_sha256;
  c.label = r.label;
  c.created_at = FromMillis(r.created_at);
  if (r.revoked_ind == soci::i_ok) c.revoked_at = FromMillis(r.revoked_at);
  return c;
}

// A nullable timestamp as a bound value and its indicator.
struct Nullable {
  explicit Nullable(const std::optional<core::Timestamp>& t)
      : value(t ? ToMillis(*t) : 0), indicator(t ? soci::i_ok : soci::i_null) {}
  long long value;
  soci::indicator indicator;
};

}  // namespace

core::Result<std::vector<TechnicalAccount>> SqlApiCredentialRepository::SelectAccounts(
    const std::string& where, long long key) {
  std::vector<AccountRow> rows;
  auto status = SelectRows<AccountRow>(
      ctx_, "reading technical accounts", std::string(kAccountColumns) + where,
      [&](soci::details::prepare_temp_type& p) { p, soci::use(key); }, BindAccount, rows);
  if (!status) return core::Fail(status.error());
  std::vector<TechnicalAccount> out;
  for (const AccountRow& r : rows) out.push_back(ToAccount(r));
  return out;
}

core::Result<std::vector<ApiClient>> SqlApiCredentialRepository::SelectClients(
    const std::string& where, const std::function<void(soci::details::prepare_temp_type&)>& bind) {
  std::vector<ClientRow> rows;
  auto status = SelectRows<ClientRow>(ctx_, "reading API clients",
                                      std::string(kClientColumns) + where, bind, BindClient, rows);
  if (!status) return core::Fail(status.error());
  std::vector<ApiClient> out;
  for (const ClientRow& r : rows) out.push_back(ToClient(r));
  return out;
}

core::Result<int64_t> SqlApiCredentialRepository::InsertTechnicalAccount(
    const TechnicalAccount& account) {
  long long structure = account.structure_id.value();
  std::string login = account.login, hash = account.password_hash;
  long long expires_at = ToMillis(account.password_expires_at);
  long long created_at = ToMillis(account.created_at);
  long long id = 0;
  auto status = GuardedWrite(
      ctx_, "creating a technical account",
      {"login " + core::Quoted(login) + " is taken",
       "structure " + std::to_string(structure) + " does not exist"},
      [&] {
        ctx_.sql << "INSERT INTO technical_accounts (structure_id, login, password_hash, "
                    "password_expires_at, created_at) VALUES (:s, :l, :h, :e, :c) RETURNING id",
            soci::use(structure), soci::use(login), soci::use(hash), soci::use(expires_at),
            soci::use(created_at), soci::into(id);
      });
  if (!status) return core::Fail(status.error());
  return static_cast<int64_t>(id);
}

core::Status SqlApiCredentialRepository::UpdateTechnicalAccount(const TechnicalAccount& account) {
  long long key = account.id;
  std::string hash = account.password_hash;
  long long expires_at = ToMillis(account.password_expires_at);
  Nullable reminder(account.reminder_sent_at), revoked(account.revoked_at);
  long long changed = 0;
  auto status = GuardedWrite(ctx_, "saving a technical account", {}, [&] {
    soci::statement st =
        (ctx_.sql.prepare << "UPDATE technical_accounts SET password_hash = :h, "
                             "password_expires_at = :e, reminder_sent_at = :r, revoked_at = :v "
                             "WHERE id = :id",
         soci::use(hash), soci::use(expires_at), soci::use(reminder.value, reminder.indicator),
         soci::use(revoked.value, revoked.indicator), soci::use(key));
    st.execute(true);
    changed = st.get_affected_rows();
  });
  if (!status) return status;
  if (changed == 0) return NotFound("technical account", key);
  return core::Ok();
}

core::Result<TechnicalAccount> SqlApiCredentialRepository::GetTechnicalAccount(int64_t id) {
  auto found = SelectAccounts("WHERE id = :id", id);
  if (!found) return core::Fail(found.error());
  if (found->empty()) return NotFound("technical account", id);
  return std::move(found->front());
}

core::Result<std::optional<TechnicalAccount>> SqlApiCredentialRepository::FindTechnicalAccount(
    std::string_view login) {
  std::string key(login);
  std::vector<AccountRow> rows;
  auto status = SelectRows<AccountRow>(
      ctx_, "finding a technical account", std::string(kAccountColumns) + "WHERE login = :l",
      [&](soci::details::prepare_temp_type& p) { p, soci::use(key); }, BindAccount, rows);
  if (!status) return core::Fail(status.error());
  if (rows.empty()) return std::optional<TechnicalAccount>();
  return std::optional<TechnicalAccount>(ToAccount(rows.front()));
}

core::Result<std::vector<TechnicalAccount>> SqlApiCredentialRepository::ListTechnicalAccounts(
    core::StructureId structure) {
  return SelectAccounts("WHERE structure_id = :s ORDER BY id", structure.value());
}

core::Result<std::vector<TechnicalAccount>> SqlApiCredentialRepository::ListPasswordsExpiringBefore(
    core::Timestamp cutoff) {
  return SelectAccounts(
      "WHERE revoked_at IS NULL AND reminder_sent_at IS NULL AND password_expires_at < :c "
      "ORDER BY id",
      ToMillis(cutoff));
}

core::Result<int64_t> SqlApiCredentialRepository::InsertClient(const ApiClient& client) {
  long long structure = client.structure_id.value();
  std::string client_id = client.client_id, secret = client.secret_sha256, label = client.label;
  long long created_at = ToMillis(client.created_at);
  long long id = 0;
  auto status = GuardedWrite(
      ctx_, "creating an API client",
      {"client id " + core::Quoted(client_id) + " is taken",
       "structure " + std::to_string(structure) + " does not exist"},
      [&] {
        ctx_.sql << "INSERT INTO api_clients (structure_id, client_id, secret_sha256, label, "
                    "created_at) VALUES (:s, :c, :h, :l, :t) RETURNING id",
            soci::use(structure), soci::use(client_id), soci::use(secret), soci::use(label),
            soci::use(created_at), soci::into(id);
      });
  if (!status) return core::Fail(status.error());
  return static_cast<int64_t>(id);
}

core::Result<ApiClient> SqlApiCredentialRepository::GetClient(int64_t id) {
  long long key = id;
  auto found = SelectClients("WHERE id = :id",
                             [&](soci::details::prepare_temp_type& p) { p, soci::use(key); });
  if (!found) return core::Fail(found.error());
  if (found->empty()) return NotFound("API client", id);
  return std::move(found->front());
}

core::Result<std::optional<ApiClient>> SqlApiCredentialRepository::FindClient(
    std::string_view client_id) {
  std::string key(client_id);
  auto found = SelectClients("WHERE client_id = :c",
                             [&](soci::details::prepare_temp_type& p) { p, soci::use(key); });
  if (!found) return core::Fail(found.error());
  if (found->empty()) return std::optional<ApiClient>();
  return std::optional<ApiClient>(std::move(found->front()));
}

core::Result<std::vector<ApiClient>> SqlApiCredentialRepository::ListClients(
    core::StructureId structure) {
  long long key = structure.value();
  return SelectClients("WHERE structure_id = :s ORDER BY id",
                       [&](soci::details::prepare_temp_type& p) { p, soci::use(key); });
}

core::Status SqlApiCredentialRepository::RevokeClient(int64_t id, core::Timestamp at) {
  long long key = id, revoked_at = ToMillis(at);
  long long changed = 0;
  auto status = GuardedWrite(ctx_, "revoking an API client", {}, [&] {
    soci::statement st = (ctx_.sql.prepare << "UPDATE api_clients SET revoked_at = :t "
                                              "WHERE id = :id AND revoked_at IS NULL",
                          soci::use(revoked_at), soci::use(key));
    st.execute(true);
    changed = st.get_affected_rows();
    ctx_.sql << "DELETE FROM access_tokens WHERE client = :id", soci::use(key);
  });
  if (!status) return status;
  if (changed == 0) {
    auto exists = GetClient(id);  // already revoked is fine; missing is not
    if (!exists) return core::Fail(exists.error());
  }
  return core::Ok();
}

core::Status SqlApiCredentialRepository::InsertAccessToken(const AccessToken& token) {
  std::string hash = token.token_sha256;
  long long client = token.client, structure = token.structure_id.value();
  long long expires_at = ToMillis(token.expires_at);
  return GuardedWrite(ctx_, "issuing an access token",
                      {"this access token exists already", "the client does not exist"}, [&] {
                        ctx_.sql << "INSERT INTO access_tokens (token_sha256, client, "
                                    "structure_id, expires_at) VALUES (:h, :c, :s, :e)",
                            soci::use(hash), soci::use(client), soci::use(structure),
                            soci::use(expires_at);
                      });
}

core::Result<std::optional<AccessToken>> SqlApiCredentialRepository::FindAccessToken(
    std::string_view token_sha256) {
  std::string key(token_sha256);
  long long client = 0, structure = 0, expires_at = 0;
  bool found = false;
  auto status = GuardedRead("checking an access token", [&] {
    ctx_.sql << "SELECT client, structure_id, expires_at FROM access_tokens "
                "WHERE token_sha256 = :h",
        soci::use(key), soci::into(client), soci::into(structure), soci::into(expires_at);
    found = ctx_.sql.got_data();
  });
  if (!status) return core::Fail(status.error());
  if (!found) return std::optional<AccessToken>();
  return std::optional<AccessToken>(
      AccessToken{key, client, core::StructureId(structure), FromMillis(expires_at)});
}

core::Result<int64_t> SqlApiCredentialRepository::DeleteExpiredAccessTokens(core::Timestamp now) {
  long long cutoff = ToMillis(now);
  int64_t removed = 0;
  auto status = GuardedWrite(ctx_, "removing expired access tokens", {}, [&] {
    soci::statement st =
        (ctx_.sql.prepare << "DELETE FROM access_tokens WHERE expires_at <= :n", soci::use(cutoff));
    st.execute(true);
    removed = st.get_affected_rows();
  });
  if (!status) return core::Fail(status.error());
  return removed;
}

}  // namespace choral::store
