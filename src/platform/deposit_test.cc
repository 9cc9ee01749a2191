// Deposits through the platform, on a real store, with a real PDF read by the sandboxed worker.
#include "platform/deposit.h"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "pdf/test_util.h"
#include "platform/authentication.h"
#include "platform/demo_data.h"
#include "platform/test_support.h"

namespace choral::platform {
namespace {

std::string ReadCorpusFile(const std::string& relative) {
  std::ifstream in(std::string(CHORAL_CORPUS_DIR) + "/pdf/" + relative, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

pdf::ReaderPoolOptions TwoWorkers() {
  pdf::ReaderPoolOptions options;
  options.size = 2;
  return options;
}

class DepositTest : public ::testing::Test {
 protected:
  DepositTest()
      : clock_(core::Timestamp(std::chrono::sys_days(std::chrono::year{2026} / 11 / 26))),
        store_(clock_),
        deposits_(*store_, clock_, readers_) {
    auto seeded = SeedDemoData(*store_, hasher_);
    EXPECT_TRUE(seeded);
    for (const auto& login : seeded->logins) passwords_[login.email] = login.password;
  }

  Actor LogIn(const std::string& email) {
    Authentication auth(*store_, clock_, hasher_);
    auto login = auth.Login({email, passwords_[email], "127.0.0.1"});
    EXPECT_TRUE(login) << email;
    return login->actor;
  }

  // A valid deposit from the SME to the ministry (service code and engagement required there).
  DepositForm ValidForm(const Actor& supplier) {
    DepositForm form;
    form.supplier_id = supplier.structures.at(0).id;
    form.recipient_siret = "110 009 982 00015";
    form.service_code = "DAF-ACHATS";
    form.engagement_number = "EJ-2100456789";
    form.invoice_number = "FAC-2026-0001";
    form.issue_date = "20/11/2026";
    form.total_without_vat = "4 250,00";
    form.total_vat = "850,00";
    form.total_with_vat = "5 100,00";
    form.amount_due = "5100.00";
    form.pdf = ReadCorpusFile("synthetic/syn-01-simple.pdf");
    return form;
  }

  std::vector<std::string> RuleIds(const DepositOutcome& outcome) {
    std::vector<std::string> ids;
    for (const auto& f : outcome.findings) ids.push_back(f.rule_id + "@" + f.field);
    return ids;
  }

  core::FixedClock clock_;
  testing::TempStore store_;
  PasswordHasher hasher_{PasswordHasher::Minimal()};
  pdf::ReaderPool readers_{TwoWorkers()};
  Deposits deposits_;
  std::map<std::string, std::string> passwords_;
};

TEST_F(DepositTest, PrefillReadsThePdf) {
  Actor supplier = LogIn("marc.dubois@atelier-lumen.example");
  auto prefill = deposits_.Prefill(supplier, ReadCorpusFile("synthetic/syn-01-simple.pdf"));
  ASSERT_TRUE(prefill) << prefill.error().ToString();
  EXPECT_FALSE(prefill->extraction.is_scanned);
  const auto* number = prefill->extraction.recognition.Find(recognize::Field::kInvoiceNumber);
  ASSERT_NE(number, nullptr);
  EXPECT_EQ(number->value, "FAC-2024-0142");
  EXPECT_FALSE(prefill->recipient.has_value());  // its buyer is not on this platform
}

TEST_F(DepositTest, AcceptedDepositIsAvailableToTheRecipientWithItsHistory) {
  Actor supplier = LogIn("marc.dubois@atelier-lumen.example");
  auto outcome = deposits_.Deposit(supplier, ValidForm(supplier));
  ASSERT_TRUE(outcome) << outcome.error().ToString();
  ASSERT_TRUE(outcome->accepted) << ::testing::PrintToString(RuleIds(*outcome));
  EXPECT_EQ(outcome->pdf_sha256.size(), 64u);
  EXPECT_EQ(store_->blobs().Get(outcome->pdf_sha256).value(),
            ReadCorpusFile("synthetic/syn-01-simple.pdf"));

  ASSERT_TRUE(store_->Read([&](store::Transaction& tx) -> core::Status {
    auto invoice = tx.invoices().Get(outcome->invoice_id);
    if (!invoice) return core::Fail(invoice.error());
    EXPECT_EQ(invoice->status, invoice::InvoiceStatus::kAvailable);
    EXPECT_EQ(invoice->total_with_vat, core::Decimal::FromCents(510000));
    EXPECT_EQ(invoice->issue_date.ToIso(), "2026-11-20");
    auto history = tx.invoices().History(outcome->invoice_id);
    if (!history) return core::Fail(history.error());
    std::vector<std::string> statuses;
    for (const auto& entry : *history) statuses.emplace_back(invoice::StatusCode(*entry.status));
    EXPECT_EQ(statuses,
              (std::vector<std::string>{"DEPOSEE", "EN_COURS_ACHEMINEMENT", "MISE_A_DISPOSITION"}));
    return core::Ok();
  }));
  auto verified = store_->Verify();
  ASSERT_TRUE(verified);
  EXPECT_TRUE(verified->ok) << verified->first_problem;

  // Everyone attached to the ministry is told; nobody at the commune.
  ASSERT_TRUE(store_->Read([&](store::Transaction& tx) -> core::Status {
    for (const char* email : {"claire.martin@numerique.example", "hugo.bernard@numerique.example",
                              "ines.petit@numerique.example"}) {
      auto mails = tx.outbox().SentTo(email);
      if (!mails) return core::Fail(mails.error());
      EXPECT_EQ(mails->size(), 1u) << email;
      if (!mails->empty()) {
        EXPECT_EQ(mails->front().template_key, "mail.invoice_deposited");
      }
    }
    EXPECT_TRUE(tx.outbox().SentTo("luc.garnier@saint-aubin.example").value().empty());
    return core::Ok();
  }));
}

TEST_F(DepositTest, RefusalNamesEveryBrokenRuleAndWritesNothing) {
  Actor supplier = LogIn("marc.dubois@atelier-lumen.example");
  DepositForm form = ValidForm(supplier);
  form.service_code = "";
  form.engagement_number = "";
  form.total_vat = "851,00";
  form.issue_date = "31/02/2026";
  auto outcome = deposits_.Deposit(supplier, form);
  ASSERT_TRUE(outcome);
  EXPECT_FALSE(outcome->accepted);
  auto ids = RuleIds(*outcome);
  for (const char* expected :
       {"DEP-SERVICE-CODE-REQUIRED@service_code", "DEP-ENGAGEMENT-REQUIRED@engagement_number",
        "DEP-TOTALS@total_with_vat", "DEP-FORMAT@issue_date"}) {
    EXPECT_NE(std::find(ids.begin(), ids.end(), expected), ids.end())
        << expected << " not in " << ::testing::PrintToString(ids);
  }
  ASSERT_TRUE(store_->Read([&](store::Transaction& tx) -> core::Status {
    store::InvoiceQuery all;
    EXPECT_EQ(tx.invoices().Count(all).value(), 0);
    EXPECT_TRUE(tx.outbox().Pending(100).value().empty());
    return core::Ok();
  }));
}

TEST_F(DepositTest, SameNumberTwiceIsRefusedAndSamePdfAsksForConfirmation) {
  Actor supplier = LogIn("marc.dubois@atelier-lumen.example");
  DepositForm form = ValidForm(supplier);
  ASSERT_TRUE(deposits_.Deposit(supplier, form)->accepted);
  auto again = deposits_.Deposit(supplier, form);
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->accepted);
  EXPECT_EQ(RuleIds(*again), std::vector<std::string>{"DEP-NUMBER-TAKEN@invoice_number"});

  form.invoice_number = "FAC-2026-0002";
  auto duplicate = deposits_.Deposit(supplier, form);
  ASSERT_TRUE(duplicate);
  EXPECT_FALSE(duplicate->accepted);
  EXPECT_TRUE(duplicate->needs_duplicate_confirmation);
  form.confirm_duplicate_pdf = true;
  EXPECT_TRUE(deposits_.Deposit(supplier, form)->accepted);
}

TEST_F(DepositTest, OnlyTheSuppliersPeopleDepositForIt) {
  Actor recipient = LogIn("claire.martin@numerique.example");
  Actor supplier = LogIn("marc.dubois@atelier-lumen.example");
  DepositForm form = ValidForm(supplier);
  auto refused = deposits_.Deposit(recipient, form);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::kPermissionDenied);
  EXPECT_FALSE(deposits_.Prefill(recipient, form.pdf));
}

TEST_F(DepositTest, AScanIsRefused) {
  Actor supplier = LogIn("marc.dubois@atelier-lumen.example");
  DepositForm form = ValidForm(supplier);
  form.pdf = ReadCorpusFile("synthetic/syn-05-scan-of-table.pdf");
  auto outcome = deposits_.Deposit(supplier, form);
  ASSERT_TRUE(outcome);
  EXPECT_FALSE(outcome->accepted);
  auto ids = RuleIds(*outcome);
  EXPECT_NE(std::find(ids.begin(), ids.end(), "DEP-SCANNED-PDF@pdf"), ids.end())
      << ::testing::PrintToString(ids);
}

TEST_F(DepositTest, AnUploadKeepsThePdfAsADraftThatDepositsByIdAndIsThenGone) {
  Actor supplier = LogIn("marc.dubois@atelier-lumen.example");
  DepositForm form = ValidForm(supplier);
  auto upload = deposits_.Upload(supplier, form.supplier_id, "mars.pdf", form.pdf);
  ASSERT_TRUE(upload) << upload.error().ToString();
  ASSERT_GT(upload->draft_id, 0);
  EXPECT_EQ(upload->file_name, "mars.pdf");
  EXPECT_EQ(store_->blobs().Get(upload->pdf_sha256).value(), form.pdf);
  ASSERT_FALSE(upload->extraction.page_sizes.empty());
  EXPECT_NEAR(upload->extraction.page_sizes[0].width, 595, 1);  // A4 in points

  auto reread = deposits_.Reread(supplier, upload->draft_id);
  ASSERT_TRUE(reread) << reread.error().ToString();
  EXPECT_EQ(reread->file_name, "mars.pdf");
  EXPECT_EQ(reread->extraction.recognition.Find(recognize::Field::kInvoiceNumber)->value,
            upload->extraction.recognition.Find(recognize::Field::kInvoiceNumber)->value);

  form.pdf.clear();
  form.draft_id = upload->draft_id;
  auto outcome = deposits_.Deposit(supplier, form);
  ASSERT_TRUE(outcome) << outcome.error().ToString();
  ASSERT_TRUE(outcome->accepted) << ::testing::PrintToString(RuleIds(*outcome));
  EXPECT_EQ(outcome->pdf_sha256, upload->pdf_sha256);

  // Deposited: the draft is gone, so the same form cannot deposit it twice.
  form.invoice_number = "FAC-2026-0002";
  auto again = deposits_.Deposit(supplier, form);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, core::ErrorCode::kNotFound);
}

TEST_F(DepositTest, ADraftIsItsUploadersOnly) {
  Actor marc = LogIn("marc.dubois@atelier-lumen.example");
  Actor lea = LogIn("lea.girard@atelier-lumen.example");  // same supplier, another person
  DepositForm form = ValidForm(marc);
  auto upload = deposits_.Upload(marc, form.supplier_id, "mars.pdf", form.pdf);
  ASSERT_TRUE(upload) << upload.error().ToString();

  EXPECT_EQ(deposits_.Reread(lea, upload->draft_id).error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(deposits_.PreviewPng(lea, upload->draft_id, 1).error().code,
            core::ErrorCode::kNotFound);
  form.pdf.clear();
  form.draft_id = upload->draft_id;
  auto stolen = deposits_.Deposit(lea, form);
  ASSERT_FALSE(stolen);
  EXPECT_EQ(stolen.error().code, core::ErrorCode::kNotFound);
  EXPECT_TRUE(deposits_.Deposit(marc, form)->accepted);
}

TEST_F(DepositTest, AnUploadIsForASupplierTheActorActsFor) {
  Actor marc = LogIn("marc.dubois@atelier-lumen.example");
  Actor julie = LogIn("julie.moreau@traduction.example");
  auto upload = deposits_.Upload(marc, julie.structures.at(0).id, "x.pdf",
                                 ReadCorpusFile("synthetic/syn-01-simple.pdf"));
  ASSERT_FALSE(upload);
  EXPECT_EQ(upload.error().code, core::ErrorCode::kPermissionDenied);
}

TEST_F(DepositTest, AScanIsReadButNotKept) {
  Actor supplier = LogIn("marc.dubois@atelier-lumen.example");
  auto upload = deposits_.Upload(supplier, supplier.structures.at(0).id, "scan.pdf",
                                 ReadCorpusFile("synthetic/syn-05-scan-of-table.pdf"));
  ASSERT_TRUE(upload) << upload.error().ToString();
  EXPECT_TRUE(upload->extraction.is_scanned);
  EXPECT_EQ(upload->draft_id, 0);
}

TEST_F(DepositTest, ThePreviewIsAPngOfTheDraftsPage) {
  Actor supplier = LogIn("marc.dubois@atelier-lumen.example");
  auto upload = deposits_.Upload(supplier, supplier.structures.at(0).id, "mars.pdf",
                                 ReadCorpusFile("synthetic/syn-01-simple.pdf"));
  ASSERT_TRUE(upload) << upload.error().ToString();
  auto png = deposits_.PreviewPng(supplier, upload->draft_id, 1);
  ASSERT_TRUE(png) << png.error().ToString();
  EXPECT_EQ(png->substr(0, 8), std::string("\x89PNG\r\n\x1a\n"));
  auto beyond = deposits_.PreviewPng(supplier, upload->draft_id, 99);
  ASSERT_FALSE(beyond);
  EXPECT_EQ(beyond.error().code, core::ErrorCode::kInvalidArgument);
}

TEST_F(DepositTest, DraftsOlderThanADayAreForgottenAtTheNextUpload) {
  Actor supplier = LogIn("marc.dubois@atelier-lumen.example");
  std::string pdf = ReadCorpusFile("synthetic/syn-01-simple.pdf");
  auto old_one = deposits_.Upload(supplier, supplier.structures.at(0).id, "old.pdf", pdf);
  ASSERT_TRUE(old_one);
  clock_.Advance(Deposits::kDraftLifetime + std::chrono::minutes(1));
  ASSERT_TRUE(deposits_.Upload(supplier, supplier.structures.at(0).id, "new.pdf", pdf));
  EXPECT_EQ(deposits_.Reread(supplier, old_one->draft_id).error().code, core::ErrorCode::kNotFound);
}

TEST_F(DepositTest, ThreadsShareThePoolsWorkersAndEveryoneIsAnswered) {
  Actor supplier = LogIn("marc.dubois@atelier-lumen.example");
  const std::string pdf = ReadCorpusFile("synthetic/syn-01-simple.pdf");
  std::atomic<int> answered{0};
  std::atomic<bool> done{false};
  size_t most_workers = 0;
  std::thread monitor([&] {
    while (!done) {
      most_workers = std::max(most_workers, pdf::testing::WorkerChildren().size());
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  });
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 3; ++i) {
        if (auto prefill = deposits_.Prefill(supplier, pdf)) ++answered;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  done = true;
  monitor.join();
  EXPECT_EQ(answered, 18);
  EXPECT_LE(most_workers, 2u);  // six threads, the pool's two workers
  EXPECT_LE(readers_.readers(), 2);
}

TEST_F(DepositTest, ABusyPoolAsksToTryAgainRatherThanBlamingThePdf) {
  Actor supplier = LogIn("marc.dubois@atelier-lumen.example");
  pdf::ReaderPoolOptions options;
  options.size = 1;
  options.max_wait = std::chrono::milliseconds(50);
  pdf::ReaderPool busy_readers(options);
  Deposits deposits(*store_, clock_, busy_readers);
  auto held = busy_readers.Acquire();  // the only worker, lent elsewhere
  ASSERT_TRUE(held);
  DepositForm form = ValidForm(supplier);
  auto prefill = deposits.Prefill(supplier, form.pdf);
  ASSERT_FALSE(prefill);
  EXPECT_EQ(prefill.error().code, core::ErrorCode::kResourceExhausted);
  auto deposit = deposits.Deposit(supplier, form);
  ASSERT_FALSE(deposit);
  EXPECT_EQ(deposit.error().code, core::ErrorCode::kResourceExhausted);
  held = core::Fail(core::ErrorCode::kInternal, "released");
  auto accepted = deposits.Deposit(supplier, form);
  ASSERT_TRUE(accepted) << accepted.error().ToString();
  EXPECT_TRUE(accepted->accepted);
}

}  // namespace
}  // namespace choral::platform
