#include "accounts/membership.h"

namespace choral::accounts {

std::string_view AttachmentStatusCode(AttachmentStatus status) {
  switch (status) {
    case AttachmentStatus::kPending:
      return "EN_COURS_DE_VALIDATION";
    case AttachmentStatus::kApproved:
      return "VALIDEE";
    case AttachmentStatus::kRefused:
      return "REFUSEE";
    case AttachmentStatus::kDeactivated:
      return "DESACTIVEE";
    case AttachmentStatus::kDeleted:
      return "SUPPRIMEE";
  }
  return "EN_COURS_DE_VALIDATION";  // unreachable for a declared enumerator; grants nothing
}

std::optional<AttachmentStatus> ParseAttachmentStatus(std::string_view code) {
  for (AttachmentStatus status :
       {AttachmentStatus::kPending, AttachmentStatus::kApproved, AttachmentStatus::kRefused,
        AttachmentStatus::kDeactivated, AttachmentStatus::kDeleted}) {
    if (AttachmentStatusCode(status) == code) return status;
  }
  return std::nullopt;
}

}  // namespace choral::accounts
