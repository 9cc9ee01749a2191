// Attachments: a user's requests to join a structure (demande de rattachement), and what the
// structure's managers do with its people: decide requests, attach directly, deactivate, detach,
// grant spaces, read the history of their actions (FUNCTIONAL.md §3.2). Each change is audited
// about the structure in its own transaction and the person concerned is told by mail.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accounts/manager_rules.h"
#include "accounts/membership.h"
#include "accounts/space_access.h"
#include "core/clock.h"
#include "core/result.h"
#include "platform/actor.h"
#include "store/store.h"

namespace choral::platform {

// The longest decision comment, in bytes.
inline constexpr size_t kMaxDecisionCommentBytes = 1000;

struct AttachmentRequest {
  std::string structure_siret;             // spaces are ignored
  std::vector<std::string> service_codes;  // empty: the whole structure
};

// One person of a structure, as its managers see them.
struct StructureMember {
  core::MembershipId membership_id;
  core::UserId user_id;
  std::string email;
  std::string display_name;
  bool account_active = true;
  accounts::Role role = accounts::Role::kUser;
  accounts::AttachmentStatus status = accounts::AttachmentStatus::kPending;
  core::Timestamp since{};
  std::vector<std::string> service_codes;
  std::vector<store::SpaceGrant> spaces;
  std::optional<core::Timestamp> last_login;
};

// One of the actor's own attachments ("Mes rattachements").
struct OwnAttachment {
  core::StructureId structure_id;
  std::string structure_name;
  std::string structure_identifier;
  accounts::Role role = accounts::Role::kUser;
  accounts::AttachmentStatus status = accounts::AttachmentStatus::kPending;
};

// One manager action, read back from the audit chain.
struct ManagerAction {
  core::Timestamp at{};
  std::string actor_email;  // "" for the system or the command line
  std::string action;       // "attachment.validated"
  std::string details;      // JSON text
};

// Thread-safe.
class Attachments {
 public:
  Attachments(store::Store& store, const core::Clock& clock) : store_(store), clock_(clock) {}

  // The actor asks to join the active structure with this SIRET, limited to these services.
  // The managers are told. kNotFound for no such active structure; kInvalidArgument naming an
  // unknown service code; kAlreadyExists when the actor is already attached or waiting (a
  // refused or detached person may ask again).
  core::Result<core::MembershipId> Request(const Actor& actor,
                                           const AttachmentRequest& request) const;

  // The actor's attachments, whatever their state, in structure name order.
  core::Result<std::vector<OwnAttachment>> Mine(const Actor& actor) const;

  // Everyone attached to or asking to join `structure` (detached people left out), pending
  // requests first. kPermissionDenied unless the actor manages the structure.
  core::Result<std::vector<StructureMember>> Members(const Actor& actor,
                                                     core::StructureId structure) const;

  // Applies `move` to the attachment: validate or refuse a request, deactivate, reactivate or
  // detach a person. A refusal needs a comment (kInvalidArgument). kPermissionDenied unless the
  // actor manages the attachment's structure; kConflict when its state forbids the move or it
  // is the main manager's own (accounts::CheckMove).
  core::Status Decide(const Actor& actor, core::MembershipId membership,
                      accounts::AttachmentMove move, const std::string& comment) const;

  // Attaches the person with this login to `structure` as a simple user, without a request.
  // kInvalidArgument when no active account has this login; kAlreadyExists when attached or
  // waiting already (a waiting request is validated instead).
  core::Result<core::MembershipId> AttachDirectly(const Actor& actor, core::StructureId structure,
                                                  const std::string& email) const;

  // Grants `access` on `space` to the attachment, or removes the space when `access` is
  // nullopt (no change, no audit event when it already is so). Same permission as Decide;
  // kConflict unless the attachment is approved.
  core::Status SetSpaceAccess(const Actor& actor, core::MembershipId membership,
                              accounts::Space space,
                              std::optional<accounts::SpaceAccess> access) const;

  // The latest `limit` manager actions on `structure`, newest first. Same permission as Members.
  core::Result<std::vector<ManagerAction>> History(const Actor& actor, core::StructureId structure,
                                                   int limit = 200) const;

 private:
  store::Store& store_;
  const core::Clock& clock_;
};

}  // namespace choral::platform
