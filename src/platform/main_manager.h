// MainManager: who holds the main-manager role (gestionnaire principal) of a structure and how it
// passes on: the holder hands it over to a successor; when the holder's account is deactivated
// the secondary manager seen last takes it, or the structure is flagged for platform support;
// support (a platform administrator) appoints one on the structure head's signed certificate
// (FUNCTIONAL.md §3.3). Every change is audited about the structure and both sides are told.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "platform/actor.h"
#include "platform/invoice_processing.h"
#include "store/store.h"

namespace choral::platform {

// Someone who may receive the role: approved, with an active account, not the holder.
struct SuccessorCandidate {
  core::UserId user_id;
  std::string email;
  std::string display_name;
  accounts::Role role = accounts::Role::kUser;
};

// What support needs to appoint a main manager when the holder left without handing over.
struct MainManagerAssignment {
  std::string structure_siret;  // spaces are ignored
  std::string successor_email;
  std::string reason;
  NewAttachment certificate;  // signed by the structure's head: PDF or image
};

// A structure left without a usable main manager.
struct FlaggedStructure {
  core::StructureId structure_id;
  std::string name;
  std::string identifier;
  std::string reason;
  core::Timestamp flagged_at{};
};

// Thread-safe.
class MainManager {
 public:
  MainManager(store::Store& store, const core::Clock& clock) : store_(store), clock_(clock) {}

  // The people the actor, main manager of `structure`, may hand the role to, whose login or name
  // contains `text` (any when empty), by login. kPermissionDenied unless the actor holds the role.
  core::Result<std::vector<SuccessorCandidate>> Candidates(const Actor& actor,
                                                           core::StructureId structure,
                                                           const std::string& text) const;

  // The actor, main manager of `structure`, hands the role to the person with this login, and
  // becomes secondary manager. kPermissionDenied unless the actor holds the role;
  // kInvalidArgument when the successor is unknown, not attached, not validated, inactive or
  // the actor (accounts::CheckSuccessor).
  core::Status HandOver(const Actor& actor, core::StructureId structure,
                        const std::string& successor_email) const;

  // Deactivates the account of `user` (the actor themself, or anyone for a platform
  // administrator). Where they were main manager, the approved secondary manager with the most
  // recent login takes the role; with none, the structure is flagged for support.
  // kPermissionDenied for anyone else; kConflict when the account is already inactive.
  core::Status DeactivateAccount(const Actor& actor, core::UserId user) const;
  // The same for the account with this login (e-mail), as support types it: platform
  // administrators only (kPermissionDenied); kInvalidArgument "no active account has the login"
  // when no active account has it.
  core::Status DeactivateAccountByLogin(const Actor& actor, const std::string& login) const;

  // Support appoints a main manager (platform administrators only: kPermissionDenied) of the
  // structure with this SIRET (kNotFound when there is none). The
  // reason is required and the certificate must be a PDF or an image (kInvalidArgument); the
  // successor follows the hand-over rule, except that a pending request of theirs is validated
  // by the appointment (nobody may be left to validate it). The certificate is kept in the blob
  // store and its SHA-256 in the audit event; the structure's support flag is cleared.
  core::Status Assign(const Actor& actor, const MainManagerAssignment& assignment) const;

  // Structures flagged for support, oldest first. Platform administrators only.
  core::Result<std::vector<FlaggedStructure>> Flagged(const Actor& actor) const;

 private:
  store::Store& store_;
  const core::Clock& clock_;
};

}  // namespace choral::platform
