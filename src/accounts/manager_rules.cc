#include "accounts/manager_rules.h"

#include <string>

namespace choral::accounts {

AttachmentStatus MoveTarget(AttachmentMove move) {
  switch (move) {
    case AttachmentMove::kValidate:
    case AttachmentMove::kReactivate:
      return AttachmentStatus::kApproved;
    case AttachmentMove::kRefuse:
      return AttachmentStatus::kRefused;
    case AttachmentMove::kDeactivate:
      return AttachmentStatus::kDeactivated;
    case AttachmentMove::kDetach:
      return AttachmentStatus::kDeleted;
  }
  return AttachmentStatus::kDeleted;
}

core::Status CheckMayManage(const std::optional<Membership>& manager) {
  if (!manager || !manager->IsEffective() || !IsManager(manager->role)) {
    return core::Fail(core::ErrorCode::kPermissionDenied,
                      "only a manager of the structure may manage its users");
  }
  return core::Ok();
}

core::Status CheckMove(const Membership& target, AttachmentMove move) {
  const AttachmentStatus from = target.status;
  bool allowed = false;
  switch (move) {
    case AttachmentMove::kValidate:
    case AttachmentMove::kRefuse:
      allowed = from == AttachmentStatus::kPending;
      break;
    case AttachmentMove::kDeactivate:
      allowed = from == AttachmentStatus::kApproved;
      break;
    case AttachmentMove::kReactivate:
      allowed = from == AttachmentStatus::kDeactivated;
      break;
    case AttachmentMove::kDetach:
      allowed = from == AttachmentStatus::kApproved || from == AttachmentStatus::kDeactivated;
      break;
  }
  if (!allowed) {
    return core::Fail(core::ErrorCode::kConflict, "the attachment is " +
                                                      std::string(AttachmentStatusCode(from)) +
                                                      ": this decision does not apply");
  }
  if (target.role == Role::kMainManager &&
      (move == AttachmentMove::kDeactivate || move == AttachmentMove::kDetach)) {
    return core::Fail(core::ErrorCode::kConflict,
                      "the main manager must hand the role over before leaving the structure");
  }
  return core::Ok();
}

core::Status CheckSuccessor(const Membership& current, const SuccessorFacts& successor) {
  if (!successor.membership || successor.membership->status == AttachmentStatus::kDeleted) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "the successor is not attached to the structure");
  }
  if (successor.membership->user_id == current.user_id) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "the successor must be someone else than the main manager");
  }
  if (!successor.membership->IsEffective()) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "the successor's attachment is not validated");
  }
  if (!successor.account_active) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "the successor's account is not active");
  }
  return core::Ok();
}

std::optional<core::UserId> ChooseNewMainManager(
    const std::vector<ReassignmentCandidate>& candidates) {
  const ReassignmentCandidate* best = nullptr;
  for (const auto& c : candidates) {
    if (c.membership.role != Role::kSecondaryManager || !c.membership.IsEffective() ||
        !c.account_active) {
      continue;
    }
    if (best == nullptr) {
      best = &c;
      continue;
    }
    // nullopt < any timestamp, so someone who never logged in loses to anyone who did.
    if (c.last_login > best->last_login ||
        (c.last_login == best->last_login && c.membership.user_id < best->membership.user_id)) {
      best = &c;
    }
  }
  if (best == nullptr) return std::nullopt;
  return best->membership.user_id;
}

}  // namespace choral::accounts
