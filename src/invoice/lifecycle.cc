#include "invoice/lifecycle.h"

#include <optional>
#include <string>

namespace choral::invoice {
namespace {

using S = InvoiceStatus;

// The state machine (FUNCTIONAL.md §5.1). Each allowed move belongs to exactly one side:
//
//   from                                   to                                     side
//   DEPOSEE                                EN_COURS_ACHEMINEMENT                  system
//   EN_COURS_ACHEMINEMENT                  MISE_A_DISPOSITION                     system
//   MISE_A_DISPOSITION, COMPLETEE          any processing step                    recipient
//   a processing step                      any later processing step              recipient
//   MISE_A_DISPOSITION, COMPLETEE,         A_RECYCLER, SUSPENDUE, REJETEE         recipient
//     PRISE_EN_COMPTE_DESTINATAIRE,          (reason required)
//     SERVICE_FAIT
//   SUSPENDUE                              COMPLETEE                              supplier
//   A_RECYCLER                             DEPOSEE                                supplier
//
// Processing steps, in order: PRISE_EN_COMPTE_DESTINATAIRE < SERVICE_FAIT < MANDATEE <
// MISE_A_DISPOSITION_COMPTABLE < COMPTABILISEE < MISE_EN_PAIEMENT. §5.1 makes the four in the
// middle optional (each recipient uses the ones it wants) and its official example goes from
// MISE_A_DISPOSITION straight to any of them, so any step may be skipped, but none undone: a
// mandate or a payment cannot be taken back on the platform.
// An invoice returns to the supplier only before it is mandated: once the payment order exists,
// a wrong invoice is the accountant's business, not a resubmission.
// Recycling (A_RECYCLER -> DEPOSEE) sends the corrected invoice back through routing, as a new
// deposit with the same number; completing (SUSPENDUE -> COMPLETEE) hands it back to the
// recipient directly, the routing data having not changed.
// MISE_EN_PAIEMENT and REJETEE are final. Staying on the same status is refused: the official
// example lists MISE_A_DISPOSITION among its own targets, but a no-op move would only write a
// misleading history line.

// The rank of a processing step, 0 when `status` is not one.
int StepRank(InvoiceStatus status) {
  switch (status) {
    case S::kTakenIntoAccount:
      return 1;
    case S::kServiceDone:
      return 2;
    case S::kMandated:
      return 3;
    case S::kSentToAccountant:
      return 4;
    case S::kAccounted:
      return 5;
    case S::kPaymentIssued:
      return 6;
    default:
      return 0;
  }
}

bool IsReturnToSupplier(InvoiceStatus status) {
  return status == S::kToRecycle || status == S::kSuspended || status == S::kRejected;
}

// Where the recipient has the invoice and nothing done yet: processing starts from here.
bool IsWithRecipientUnprocessed(InvoiceStatus status) {
  return status == S::kAvailable || status == S::kCompleted;
}

// Before MANDATEE: the recipient may still hand the invoice back.
bool MayReturnToSupplier(InvoiceStatus status) {
  return IsWithRecipientUnprocessed(status) || status == S::kTakenIntoAccount ||
         status == S::kServiceDone;
}

// The side the table gives the move `from` -> `to` to; none when the move is not in the table.
std::optional<Side> MoveOwner(InvoiceStatus from, InvoiceStatus to) {
  if (from == S::kDeposited && to == S::kRouting) return Side::kSystem;
  if (from == S::kRouting && to == S::kAvailable) return Side::kSystem;
  if (from == S::kSuspended && to == S::kCompleted) return Side::kSupplier;
  if (from == S::kToRecycle && to == S::kDeposited) return Side::kSupplier;
  const int to_rank = StepRank(to);
  if (to_rank > 0 && (IsWithRecipientUnprocessed(from) || StepRank(from) > 0) &&
      StepRank(from) < to_rank) {
    return Side::kRecipient;
  }
  if (IsReturnToSupplier(to) && MayReturnToSupplier(from)) return Side::kRecipient;
  return std::nullopt;
}

std::string_view SideName(Side side) {
  switch (side) {
    case Side::kSystem:
      return "Choral";
    case Side::kSupplier:
      return "the supplier";
    case Side::kRecipient:
      return "the recipient";
  }
  return "?";
}

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

// Why a move outside the table is refused, in the user's terms.
std::string RefusalOf(InvoiceStatus from, InvoiceStatus to) {
  const std::string from_code(StatusCode(from));
  const std::string to_code(StatusCode(to));
  if (StepRank(from) > 0 && StepRank(to) > 0) {
    return from_code + " cannot go back to " + to_code;
  }
  if (StepRank(from) >= StepRank(S::kMandated) && IsReturnToSupplier(to)) {
    return from_code + " cannot move to " + to_code +
           ": an invoice returns to the supplier only before it is MANDATEE";
  }
  return "an invoice cannot move from " + from_code + " to " + to_code;
}

}  // namespace

core::Status CheckMove(InvoiceStatus from, InvoiceStatus to, Side side, std::string_view reason) {
  if (IsFinal(from)) {
    return core::Fail(core::ErrorCode::kConflict, std::string(StatusCode(from)) +
                                                      " is final: the invoice cannot move to " +
                                                      std::string(StatusCode(to)));
  }
  if (from == to) {
    return core::Fail(core::ErrorCode::kConflict,
                      "the invoice is already " + std::string(StatusCode(from)));
  }
  const std::optional<Side> owner = MoveOwner(from, to);
  if (!owner) return core::Fail(core::ErrorCode::kConflict, RefusalOf(from, to));
  if (*owner != side) {
    return core::Fail(core::ErrorCode::kConflict,
                      "only " + std::string(SideName(*owner)) + " may move an invoice from " +
                          std::string(StatusCode(from)) + " to " + std::string(StatusCode(to)));
  }
  // FUNCTIONAL.md §5.1: the motif is mandatory for SUSPENDUE and REJETEE; Choral asks it for
  // A_RECYCLER too, since the supplier must know which routing data to correct.
  if (IsReturnToSupplier(to) && IsBlank(reason)) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "moving an invoice from " + std::string(StatusCode(from)) + " to " +
                          std::string(StatusCode(to)) + " needs a reason");
  }
  return core::Ok();
}

std::vector<InvoiceStatus> PossibleMoves(InvoiceStatus from, Side side) {
  std::vector<InvoiceStatus> moves;
  if (IsFinal(from)) return moves;
  for (InvoiceStatus to : AllStatuses()) {
    if (to != from && MoveOwner(from, to) == side) moves.push_back(to);
  }
  return moves;
}

bool IsFinal(InvoiceStatus status) { return status == S::kPaymentIssued || status == S::kRejected; }

bool WaitsOnRecipient(InvoiceStatus status) {
  // Everything from "available" up to, not including, payment: the recipient still owes a step.
  return IsWithRecipientUnprocessed(status) ||
         (StepRank(status) > 0 && status != S::kPaymentIssued);
}

bool WaitsOnSupplier(InvoiceStatus status) {
  return status == S::kSuspended || status == S::kToRecycle;
}

}  // namespace choral::invoice
