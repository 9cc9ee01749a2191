// Manager rules: what the managers of a structure may do to its attachments, who may take over
// the main-manager role, and who takes it when the holder's account is deactivated
// (FUNCTIONAL.md §3.2, §3.3). Pure: the platform loads the facts and asks.
#pragma once

#include <optional>
#include <vector>

#include "accounts/membership.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"

namespace choral::accounts {

// The moves a manager makes on one attachment of their structure.
enum class AttachmentMove {
  kValidate,    // EN_COURS_DE_VALIDATION -> VALIDEE
  kRefuse,      // EN_COURS_DE_VALIDATION -> REFUSEE
  kDeactivate,  // VALIDEE -> DESACTIVEE
  kReactivate,  // DESACTIVEE -> VALIDEE
  kDetach,      // VALIDEE / DESACTIVEE -> SUPPRIMEE
};

// The state `move` leads to.
AttachmentStatus MoveTarget(AttachmentMove move);

// Ok when `manager` (the actor's membership of the structure, if any) may manage its users:
// an approved main or secondary manager. kPermissionDenied otherwise.
core::Status CheckMayManage(const std::optional<Membership>& manager);

// Ok when `move` may be applied to `target`: the state allows it, and the main manager's own
// attachment is never deactivated or detached (the role is handed over first, so a structure
// always keeps one). kConflict naming the state otherwise.
core::Status CheckMove(const Membership& target, AttachmentMove move);

// What the hand-over rule needs to know about the chosen successor.
struct SuccessorFacts {
  std::optional<Membership> membership;  // of the structure, if any
  bool account_active = false;
};

// Ok when `successor` may become main manager instead of `current`: someone else, whose account
// is active and whose attachment to the structure is approved (§3.3). kInvalidArgument saying
// which condition fails.
core::Status CheckSuccessor(const Membership& current, const SuccessorFacts& successor);

// One person of the structure, as the automatic re-assignment sees them.
struct ReassignmentCandidate {
  Membership membership;
  bool account_active = false;
  std::optional<core::Timestamp> last_login;  // none: never logged in
};

// When the main manager's account is deactivated: the approved, active secondary manager who
// logged in most recently (never counts as oldest; a tie goes to the lowest user id), or nullopt
// when there is none and platform support must appoint one.
std::optional<core::UserId> ChooseNewMainManager(
    const std::vector<ReassignmentCandidate>& candidates);

}  // namespace choral::accounts
