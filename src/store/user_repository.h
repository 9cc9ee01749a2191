// UserRepository: user accounts, found by id or by login e-mail.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "accounts/user.h"
#include "core/ids.h"
#include "core/result.h"

namespace choral::store {

// Bound to one Transaction (see store.h); not thread-safe. E-mails are compared exactly: the
// caller normalises them (accounts::NormaliseEmail) before it writes or looks up.
class UserRepository {
 public:
  virtual ~UserRepository() = default;

  // Inserts `user` (its id is ignored) and returns the new id. kAlreadyExists naming the e-mail
  // when it is taken.
  virtual core::Result<core::UserId> Insert(const accounts::User& user) = 0;

  // Saves every field of the user `user.id` (created_at included). kNotFound when there is none;
  // kAlreadyExists when the new e-mail is taken by another user.
  virtual core::Status Update(const accounts::User& user) = 0;

  // kNotFound naming the id when there is none.
  virtual core::Result<accounts::User> Get(core::UserId id) = 0;

  // The user who logs in with `email`, or nullopt.
  virtual core::Result<std::optional<accounts::User>> FindByEmail(std::string_view email) = 0;

  // How many users exist.
  virtual core::Result<int64_t> Count() = 0;
};

}  // namespace choral::store
