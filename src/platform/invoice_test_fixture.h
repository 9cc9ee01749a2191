// Test support for the invoice use cases: the demo platform on a fresh store (SQLite, or
// PostgreSQL under platform_pgtest), its people logged in, and a one-call valid deposit.
#pragma once

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "platform/authentication.h"
#include "platform/demo_data.h"
#include "platform/deposit.h"
#include "platform/invoice_processing.h"
#include "platform/test_support.h"

namespace choral::platform::testing {

// The bytes of a file of shared/corpus/pdf/.
inline std::string CorpusPdf(const std::string& relative = "synthetic/syn-01-simple.pdf") {
  std::ifstream in(std::string(CHORAL_CORPUS_DIR) + "/pdf/" + relative, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

inline pdf::ReaderPoolOptions OneWorker() {
  pdf::ReaderPoolOptions options;
  options.size = 1;
  return options;
}

class InvoiceFixture : public ::testing::Test {
 protected:
  static constexpr const char* kMinistrySiret = "11000998200015";

  InvoiceFixture()
      : clock_(core::Timestamp(std::chrono::sys_days(std::chrono::year{2026} / 11 / 26))),
        store_(clock_),
        deposits_(*store_, clock_, readers_),
        processing_(*store_, clock_) {
    auto seeded = SeedDemoData(*store_, hasher_);
    EXPECT_TRUE(seeded);
    if (seeded) {
      for (const auto& login : seeded->logins) passwords_[login.email] = login.password;
    }
    supplier_ = LogIn("marc.dubois@atelier-lumen.example");
    ministry_ = LogIn("ines.petit@numerique.example");
    hospital_ = LogIn("emma.chevalier@ch-bellerive.example");
  }

  Actor LogIn(const std::string& email) {
    Authentication auth(*store_, clock_, hasher_);
    auto login = auth.Login({email, passwords_[email], "127.0.0.1"});
    EXPECT_TRUE(login) << email;
    return login ? login->actor : Actor{};
  }

  // A valid deposit by the SME; its id (invalid when refused, which fails the test).
  core::InvoiceId Deposit(const std::string& number,
                          const std::string& recipient_siret = kMinistrySiret,
                          const std::string& service_code = "DAF-ACHATS") {
    return DepositAs(supplier_, number, recipient_siret, service_code);
  }

  // The same deposit by another supplier, for its first structure; `total_with_vat` with VAT
  // 20.00 included.
  core::InvoiceId DepositAs(const Actor& who, const std::string& number,
                            const std::string& recipient_siret = kMinistrySiret,
                            const std::string& service_code = "DAF-ACHATS",
                            const std::string& total_with_vat = "120.00") {
    DepositForm form;
    form.supplier_id = who.structures.at(0).id;
    form.recipient_siret = recipient_siret;
    form.service_code = service_code;
    form.engagement_number = "EJ-1";
    form.invoice_number = number;
    form.issue_date = "2026-11-20";
    form.total_without_vat =
        (*core::Decimal::Parse(total_with_vat) - core::Decimal::FromCents(2000)).ToString(2);
    form.total_vat = "20.00";
    form.total_with_vat = total_with_vat;
    form.amount_due = total_with_vat;
    form.pdf = CorpusPdf();
    form.confirm_duplicate_pdf = true;
    auto outcome = deposits_.Deposit(who, form);
    EXPECT_TRUE(outcome && outcome->accepted) << number;
    return outcome ? outcome->invoice_id : core::InvoiceId();
  }

  int64_t Version(const Actor& actor, core::InvoiceId id) {
    auto view = processing_.View(actor, id);
    return view ? view->summary.invoice.version : -1;
  }

  // Moves the invoice as `actor`, from the version the actor sees now.
  core::Status Move(const Actor& actor, core::InvoiceId id, invoice::InvoiceStatus to,
                    const std::string& comment = "") {
    return processing_.Move(actor, id, to, comment, Version(actor, id));
  }

  core::FixedClock clock_;
  TempStore store_;
  PasswordHasher hasher_{PasswordHasher::Minimal()};
  pdf::ReaderPool readers_{OneWorker()};
  Deposits deposits_;
  InvoiceProcessing processing_;
  std::map<std::string, std::string> passwords_;
  Actor supplier_, ministry_, hospital_;
};

}  // namespace choral::platform::testing
