// The deposited PDF through the platform: its bytes, and the record of a recipient's download.
#include <gtest/gtest.h>

#include "platform/invoice_test_fixture.h"

namespace choral::platform {
namespace {

class InvoicePdfTest : public testing::InvoiceFixture {
 protected:
  // The history actions without status, oldest first.
  std::vector<std::string> Actions(const Actor& actor, core::InvoiceId id) {
    std::vector<std::string> actions;
    auto view = processing_.View(actor, id);
    EXPECT_TRUE(view);
    if (!view) return actions;
    for (const auto& entry : view->history) {
      if (!entry.status) actions.push_back(entry.action + " " + entry.actor);
    }
    return actions;
  }

  int64_t DownloadEvents() {
    int64_t count = 0;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> core::Status {
      auto events = tx.audit().List(0, 10'000);
      if (!events) return core::Fail(events.error());
      for (const auto& event : *events) count += event.action == "invoice.downloaded" ? 1 : 0;
      return core::Ok();
    }));
    return count;
  }
};

TEST_F(InvoicePdfTest, TheBytesAreTheDepositedPdfUnderASafeName) {
  core::InvoiceId id = Deposit("F/2026+01");
  auto pdf = processing_.Pdf(supplier_, id);
  ASSERT_TRUE(pdf) << pdf.error().ToString();
  EXPECT_FALSE(testing::CorpusPdf().empty());
  EXPECT_EQ(pdf->bytes, testing::CorpusPdf());
  EXPECT_EQ(pdf->file_name, "facture-F_2026_01.pdf");
  EXPECT_EQ(pdf->media_type, "application/pdf");
}

TEST_F(InvoicePdfTest, ARecipientsDownloadIsRecorded) {
  core::InvoiceId id = Deposit("F-1");
  int64_t version = processing_.View(ministry_, id).value().summary.invoice.version;
  ASSERT_TRUE(processing_.Pdf(ministry_, id));
  std::string who = "user:" + std::to_string(ministry_.user_id.value());
  EXPECT_EQ(Actions(ministry_, id), std::vector<std::string>{"TELECHARGEMENT_FACTURE " + who});
  EXPECT_EQ(Actions(supplier_, id), std::vector<std::string>{"TELECHARGEMENT_FACTURE " + who});
  EXPECT_EQ(DownloadEvents(), 1);
  // A download is no status change: whoever opened the page before may still act.
  EXPECT_EQ(processing_.View(ministry_, id).value().summary.invoice.version, version);
  ASSERT_TRUE(processing_.Pdf(ministry_, id));
  EXPECT_EQ(Actions(ministry_, id).size(), 2u);
  EXPECT_EQ(DownloadEvents(), 2);
  auto verified = store_->Verify();
  ASSERT_TRUE(verified);
  EXPECT_TRUE(verified->ok);
}

TEST_F(InvoicePdfTest, TheSuppliersOwnDownloadIsNotRecorded) {
  core::InvoiceId id = Deposit("F-1");
  ASSERT_TRUE(processing_.Pdf(supplier_, id));
  EXPECT_TRUE(Actions(supplier_, id).empty());
  EXPECT_EQ(DownloadEvents(), 0);
}

TEST_F(InvoicePdfTest, AnOutsiderIsToldTheInvoiceDoesNotExist) {
  core::InvoiceId id = Deposit("F-1");
  auto pdf = processing_.Pdf(hospital_, id);
  ASSERT_FALSE(pdf);
  EXPECT_EQ(pdf.error().code, core::ErrorCode::kNotFound);
  auto missing = processing_.Pdf(supplier_, core::InvoiceId(id.value() + 1000));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, core::ErrorCode::kNotFound);
  EXPECT_TRUE(Actions(ministry_, id).empty());
  EXPECT_EQ(DownloadEvents(), 0);
}

}  // namespace
}  // namespace choral::platform
