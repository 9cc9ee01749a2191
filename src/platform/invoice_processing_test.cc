// The processing of deposited invoices through the platform: spaces, moves, authorization,
// two people acting at once, and what a supplier may not see.
#include "platform/invoice_processing.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "platform/invoice_test_fixture.h"

namespace choral::platform {
namespace {

using invoice::InvoiceStatus;

class InvoiceProcessingTest : public testing::InvoiceFixture {
 protected:
  // The templates of the mails sent to `email`, oldest first.
  std::vector<std::string> Mails(const std::string& email) {
    std::vector<std::string> keys;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> core::Status {
      auto mails = tx.outbox().SentTo(email);
      if (!mails) return core::Fail(mails.error());
      for (const auto& m : *mails) {
        keys.push_back(m.template_key + ":" + nlohmann::json::parse(m.params).value("status", ""));
      }
      return core::Ok();
    }));
    return keys;
  }
};

TEST_F(InvoiceProcessingTest, SuspendCompleteAndPayGoesBackAndForthBetweenTheSides) {
  core::InvoiceId id = Deposit("F-1");
  EXPECT_EQ(processing_.CountToProcess(ministry_).value(), 1);
  EXPECT_EQ(processing_.CountToProcess(supplier_).value(), 0);

  auto no_reason = Move(ministry_, id, InvoiceStatus::kSuspended, "  ");
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().code, core::ErrorCode::kInvalidArgument);
  ASSERT_TRUE(Move(ministry_, id, InvoiceStatus::kSuspended, "Bon de livraison manquant"));
  EXPECT_EQ(processing_.CountToProcess(ministry_).value(), 0);
  EXPECT_EQ(processing_.CountToProcess(supplier_).value(), 1);

  ASSERT_TRUE(Move(supplier_, id, InvoiceStatus::kCompleted, "Bon de livraison joint"));
  EXPECT_EQ(processing_.CountToProcess(ministry_).value(), 1);
  ASSERT_TRUE(Move(ministry_, id, InvoiceStatus::kPaymentIssued));
  EXPECT_EQ(Mails("marc.dubois@atelier-lumen.example"),
            (std::vector<std::string>{"mail.invoice_status:SUSPENDUE",
                                      "mail.invoice_status:MISE_EN_PAIEMENT"}));
  EXPECT_EQ(Mails("ines.petit@numerique.example"),
            (std::vector<std::string>{"mail.invoice_deposited:", "mail.invoice_status:COMPLETEE"}));

  auto view = processing_.View(supplier_, id);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->summary.visible_status, InvoiceStatus::kPaymentIssued);
  EXPECT_TRUE(view->possible_moves.empty());
  ASSERT_EQ(view->history.size(), 6u);
  EXPECT_EQ(view->history[3].comment, "Bon de livraison manquant");
  EXPECT_EQ(view->history[4].actor, "user:" + std::to_string(supplier_.user_id.value()));
  EXPECT_EQ(view->people.at(view->history[3].actor), "Inès Petit");
  EXPECT_EQ(view->people.at(view->history[4].actor), "Marc Dubois");
  auto verified = store_->Verify();
  ASSERT_TRUE(verified);
  EXPECT_TRUE(verified->ok) << verified->first_problem;
}

TEST_F(InvoiceProcessingTest, EachSideMakesOnlyItsOwnMoves) {
  core::InvoiceId id = Deposit("F-2");
  auto supplier_pays = Move(supplier_, id, InvoiceStatus::kPaymentIssued);
  ASSERT_FALSE(supplier_pays);
  EXPECT_EQ(supplier_pays.error().code, core::ErrorCode::kConflict);
  ASSERT_TRUE(Move(ministry_, id, InvoiceStatus::kRejected, "Montant erroné"));
  auto after_final = Move(ministry_, id, InvoiceStatus::kPaymentIssued);
  ASSERT_FALSE(after_final);
  EXPECT_EQ(after_final.error().code, core::ErrorCode::kConflict);
}

TEST_F(InvoiceProcessingTest, OutsidersSeeNothing) {
  core::InvoiceId id = Deposit("F-3");
  auto hidden = processing_.View(hospital_, id);
  ASSERT_FALSE(hidden);
  EXPECT_EQ(hidden.error().code, core::ErrorCode::kNotFound);
  auto move = processing_.Move(hospital_, id, InvoiceStatus::kRejected, "x", 1);
  ASSERT_FALSE(move);
  EXPECT_EQ(move.error().code, core::ErrorCode::kNotFound);
  InvoiceSearch received;
  received.space = InvoiceSpace::kReceived;
  EXPECT_EQ(processing_.Search(hospital_, received).value().total, 0);
  EXPECT_EQ(processing_.Search(ministry_, received).value().total, 1);
}

TEST_F(InvoiceProcessingTest, AnOverlongCommentIsRefusedAndNothingMoves) {
  core::InvoiceId id = Deposit("F-7");
  auto refused = Move(ministry_, id, InvoiceStatus::kSuspended,
                      std::string(InvoiceProcessing::kMaxCommentBytes + 1, 'x'));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_NE(refused.error().message.find("the limit is"), std::string::npos);
  EXPECT_EQ(processing_.View(ministry_, id)->summary.invoice.status, InvoiceStatus::kAvailable);
}

TEST_F(InvoiceProcessingTest, OfTwoPeopleActingAtOnceOneWins) {
  core::InvoiceId id = Deposit("F-4");
  int64_t seen = Version(ministry_, id);
  ASSERT_TRUE(processing_.Move(ministry_, id, InvoiceStatus::kServiceDone, "", seen));
  auto late = processing_.Move(ministry_, id, InvoiceStatus::kRejected, "doublon", seen);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, core::ErrorCode::kConflict);
  EXPECT_NE(late.error().message.find("someone else"), std::string::npos);
}

TEST_F(InvoiceProcessingTest, SupplierDoesNotSeePaymentWhenTheRecipientDoesNotReportIt) {
  // The hospital does not report "mise en paiement" (statutMiseEnPaiementNestPasRemonte).
  core::InvoiceId id = Deposit("F-5", "26750813300019", "PHARMA");
  ASSERT_TRUE(Move(hospital_, id, InvoiceStatus::kMandated, "Mandat 2026-118"));
  ASSERT_TRUE(Move(hospital_, id, InvoiceStatus::kPaymentIssued));
  EXPECT_EQ(processing_.View(hospital_, id)->summary.visible_status, InvoiceStatus::kPaymentIssued);
  auto seen_by_supplier = processing_.View(supplier_, id);
  ASSERT_TRUE(seen_by_supplier);
  EXPECT_EQ(seen_by_supplier->summary.visible_status, InvoiceStatus::kMandated);
  for (const auto& entry : seen_by_supplier->history) {
    EXPECT_NE(entry.status, InvoiceStatus::kPaymentIssued);
  }
  EXPECT_EQ(Mails("marc.dubois@atelier-lumen.example"),
            std::vector<std::string>{"mail.invoice_status:MANDATEE"});
}

TEST_F(InvoiceProcessingTest, ARecycledInvoiceIsRoutedAgain) {
  core::InvoiceId id = Deposit("F-6");
  ASSERT_TRUE(Move(ministry_, id, InvoiceStatus::kToRecycle, "Mauvais service"));
  ASSERT_TRUE(Move(supplier_, id, InvoiceStatus::kDeposited, "Service corrigé"));
  auto view = processing_.View(ministry_, id);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->summary.invoice.status, InvoiceStatus::kAvailable);
}

}  // namespace
}  // namespace choral::platform
