// How a structure is identified: a SIRET for French establishments, other schemes for the rest.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace choral::directory {

// Chorus Pro's `typeIdentifiantStructure` (shared/spec/chorus-pro/FUNCTIONAL.md §1).
enum class IdentifierType {
  kSiret,            // French establishment, 14 digits with checksum
  kEuOutsideFrance,  // UE_HORS_FRANCE: intra-EU VAT number
  kOutsideEu,        // HORS_UE
  kRidet,            // New Caledonia
  kTahiti,           // French Polynesia
  kOther,            // AUTRE: entity being registered
  kIndividual,       // PARTICULIER: natural person
};

// The Chorus Pro spelling: "SIRET", "UE_HORS_FRANCE", "HORS_UE", "RIDET", "TAHITI", "AUTRE",
// "PARTICULIER".
std::string_view IdentifierTypeCode(IdentifierType type);
std::optional<IdentifierType> ParseIdentifierType(std::string_view code);

// Checks an identifier against its type's rules and returns its normalised form (SIRET: 14
// digits, checksum checked; others: trimmed, upper case, 1..80 characters of letters, digits and
// '-'). kInvalidArgument naming the identifier and the rule otherwise.
core::Result<std::string> NormaliseIdentifier(IdentifierType type, std::string_view identifier);

}  // namespace choral::directory
