// Sign-up: a supplier creates their own account by e-mail, activates it with the e-mailed link,
// and is attached to their structure on activation (FUNCTIONAL.md §3.1, §3.4).
#pragma once

#include <chrono>
#include <string>

#include "accounts/membership.h"
#include "core/clock.h"
#include "core/result.h"
#include "platform/field_problem.h"
#include "platform/password_hasher.h"
#include "platform/request_throttle.h"
#include "store/store.h"

namespace choral::platform {

struct SignUpOptions {
  std::chrono::minutes activation_lifetime{48 * 60};  // the activation link dies after this
  // Sign-ups and resent links per remote address; over it, kResourceExhausted.
  ThrottleOptions per_address{10, std::chrono::minutes(60)};
  // Activation mails per e-mail address; over it, requests are answered as usual but no mail is
  // queued, so that nobody can flood a mailbox (and the answer tells nothing).
  ThrottleOptions per_email{3, std::chrono::minutes(60)};
};

struct SignUpRequest {
  std::string email;
  std::string first_name;
  std::string last_name;
  std::string password;
  std::string identifier_type = "SIRET";  // Chorus Pro code, directory/identifier_type.h
  std::string identifier;                 // SIRET or other identifier of the supplier structure
  std::string company_name;               // raison sociale; needed only for a new structure
  std::string remote_address;
};

// What happened on activation.
struct Activation {
  std::string email;
  std::string structure_name;
  accounts::Role role = accounts::Role::kUser;
  accounts::AttachmentStatus status = accounts::AttachmentStatus::kPending;
  bool created_structure = false;
};

// Thread-safe. `store`, `clock` and `hasher` must outlive it.
class SignUp {
 public:
  SignUp(store::Store& store, const core::Clock& clock, const PasswordHasher& hasher,
         SignUpOptions options = {});

  // Checks the request and, when it breaks no rule, creates an inactive account and queues the
  // activation mail. The problems, when any, name the field and the rule: email_invalid,
  // first_name_missing, last_name_missing, name_too_long, password_* (password_policy.h),
  // identifier_type_unknown, identifier_invalid, identifier_public (public structures are
  // created by administrators), company_name_missing, company_name_too_long. An address that
  // already has an account gets the same empty answer, and its owner a mail saying so (or, for an
  // account not activated yet, a new activation link): the answer never tells whether an address
  // has an account. kResourceExhausted when the remote address sent too many requests. Audits
  // "user.signed_up" (or "user.sign_up_existing").
  core::Result<FieldProblems> Register(const SignUpRequest& request);

  // Follows the activation link: activates the account and attaches it to its structure — the
  // first account of a new structure becomes its main manager (VALIDEE); an account on a
  // structure that has a main manager is a simple user whose attachment waits
  // (EN_COURS_DE_VALIDATION) and the managers are told by mail. ClaimAccountToken's errors for a
  // bad, used or expired link; kConflict when the identifier became a public structure's. Audits
  // "user.activated", and "structure.created" or "membership.requested".
  core::Result<Activation> Activate(std::string_view token);

  // Sends a new activation link to `email` when it has an account waiting for activation, and
  // does nothing otherwise; Ok in both cases (no account enumeration). kInvalidArgument for an
  // address that is not one; kResourceExhausted as Register. Audits "user.activation_resent".
  core::Status ResendActivation(std::string_view email, std::string_view remote_address);

 private:
  core::Result<FieldProblems> Check(const SignUpRequest& request, std::string& email,
                                    std::string& identifier) const;

  store::Store& store_;
  const core::Clock& clock_;
  const PasswordHasher& hasher_;
  SignUpOptions options_;
  RequestThrottle per_address_;
  RequestThrottle per_email_;
};

}  // namespace choral::platform
