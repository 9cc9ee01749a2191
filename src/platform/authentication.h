// Authentication: log in with e-mail and password, resolve a session cookie to an Actor, log out.
#pragma once

#include <chrono>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "platform/actor.h"
#include "platform/password_hasher.h"
#include "platform/request_throttle.h"
#include "store/store.h"

namespace choral::platform {

struct AuthenticationOptions {
  std::chrono::hours session_lifetime{12};  // a session dies this long after login
  int max_failures = 5;                     // per account and per address, within the window
  std::chrono::minutes failure_window{15};  // after which the failure count starts again
};

struct LoginRequest {
  std::string email;
  std::string password;
  std::string remote_address;
};

struct LoginResult {
  std::string session_token;  // 256-bit random, hex; goes in the cookie, never stored as is
  std::string csrf_token;
  Actor actor;
};

// Thread-safe.
class Authentication {
 public:
  Authentication(store::Store& store, const core::Clock& clock, const PasswordHasher& hasher,
                 AuthenticationOptions options = {});

  // kPermissionDenied "e-mail or password is wrong" for an unknown account, a wrong password or
  // a deactivated account alike (no account enumeration); kResourceExhausted "too many failed
  // attempts" while the account or the address is throttled. Audits "session.login" /
  // "session.login_failed". Also deletes the expired sessions of every user (they are refused
  // anyway; this keeps the table small).
  // `previous_session_token` is the browser's current session cookie, if any: the login ends that
  // session, so that a browser never holds two and a session fixed by someone else before login
  // is worthless.
  core::Result<LoginResult> Login(const LoginRequest& request,
                                  std::string_view previous_session_token = {});

  // The actor behind a session token; kPermissionDenied when unknown or expired.
  core::Result<Actor> Authenticate(std::string_view session_token) const;

  // Ends the session (idempotent). Audits "session.logout".
  core::Status Logout(std::string_view session_token);

 private:
  store::Store& store_;
  const core::Clock& clock_;
  const PasswordHasher& hasher_;
  AuthenticationOptions options_;
  std::string dummy_hash_;    // verified against when the e-mail has no account
  RequestThrottle failures_;  // failed logins by "account:<email>" and "address:<ip>"
};

// Builds the Actor of a user inside a read transaction: approved memberships with their
// structures. Shared by Authentication and the API's token checks.
core::Result<Actor> LoadActor(store::Transaction& tx, core::UserId user_id);

}  // namespace choral::platform
