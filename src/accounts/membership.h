// Membership: a user's attachment to a structure, with a role and a state.
#pragma once

#include <optional>
#include <string_view>

#include "accounts/role.h"
#include "core/clock.h"
#include "core/ids.h"

namespace choral::accounts {

// Chorus Pro's attachment states (FUNCTIONAL.md §3.2).
enum class AttachmentStatus {
  kPending,      // EN_COURS_DE_VALIDATION
  kApproved,     // VALIDEE
  kRefused,      // REFUSEE
  kDeactivated,  // DESACTIVEE
  kDeleted,      // SUPPRIMEE
};

std::string_view AttachmentStatusCode(AttachmentStatus status);
std::optional<AttachmentStatus> ParseAttachmentStatus(std::string_view code);

struct Membership {
  core::MembershipId id;
  core::UserId user_id;
  core::StructureId structure_id;
  Role role = Role::kUser;
  AttachmentStatus status = AttachmentStatus::kPending;
  core::Timestamp created_at{};

  // Only an approved attachment lets the user act for the structure.
  bool IsEffective() const { return status == AttachmentStatus::kApproved; }

  friend bool operator==(const Membership&, const Membership&) = default;
};

}  // namespace choral::accounts
