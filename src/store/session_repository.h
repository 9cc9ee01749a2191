// SessionRepository: logged-in browser sessions, keyed by the hash of their cookie token.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "accounts/session.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"

namespace choral::store {

// Bound to one Transaction (see store.h); not thread-safe. Only token hashes are stored
// (store::Sha256Hex of the cookie token), never the tokens.
class SessionRepository {
 public:
  virtual ~SessionRepository() = default;

  // kAlreadyExists when the token hash is taken; kNotFound when the user does not exist.
  virtual core::Status Insert(const accounts::Session& session) = 0;

  // The session with this token hash, or nullopt. Expired sessions are returned too: the
  // caller checks Session::ExpiredAt.
  virtual core::Result<std::optional<accounts::Session>> Find(std::string_view token_hash) = 0;

  // Deletes the session if it exists (logging out twice is not an error).
  virtual core::Status Delete(std::string_view token_hash) = 0;

  // Deletes every session with expires_at <= now; returns how many.
  virtual core::Result<int64_t> DeleteExpired(core::Timestamp now) = 0;

  // Deletes every session of `user` (a new password logs every browser out); returns how many.
  virtual core::Result<int64_t> DeleteByUser(core::UserId user) = 0;
};

}  // namespace choral::store
