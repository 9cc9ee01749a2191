// Lifecycle: the state machine of an invoice — who may move it from which status to which.
#pragma once

#include <string_view>
#include <vector>

#include "core/result.h"
#include "invoice/status.h"

namespace choral::invoice {

// Who asks for a move. Roles inside a structure are checked by platform; this is the side.
enum class Side {
  kSystem,     // Choral itself: routing after a deposit
  kSupplier,   // the supplier's structure (completes, recycles)
  kRecipient,  // the public recipient's structure (processes)
};

// Ok when `side` may move an invoice from `from` to `to`. Errors, naming both statuses by code:
//   kConflict         the move is not in the state machine ("REJETEE is final", "MISE_EN_PAIEMENT
//                     cannot go back to SERVICE_FAIT", "only the recipient sets SUSPENDUE")
//   kInvalidArgument  SUSPENDUE, REJETEE and A_RECYCLER need a non-blank reason
// FUNCTIONAL.md §5.1: processing steps only move forward and may be skipped; SUSPENDUE,
// A_RECYCLER and REJETEE return the invoice to the supplier before it is mandated.
core::Status CheckMove(InvoiceStatus from, InvoiceStatus to, Side side, std::string_view reason);

// The statuses `side` may move an invoice to from `from` (what the portal offers), in
// AllStatuses() order. Empty for final statuses.
std::vector<InvoiceStatus> PossibleMoves(InvoiceStatus from, Side side);

// True for statuses no one may leave: MISE_EN_PAIEMENT, REJETEE.
bool IsFinal(InvoiceStatus status);

// True when the invoice waits on the recipient (MISE_A_DISPOSITION, COMPLETEE and every
// processing step before MISE_EN_PAIEMENT: it is still to be paid) or on the supplier (SUSPENDUE,
// A_RECYCLER; a REJETEE not yet acknowledged is platform's business). Neither for DEPOSEE and
// EN_COURS_ACHEMINEMENT (Choral is routing it) nor for final statuses.
bool WaitsOnRecipient(InvoiceStatus status);
bool WaitsOnSupplier(InvoiceStatus status);

}  // namespace choral::invoice
