// InvoiceStatus: where an invoice stands in its lifecycle, with Chorus Pro's status codes.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace choral::invoice {

// FUNCTIONAL.md §5.1: the main path of a simple invoice (goods and services).
enum class InvoiceStatus {
  kDeposited,         // DEPOSEE: stored, the deposit date is opposable
  kRouting,           // EN_COURS_ACHEMINEMENT
  kAvailable,         // MISE_A_DISPOSITION: in the recipient's space
  kTakenIntoAccount,  // PRISE_EN_COMPTE_DESTINATAIRE
  kServiceDone,       // SERVICE_FAIT
  kMandated,          // MANDATEE (a mandate number may be given)
  kSentToAccountant,  // MISE_A_DISPOSITION_COMPTABLE
  kAccounted,         // COMPTABILISEE
  kPaymentIssued,     // MISE_EN_PAIEMENT: last status
  kToRecycle,         // A_RECYCLER: wrong routing data; the supplier corrects and resends
  kSuspended,         // SUSPENDUE: a supporting document is missing (reason required)
  kCompleted,         // COMPLETEE: the supplier completed a suspended invoice
  kRejected,          // REJETEE: final (reason required)
};

// "DEPOSEE", "EN_COURS_ACHEMINEMENT", ... exactly as Chorus Pro spells them.
std::string_view StatusCode(InvoiceStatus status);
std::optional<InvoiceStatus> ParseStatusCode(std::string_view code);

// Every status, in the order above.
const std::vector<InvoiceStatus>& AllStatuses();

}  // namespace choral::invoice
