// Password reset: "forgotten password" by e-mail — a single-use link, valid one hour, to choose
// a new password; following it logs every browser of the account out.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"
#include "platform/field_problem.h"
#include "platform/password_hasher.h"
#include "platform/request_throttle.h"
#include "store/store.h"

namespace choral::platform {

struct PasswordResetOptions {
  std::chrono::minutes link_lifetime{60};
  // Requests per remote address (over it, kResourceExhausted) and mails per account (over it,
  // the request is answered as usual and no mail is queued).
  ThrottleOptions per_address{10, std::chrono::minutes(60)};
  ThrottleOptions per_email{3, std::chrono::minutes(60)};
};

// Thread-safe. `store`, `clock` and `hasher` must outlive it.
class PasswordReset {
 public:
  PasswordReset(store::Store& store, const core::Clock& clock, const PasswordHasher& hasher,
                PasswordResetOptions options = {});

  // Queues a reset link to `email` when it is an active account's, and does nothing otherwise;
  // Ok in both cases (no account enumeration). kInvalidArgument for an address that is not one;
  // kResourceExhausted when the remote address sent too many requests. Audits
  // "user.password_reset_requested".
  core::Status Request(std::string_view email, std::string_view remote_address);

  // Ok when `token` is a reset link that can still be used (the page shows the form), else
  // ClaimAccountToken's errors.
  core::Status Check(std::string_view token) const;

  // Sets the new password and ends every session of the account. The problems name the field
  // "password" and the rule (password_policy.h); the link is not used up then. ClaimAccountToken's
  // errors for a bad, used or expired link. Audits "user.password_reset".
  core::Result<FieldProblems> Reset(std::string_view token, std::string_view new_password);

 private:
  store::Store& store_;
  const core::Clock& clock_;
  const PasswordHasher& hasher_;
  PasswordResetOptions options_;
  RequestThrottle per_address_;
  RequestThrottle per_email_;
};

}  // namespace choral::platform
