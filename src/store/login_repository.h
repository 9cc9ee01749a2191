// LoginRepository: when each user last logged in (the automatic main-manager re-assignment picks
// the secondary manager seen last).
#pragma once

#include <optional>

#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"

namespace choral::store {

// Bound to one Transaction (see store.h); not thread-safe.
class LoginRepository {
 public:
  virtual ~LoginRepository() = default;

  // Records that `user` logged in at `at`. kNotFound when the user does not exist.
  virtual core::Status Record(core::UserId user, core::Timestamp at) = 0;
  // The last login of `user`, or nullopt when they never logged in.
  virtual core::Result<std::optional<core::Timestamp>> Last(core::UserId user) = 0;
};

}  // namespace choral::store
