// AccountTokenRepository: single-use tokens sent by e-mail (activation, password reset), keyed by
// the hash of the token; the token itself only ever travels in the e-mail's link.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"

namespace choral::store {

struct AccountToken {
  std::string token_hash;  // hex SHA-256 of the 256-bit token
  core::UserId user_id;
  std::string purpose;  // "activation" or "password_reset"
  std::string payload;  // JSON the use case keeps with the token ("{}" when nothing)
  core::Timestamp created_at{};
  core::Timestamp expires_at{};
  std::optional<core::Timestamp> used_at;  // set once, when the link is followed

  bool UsableAt(core::Timestamp now) const { return !used_at && now < expires_at; }

  friend bool operator==(const AccountToken&, const AccountToken&) = default;
};

// Bound to one Transaction (see store.h); not thread-safe.
class AccountTokenRepository {
 public:
  virtual ~AccountTokenRepository() = default;

  // kAlreadyExists when the hash is taken; kNotFound when the user does not exist.
  virtual core::Status Insert(const AccountToken& token) = 0;

  // The token with this hash, used and expired ones included, or nullopt.
  virtual core::Result<std::optional<AccountToken>> Find(std::string_view token_hash) = 0;

  // The unused token of `user` for `purpose` if there is one (expired or not), else the newest
  // used one, else nullopt. Tokens issued within the same millisecond need not be told apart.
  virtual core::Result<std::optional<AccountToken>> Latest(core::UserId user,
                                                           std::string_view purpose) = 0;

  // Marks every unused token of `user` for `purpose` used at `at` (a newer link replaces them,
  // or one was followed). Returns how many.
  virtual core::Result<int64_t> UseAll(core::UserId user, std::string_view purpose,
                                       core::Timestamp at) = 0;
};

}  // namespace choral::store
