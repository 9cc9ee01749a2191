// Account settings: what a logged-in person changes on their own account ("Mon compte"): names,
// password, and the list of their attachments to structures, pending ones included.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "accounts/membership.h"
#include "accounts/role.h"
#include "core/clock.h"
#include "core/result.h"
#include "directory/identifier_type.h"
#include "platform/actor.h"
#include "platform/field_problem.h"
#include "platform/password_hasher.h"
#include "platform/request_throttle.h"
#include "store/store.h"

namespace choral::platform {

// One of the actor's attachments, whatever its state.
struct AttachmentView {
  core::StructureId structure_id;
  std::string structure_name;
  directory::IdentifierType identifier_type = directory::IdentifierType::kSiret;
  std::string identifier;
  accounts::Role role = accounts::Role::kUser;
  accounts::AttachmentStatus status = accounts::AttachmentStatus::kPending;
};

struct Profile {
  std::string email;
  std::string first_name;
  std::string last_name;
  std::vector<AttachmentView> attachments;  // in attachment order
};

// Thread-safe. `store`, `clock` and `hasher` must outlive it.
class AccountSettings {
 public:
  AccountSettings(store::Store& store, const core::Clock& clock, const PasswordHasher& hasher,
                  ThrottleOptions wrong_password_throttle = {});

  // The actor's own profile and attachments.
  core::Result<Profile> Get(const Actor& actor) const;

  // Saves the actor's names (trimmed). Problems: first_name_missing, last_name_missing,
  // name_too_long. Audits "user.profile_updated".
  core::Result<FieldProblems> UpdateProfile(const Actor& actor, std::string_view first_name,
                                            std::string_view last_name);

  // Replaces the password after checking the current one, and ends every session of the account
  // (the caller logs in again). Problems: current_password / current_password_wrong, and
  // new_password / password_* (password_policy.h). kResourceExhausted after too many wrong
  // current passwords (a stolen session must not become a password oracle). Audits
  // "user.password_changed".
  core::Result<FieldProblems> ChangePassword(const Actor& actor, std::string_view current,
                                             std::string_view new_password);

 private:
  store::Store& store_;
  const core::Clock& clock_;
  const PasswordHasher& hasher_;
  RequestThrottle wrong_password_;
};

}  // namespace choral::platform
