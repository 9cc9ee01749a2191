#include "invoice/lifecycle.h"

#include <set>
#include <string>
#include <tuple>

#include <gtest/gtest.h>

namespace choral::invoice {
namespace {

using Move = std::tuple<std::string, std::string, Side>;

constexpr Side kSys = Side::kSystem;
constexpr Side kSup = Side::kSupplier;
constexpr Side kRec = Side::kRecipient;

// FUNCTIONAL.md §5.1 as Choral applies it, written out move by move (by code, not by the
// implementation's ranks) so the exhaustive test below checks the code against an independent
// copy of the table.
const std::set<Move>& AllowedMoves() {
  static const std::set<Move>* const moves = new std::set<Move>{
      // Routing after a deposit.
      {"DEPOSEE", "EN_COURS_ACHEMINEMENT", kSys},
      {"EN_COURS_ACHEMINEMENT", "MISE_A_DISPOSITION", kSys},
      // The supplier completes a suspended invoice, recycles one to recycle.
      {"SUSPENDUE", "COMPLETEE", kSup},
      {"A_RECYCLER", "DEPOSEE", kSup},
      // Processing from the recipient's inbox: any step.
      {"MISE_A_DISPOSITION", "PRISE_EN_COMPTE_DESTINATAIRE", kRec},
      {"MISE_A_DISPOSITION", "SERVICE_FAIT", kRec},
      {"MISE_A_DISPOSITION", "MANDATEE", kRec},
      {"MISE_A_DISPOSITION", "MISE_A_DISPOSITION_COMPTABLE", kRec},
      {"MISE_A_DISPOSITION", "COMPTABILISEE", kRec},
      {"MISE_A_DISPOSITION", "MISE_EN_PAIEMENT", kRec},
      {"COMPLETEE", "PRISE_EN_COMPTE_DESTINATAIRE", kRec},
      {"COMPLETEE", "SERVICE_FAIT", kRec},
      {"COMPLETEE", "MANDATEE", kRec},
      {"COMPLETEE", "MISE_A_DISPOSITION_COMPTABLE", kRec},
      {"COMPLETEE", "COMPTABILISEE", kRec},
      {"COMPLETEE", "MISE_EN_PAIEMENT", kRec},
      // Processing forward, skipping optional steps.
      {"PRISE_EN_COMPTE_DESTINATAIRE", "SERVICE_FAIT", kRec},
      {"PRISE_EN_COMPTE_DESTINATAIRE", "MANDATEE", kRec},
      {"PRISE_EN_COMPTE_DESTINATAIRE", "MISE_A_DISPOSITION_COMPTABLE", kRec},
      {"PRISE_EN_COMPTE_DESTINATAIRE", "COMPTABILISEE", kRec},
      {"PRISE_EN_COMPTE_DESTINATAIRE", "MISE_EN_PAIEMENT", kRec},
      {"SERVICE_FAIT", "MANDATEE", kRec},
      {"SERVICE_FAIT", "MISE_A_DISPOSITION_COMPTABLE", kRec},
      {"SERVICE_FAIT", "COMPTABILISEE", kRec},
      {"SERVICE_FAIT", "MISE_EN_PAIEMENT", kRec},
      {"MANDATEE", "MISE_A_DISPOSITION_COMPTABLE", kRec},
      {"MANDATEE", "COMPTABILISEE", kRec},
      {"MANDATEE", "MISE_EN_PAIEMENT", kRec},
      {"MISE_A_DISPOSITION_COMPTABLE", "COMPTABILISEE", kRec},
      {"MISE_A_DISPOSITION_COMPTABLE", "MISE_EN_PAIEMENT", kRec},
      {"COMPTABILISEE", "MISE_EN_PAIEMENT", kRec},
      // Returns to the supplier, before the invoice is mandated.
      {"MISE_A_DISPOSITION", "A_RECYCLER", kRec},
      {"MISE_A_DISPOSITION", "SUSPENDUE", kRec},
      {"MISE_A_DISPOSITION", "REJETEE", kRec},
      {"COMPLETEE", "A_RECYCLER", kRec},
      {"COMPLETEE", "SUSPENDUE", kRec},
      {"COMPLETEE", "REJETEE", kRec},
      {"PRISE_EN_COMPTE_DESTINATAIRE", "A_RECYCLER", kRec},
      {"PRISE_EN_COMPTE_DESTINATAIRE", "SUSPENDUE", kRec},
      {"PRISE_EN_COMPTE_DESTINATAIRE", "REJETEE", kRec},
      {"SERVICE_FAIT", "A_RECYCLER", kRec},
      {"SERVICE_FAIT", "SUSPENDUE", kRec},
      {"SERVICE_FAIT", "REJETEE", kRec},
  };
  return *moves;
}

bool NeedsReason(const std::string& to) {
  return to == "A_RECYCLER" || to == "SUSPENDUE" || to == "REJETEE";
}

InvoiceStatus Status(std::string_view code) {
  const std::optional<InvoiceStatus> status = ParseStatusCode(code);
  EXPECT_TRUE(status.has_value()) << code;
  return status.value_or(InvoiceStatus::kDeposited);
}

std::string Refusal(InvoiceStatus from, InvoiceStatus to, Side side,
                    std::string_view reason = "a reason") {
  const core::Status status = CheckMove(from, to, side, reason);
  if (status.has_value()) return "allowed";
  EXPECT_EQ(status.error().code, core::ErrorCode::kConflict) << status.error().message;
  return status.error().message;
}

TEST(LifecycleTest, TableHasFortyThreeMoves) { EXPECT_EQ(AllowedMoves().size(), 43u); }

TEST(LifecycleTest, EveryTripleMatchesTheTable) {
  int checked = 0;
  int allowed = 0;
  for (InvoiceStatus from : AllStatuses()) {
    for (InvoiceStatus to : AllStatuses()) {
      for (Side side : {kSys, kSup, kRec}) {
        ++checked;
        const std::string from_code(StatusCode(from));
        const std::string to_code(StatusCode(to));
        const bool expected = AllowedMoves().contains({from_code, to_code, side});
        const core::Status status = CheckMove(from, to, side, "motif");
        SCOPED_TRACE(from_code + " -> " + to_code + " by side " +
                     std::to_string(static_cast<int>(side)));
        if (expected) {
          ++allowed;
          EXPECT_TRUE(status.has_value()) << status.error().message;
          continue;
        }
        ASSERT_FALSE(status.has_value());
        EXPECT_EQ(status.error().code, core::ErrorCode::kConflict);
        // Every refusal names both statuses (once when they are the same).
        EXPECT_NE(status.error().message.find(from_code), std::string::npos)
            << status.error().message;
        EXPECT_NE(status.error().message.find(to_code), std::string::npos)
            << status.error().message;
      }
    }
  }
  EXPECT_EQ(checked, 13 * 13 * 3);
  EXPECT_EQ(allowed, 43);
}

TEST(LifecycleTest, PossibleMovesListsTheTableInStatusOrder) {
  for (InvoiceStatus from : AllStatuses()) {
    for (Side side : {kSys, kSup, kRec}) {
      std::vector<InvoiceStatus> expected;
      for (InvoiceStatus to : AllStatuses()) {
        if (AllowedMoves().contains(
                {std::string(StatusCode(from)), std::string(StatusCode(to)), side})) {
          expected.push_back(to);
        }
      }
      EXPECT_EQ(PossibleMoves(from, side), expected) << StatusCode(from);
    }
  }
}

TEST(LifecycleTest, PossibleMovesFromTheInbox) {
  EXPECT_EQ(PossibleMoves(InvoiceStatus::kAvailable, kRec),
            (std::vector<InvoiceStatus>{InvoiceStatus::kTakenIntoAccount,
                                        InvoiceStatus::kServiceDone, InvoiceStatus::kMandated,
                                        InvoiceStatus::kSentToAccountant, InvoiceStatus::kAccounted,
                                        InvoiceStatus::kPaymentIssued, InvoiceStatus::kToRecycle,
                                        InvoiceStatus::kSuspended, InvoiceStatus::kRejected}));
  EXPECT_TRUE(PossibleMoves(InvoiceStatus::kAvailable, kSup).empty());
  EXPECT_EQ(PossibleMoves(InvoiceStatus::kSuspended, kSup),
            std::vector<InvoiceStatus>{InvoiceStatus::kCompleted});
  EXPECT_TRUE(PossibleMoves(InvoiceStatus::kRejected, kRec).empty());
  EXPECT_TRUE(PossibleMoves(InvoiceStatus::kPaymentIssued, kRec).empty());
}

TEST(LifecycleTest, ReturnsToTheSupplierNeedAReason) {
  for (const auto& [from, to, side] : AllowedMoves()) {
    for (std::string_view reason : {"", " ", "\t\r\n"}) {
      const core::Status status = CheckMove(Status(from), Status(to), side, reason);
      if (!NeedsReason(to)) {
        EXPECT_TRUE(status.has_value()) << from << " -> " << to;
        continue;
      }
      ASSERT_FALSE(status.has_value()) << from << " -> " << to;
      EXPECT_EQ(status.error().code, core::ErrorCode::kInvalidArgument);
      EXPECT_EQ(status.error().message,
                "moving an invoice from " + from + " to " + to + " needs a reason");
    }
    EXPECT_TRUE(CheckMove(Status(from), Status(to), side, " x ").has_value());
  }
}

TEST(LifecycleTest, AWrongMoveIsRefusedBeforeTheMissingReason) {
  // The user must learn the move is impossible, not be asked for a reason first.
  EXPECT_EQ(Refusal(InvoiceStatus::kMandated, InvoiceStatus::kSuspended, kRec, ""),
            "MANDATEE cannot move to SUSPENDUE: an invoice returns to the supplier only before it "
            "is MANDATEE");
  EXPECT_EQ(Refusal(InvoiceStatus::kAvailable, InvoiceStatus::kRejected, kSup, ""),
            "only the recipient may move an invoice from MISE_A_DISPOSITION to REJETEE");
}

TEST(LifecycleTest, RefusalMessages) {
  EXPECT_EQ(Refusal(InvoiceStatus::kAvailable, InvoiceStatus::kAvailable, kRec),
            "the invoice is already MISE_A_DISPOSITION");
  EXPECT_EQ(Refusal(InvoiceStatus::kRejected, InvoiceStatus::kAvailable, kRec),
            "REJETEE is final: the invoice cannot move to MISE_A_DISPOSITION");
  EXPECT_EQ(Refusal(InvoiceStatus::kPaymentIssued, InvoiceStatus::kServiceDone, kRec),
            "MISE_EN_PAIEMENT is final: the invoice cannot move to SERVICE_FAIT");
  EXPECT_EQ(Refusal(InvoiceStatus::kMandated, InvoiceStatus::kServiceDone, kRec),
            "MANDATEE cannot go back to SERVICE_FAIT");
  EXPECT_EQ(Refusal(InvoiceStatus::kSuspended, InvoiceStatus::kCompleted, kRec),
            "only the supplier may move an invoice from SUSPENDUE to COMPLETEE");
  EXPECT_EQ(Refusal(InvoiceStatus::kDeposited, InvoiceStatus::kRouting, kSup),
            "only Choral may move an invoice from DEPOSEE to EN_COURS_ACHEMINEMENT");
  EXPECT_EQ(Refusal(InvoiceStatus::kDeposited, InvoiceStatus::kAvailable, kSys),
            "an invoice cannot move from DEPOSEE to MISE_A_DISPOSITION");
  EXPECT_EQ(Refusal(InvoiceStatus::kSuspended, InvoiceStatus::kAvailable, kRec),
            "an invoice cannot move from SUSPENDUE to MISE_A_DISPOSITION");
}

TEST(LifecycleTest, FinalStatuses) {
  for (InvoiceStatus status : AllStatuses()) {
    const bool final =
        status == InvoiceStatus::kPaymentIssued || status == InvoiceStatus::kRejected;
    EXPECT_EQ(IsFinal(status), final) << StatusCode(status);
    // A final status has no way out, for anyone.
    if (final) {
      for (Side side : {kSys, kSup, kRec}) EXPECT_TRUE(PossibleMoves(status, side).empty());
    }
  }
}

TEST(LifecycleTest, WhoTheInvoiceWaitsOn) {
  const std::set<std::string> on_recipient = {
      "MISE_A_DISPOSITION", "COMPLETEE", "PRISE_EN_COMPTE_DESTINATAIRE",
      "SERVICE_FAIT",       "MANDATEE",  "MISE_A_DISPOSITION_COMPTABLE",
      "COMPTABILISEE"};
  const std::set<std::string> on_supplier = {"SUSPENDUE", "A_RECYCLER"};
  for (InvoiceStatus status : AllStatuses()) {
    const std::string code(StatusCode(status));
    EXPECT_EQ(WaitsOnRecipient(status), on_recipient.contains(code)) << code;
    EXPECT_EQ(WaitsOnSupplier(status), on_supplier.contains(code)) << code;
  }
}

TEST(LifecycleTest, TheWholePathOfTheBrowserScenario) {
  // Deposit, routing, suspension, completion, payment: the path issue 4's browser test takes.
  EXPECT_TRUE(CheckMove(InvoiceStatus::kDeposited, InvoiceStatus::kRouting, kSys, ""));
  EXPECT_TRUE(CheckMove(InvoiceStatus::kRouting, InvoiceStatus::kAvailable, kSys, ""));
  EXPECT_TRUE(CheckMove(InvoiceStatus::kAvailable, InvoiceStatus::kSuspended, kRec, "no PO"));
  EXPECT_TRUE(CheckMove(InvoiceStatus::kSuspended, InvoiceStatus::kCompleted, kSup, ""));
  EXPECT_TRUE(CheckMove(InvoiceStatus::kCompleted, InvoiceStatus::kPaymentIssued, kRec, ""));
  // Recycling goes through routing again.
  EXPECT_TRUE(CheckMove(InvoiceStatus::kToRecycle, InvoiceStatus::kDeposited, kSup, ""));
}

}  // namespace
}  // namespace choral::invoice
