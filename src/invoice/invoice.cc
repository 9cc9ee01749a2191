#include "invoice/invoice.h"

#include <array>

namespace choral::invoice {

std::string_view DocumentTypeCode(DocumentType type) {
  switch (type) {
    case DocumentType::kInvoice:
      return "FACTURE";
    case DocumentType::kCreditNote:
      return "AVOIR";
  }
  return "FACTURE";  // unreachable: the switch covers every enumerator
}

std::optional<DocumentType> ParseDocumentTypeCode(std::string_view code) {
  if (code == "FACTURE") return DocumentType::kInvoice;
  if (code == "AVOIR") return DocumentType::kCreditNote;
  return std::nullopt;
}

bool IsDepositFramework(std::string_view code) {
  // FUNCTIONAL.md §6: a simple deposit (portal or API "soumettre") offers A1, A2, A9 and A12;
  // the works and justice frameworks need circuits Choral does not have yet.
  static constexpr std::array<std::string_view, 4> kFrameworks = {
      kDefaultFramework, "A2_FACTURE_FOURNISSEUR_DEJA_PAYEE", "A9_FACTURE_SOUSTRAITANT",
      "A12_FACTURE_COTRAITANT"};
  for (std::string_view framework : kFrameworks) {
    if (framework == code) return true;
  }
  return false;
}

}  // namespace choral::invoice
