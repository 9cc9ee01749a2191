// The deposited PDF through the platform: its bytes, and the record of a recipient's download.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "platform/authentication.h"
#include "platform/demo_data.h"
#include "platform/deposit.h"
#include "platform/invoice_processing.h"
#include "platform/test_support.h"

namespace choral::platform {
namespace {

class InvoicePdfTest : public ::testing::Test {
 protected:
  InvoicePdfTest()
      : clock_(core::Timestamp(std::chrono::sys_days(std::chrono::year{2026} / 11 / 26))),
        store_(clock_),
        deposits_(*store_, clock_),
        processing_(*store_, clock_) {
    auto seeded = SeedDemoData(*store_, hasher_);
    EXPECT_TRUE(seeded);
    for (const auto& login : seeded->logins) passwords_[login.email] = login.password;
    supplier_ = LogIn("marc.dubois@atelier-lumen.example");
    ministry_ = LogIn("ines.petit@numerique.example");
    hospital_ = LogIn("emma.chevalier@ch-bellerive.example");
    std::ifstream in(std::string(CHORAL_CORPUS_DIR) + "/pdf/synthetic/syn-01-simple.pdf",
                     std::ios::binary);
    std::stringstream pdf;
    pdf << in.rdbuf();
    pdf_ = pdf.str();
  }

  Actor LogIn(const std::string& email) {
    Authentication auth(*store_, clock_, hasher_);
    auto login = auth.Login({email, passwords_[email], "127.0.0.1"});
    EXPECT_TRUE(login) << email;
    return login->actor;
  }

  core::InvoiceId Deposit(const std::string& number) {
    DepositForm form;
    form.supplier_id = supplier_.structures.at(0).id;
    form.recipient_siret = "11000998200015";
    form.service_code = "DAF-ACHATS";
    form.engagement_number = "EJ-1";
    form.invoice_number = number;
    form.issue_date = "2026-11-20";
    form.total_without_vat = "100.00";
    form.total_vat = "20.00";
    form.total_with_vat = "120.00";
    form.amount_due = "120.00";
    form.pdf = pdf_;
    form.confirm_duplicate_pdf = true;
    auto outcome = deposits_.Deposit(supplier_, form);
    EXPECT_TRUE(outcome && outcome->accepted);
    return outcome ? outcome->invoice_id : core::InvoiceId();
  }

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

  core::FixedClock clock_;
  testing::TempStore store_;
  PasswordHasher hasher_{PasswordHasher::Minimal()};
  Deposits deposits_;
  InvoiceProcessing processing_;
  std::map<std::string, std::string> passwords_;
  Actor supplier_, ministry_, hospital_;
  std::string pdf_;
};

TEST_F(InvoicePdfTest, TheBytesAreTheDepositedPdfUnderASafeName) {
  core::InvoiceId id = Deposit("F/2026+01");
  auto pdf = processing_.Pdf(supplier_, id);
  ASSERT_TRUE(pdf) << pdf.error().ToString();
  EXPECT_FALSE(pdf_.empty());
  EXPECT_EQ(pdf->bytes, pdf_);
  EXPECT_EQ(pdf->file_name, "facture-F_2026_01.pdf");
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
