// User: a person's account, identified by the e-mail they log in with.
#pragma once

#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"

namespace choral::accounts {

struct User {
  core::UserId id;
  std::string email;  // login, stored lower-case
  std::string first_name;
  std::string last_name;
  std::string password_hash;  // argon2id string from libsodium; never logged
  bool active = true;
  bool platform_admin = false;  // operator of this Choral instance
  core::Timestamp created_at{};

  std::string DisplayName() const;  // "Claire Martin", or the e-mail when no name is known

  friend bool operator==(const User&, const User&) = default;
};

// Lower-cases and trims an e-mail address and checks its shape (one '@', a dot in the domain,
// at most 254 characters, no spaces). kInvalidArgument naming the address otherwise.
core::Result<std::string> NormaliseEmail(std::string_view email);

}  // namespace choral::accounts
