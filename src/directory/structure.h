// Structure: a company or public entity that sends or receives invoices.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/ids.h"
#include "core/result.h"
#include "directory/identifier_type.h"

namespace choral::directory {

enum class StructureKind { kPublic, kPrivate };  // PUBLIQUE / PRIVEE

std::string_view StructureKindCode(StructureKind kind);  // "PUBLIQUE" / "PRIVEE"
std::optional<StructureKind> ParseStructureKind(std::string_view code);

// What a deposit to a public structure must carry (FUNCTIONAL.md §2.1). A supplier's structure
// leaves them all false.
struct StructureFlags {
  bool service_code_required = false;                // codeServiceDoitEtreRenseigne
  bool engagement_number_required = false;           // numeroEJDoitEtreRenseigne
  bool service_code_or_engagement_required = false;  // gestionNumeroEJOuCodeService
  bool payment_status_not_reported = false;          // statutMiseEnPaiementNestPasRemonte

  friend bool operator==(const StructureFlags&, const StructureFlags&) = default;
};

struct Structure {
  core::StructureId id;
  IdentifierType identifier_type = IdentifierType::kSiret;
  std::string identifier;  // normalised by NormaliseIdentifier
  StructureKind kind = StructureKind::kPrivate;
  std::string name;        // raison sociale
  std::string vat_number;  // intra-EU VAT, may be empty
  std::string address;     // one block of text: street, postcode, city
  StructureFlags flags;
  bool active = true;

  friend bool operator==(const Structure&, const Structure&) = default;
};

// Checks a structure before it is created or saved: identifier valid for its type, name of
// 1..200 characters, deposit flags only on public structures. kInvalidArgument naming the field.
core::Status ValidateStructure(const Structure& structure);

}  // namespace choral::directory
