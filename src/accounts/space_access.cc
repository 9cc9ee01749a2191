#include "accounts/space_access.h"

namespace choral::accounts {

std::string_view SpaceCode(Space space) {
  return space == Space::kSentInvoices ? "FACTURES_EMISES" : "FACTURES_RECUES";
}

std::optional<Space> ParseSpace(std::string_view code) {
  if (code == "FACTURES_EMISES") return Space::kSentInvoices;
  if (code == "FACTURES_RECUES") return Space::kReceivedInvoices;
  return std::nullopt;
}

std::string_view SpaceAccessCode(SpaceAccess access) {
  return access == SpaceAccess::kConsultation ? "CONSULTATION_UNIQUEMENT" : "MODIFICATION";
}

std::optional<SpaceAccess> ParseSpaceAccess(std::string_view code) {
  if (code == "CONSULTATION_UNIQUEMENT") return SpaceAccess::kConsultation;
  if (code == "MODIFICATION") return SpaceAccess::kModification;
  return std::nullopt;
}

}  // namespace choral::accounts
