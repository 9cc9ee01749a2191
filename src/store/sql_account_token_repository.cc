// SqlAccountTokenRepository: table `account_tokens` (migrations/0009_account_tokens.sql).
#include "store/sql_transaction.h"

namespace choral::store {
namespace {

struct TokenRow {
  std::string token_hash, purpose, payload;
  long long user_id = 0, created_at = 0, expires_at = 0, used_at = 0;
  soci::indicator used_indicator = soci::i_null;
};

constexpr std::string_view kSelect =
    "SELECT token_hash, user_id, purpose, payload, created_at, expires_at, used_at "
    "FROM account_tokens ";

void BindInto(soci::details::prepare_temp_type& p, TokenRow& r) {
  p, soci::into(r.token_hash), soci::into(r.user_id), soci::into(r.purpose), soci::into(r.payload),
      soci::into(r.created_at), soci::into(r.expires_at), soci::into(r.used_at, r.used_indicator);
}

AccountToken FromRow(const TokenRow& r) {
  AccountToken t;
  t.token_hash = r.token_hash;
  t.user_id = core::UserId(r.user_id);
  t.purpose = r.purpose;
  t.payload = r.payload;
  t.created_at = FromMillis(r.created_at);
  t.expires_at = FromMillis(r.expires_at);
  if (r.used_indicator == soci::i_ok) t.used_at = FromMillis(r.used_at);
  return t;
}

core::Result<std::optional<AccountToken>> SelectOne(
    SqlContext& ctx, const std::string& where,
    const std::function<void(soci::details::prepare_temp_type&)>& bind_uses) {
  std::vector<TokenRow> rows;
  auto status = SelectRows<TokenRow>(ctx, "finding account token", std::string(kSelect) + where,
                                     bind_uses, BindInto, rows);
  if (!status) return core::Fail(status.error());
  if (rows.empty()) return std::optional<AccountToken>();
  return std::optional<AccountToken>(FromRow(rows.front()));
}

}  // namespace

core::Status SqlAccountTokenRepository::Insert(const AccountToken& token) {
  long long user_id = token.user_id.value();
  long long created_at = ToMillis(token.created_at);
  long long expires_at = ToMillis(token.expires_at);
  long long used_at = token.used_at ? ToMillis(*token.used_at) : 0;
  soci::indicator used_indicator = token.used_at ? soci::i_ok : soci::i_null;
  return GuardedWrite(ctx_, "inserting account token",
                      {"an account token with this hash already exists",
                       "user " + std::to_string(user_id) + " does not exist"},
                      [&] {
                        ctx_.sql << "INSERT INTO account_tokens (token_hash, user_id, purpose, "
                                    "payload, created_at, expires_at, used_at) "
                                    "VALUES (:t, :u, :p, :d, :c, :e, :x)",
                            soci::use(token.token_hash), soci::use(user_id),
                            soci::use(token.purpose), soci::use(token.payload),
                            soci::use(created_at), soci::use(expires_at),
                            soci::use(used_at, used_indicator);
                      });
}

core::Result<std::optional<AccountToken>> SqlAccountTokenRepository::Find(
    std::string_view token_hash) {
  std::string key(token_hash);
  return SelectOne(ctx_, "WHERE token_hash = :t",
                   [&](soci::details::prepare_temp_type& p) { p, soci::use(key); });
}

core::Result<std::optional<AccountToken>> SqlAccountTokenRepository::Latest(
    core::UserId user, std::string_view purpose) {
  long long user_id = user.value();
  std::string what(purpose);
  return SelectOne(
      ctx_,
      "WHERE user_id = :u AND purpose = :p "
      "ORDER BY (used_at IS NULL) DESC, created_at DESC, token_hash LIMIT 1",
      [&](soci::details::prepare_temp_type& p) { p, soci::use(user_id), soci::use(what); });
}

core::Result<int64_t> SqlAccountTokenRepository::UseAll(core::UserId user, std::string_view purpose,
                                                        core::Timestamp at) {
  long long user_id = user.value();
  long long when = ToMillis(at);
  std::string what(purpose);
  long long changed = 0;
  auto status = GuardedWrite(ctx_, "using account tokens", {}, [&] {
    soci::statement st = (ctx_.sql.prepare << "UPDATE account_tokens SET used_at = :a "
                                              "WHERE user_id = :u AND purpose = :p AND used_at "
                                              "IS NULL",
                          soci::use(when), soci::use(user_id), soci::use(what));
    st.execute(true);
    changed = st.get_affected_rows();
  });
  if (!status) return core::Fail(status.error());
  return static_cast<int64_t>(changed);
}

}  // namespace choral::store
