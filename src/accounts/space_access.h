// Space access: the rights an attachment gives on a space of the portal (FUNCTIONAL.md §3.2).
#pragma once

#include <optional>
#include <string_view>

namespace choral::accounts {

enum class Space {
  kSentInvoices,      // FACTURES_EMISES: factures émises
  kReceivedInvoices,  // FACTURES_RECUES: factures reçues
};

enum class SpaceAccess {
  kConsultation,  // CONSULTATION_UNIQUEMENT
  kModification,  // MODIFICATION
};

std::string_view SpaceCode(Space space);
std::optional<Space> ParseSpace(std::string_view code);
std::string_view SpaceAccessCode(SpaceAccess access);
std::optional<SpaceAccess> ParseSpaceAccess(std::string_view code);

}  // namespace choral::accounts
