// Session: a logged-in browser. The token itself is only in the cookie; the store keeps its hash.
#pragma once

#include <string>

#include "core/clock.h"
#include "core/ids.h"

namespace choral::accounts {

struct Session {
  std::string token_hash;  // hex SHA-256 of the 256-bit cookie token
  core::UserId user_id;
  std::string csrf_token;  // sent back in every form, compared in constant time
  core::Timestamp created_at{};
  core::Timestamp expires_at{};

  bool ExpiredAt(core::Timestamp now) const { return now >= expires_at; }

  friend bool operator==(const Session&, const Session&) = default;
};

}  // namespace choral::accounts
