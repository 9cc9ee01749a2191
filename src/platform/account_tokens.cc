#include "platform/account_tokens.h"

#include "platform/password_hasher.h"
#include "store/sha256.h"

namespace choral::platform {
namespace {

constexpr size_t kTokenBytes = 32;

bool LooksLikeToken(std::string_view token) {
  if (token.size() != 2 * kTokenBytes) return false;
  for (char c : token) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

core::Result<std::string> IssueAccountToken(store::Transaction& tx, core::UserId user,
                                            std::string_view purpose, std::string payload,
                                            core::Timestamp now, std::chrono::minutes lifetime) {
  if (auto used = tx.account_tokens().UseAll(user, purpose, now); !used) {
    return core::Fail(used.error());
  }
  std::string token = RandomHex(kTokenBytes);
  store::AccountToken row;
  row.token_hash = store::Sha256Hex(token);
  row.user_id = user;
  row.purpose = std::string(purpose);
  row.payload = std::move(payload);
  row.created_at = now;
  row.expires_at = now + lifetime;
  if (auto inserted = tx.account_tokens().Insert(row); !inserted) {
    return core::Fail(inserted.error());
  }
  return token;
}

core::Result<store::AccountToken> CheckAccountToken(store::Transaction& tx, std::string_view token,
                                                    std::string_view purpose, core::Timestamp now) {
  const core::Error invalid{core::ErrorCode::kNotFound, "this link is not valid"};
  if (!LooksLikeToken(token)) return core::Fail(invalid);
  auto found = tx.account_tokens().Find(store::Sha256Hex(token));
  if (!found) return core::Fail(found.error());
  if (!*found || (*found)->purpose != purpose) return core::Fail(invalid);
  store::AccountToken row = std::move(**found);
  if (row.used_at) return core::Fail(core::ErrorCode::kConflict, "this link was already used");
  if (now >= row.expires_at) {
    return core::Fail(core::ErrorCode::kPermissionDenied, "this link has expired");
  }
  return row;
}

core::Result<store::AccountToken> ClaimAccountToken(store::Transaction& tx, std::string_view token,
                                                    std::string_view purpose, core::Timestamp now) {
  auto row = CheckAccountToken(tx, token, purpose, now);
  if (!row) return row;
  auto used = tx.account_tokens().UseAll(row->user_id, purpose, now);
  if (!used) return core::Fail(used.error());
  // On PostgreSQL a concurrent claim of the same link blocks on the row, then finds it used.
  if (*used == 0) return core::Fail(core::ErrorCode::kConflict, "this link was already used");
  row->used_at = now;
  return row;
}

}  // namespace choral::platform
