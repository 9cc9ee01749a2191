// Searching the invoice spaces: every criterion narrows what the actor's space shows and never
// widens it, deposit days are Paris days, and a supplier's filters and sorts tell it no more
// than its list shows.
#include <gtest/gtest.h>

#include "core/paris_time.h"
#include "platform/invoice_processing.h"
#include "platform/invoice_test_fixture.h"

namespace choral::platform {
namespace {

using invoice::InvoiceStatus;

class InvoiceSearchTest : public testing::InvoiceFixture {
 protected:
  static constexpr const char* kHospitalSiret = "26750813300019";

  InvoiceSearchTest() { translator_ = LogIn("julie.moreau@traduction.example"); }

  // The numbers `actor` finds, in the order found.
  std::vector<std::string> Found(const Actor& actor, const InvoiceSearch& search) {
    auto found = processing_.Search(actor, search);
    EXPECT_TRUE(found) << (found ? "" : found.error().ToString());
    std::vector<std::string> numbers;
    if (!found) return numbers;
    for (const auto& view : found->invoices) numbers.push_back(view.invoice.invoice_number);
    EXPECT_EQ(found->total, static_cast<int64_t>(numbers.size()));
    return numbers;
  }

  static InvoiceSearch In(InvoiceSpace space) {
    InvoiceSearch search;
    search.space = space;
    search.sort = InvoiceSort::kNumber;
    search.descending = false;
    return search;
  }

  static core::Date Day(int year, int month, int day) {
    return *core::Date::FromYmd(year, month, day);
  }

  Actor translator_;
};

using Numbers = std::vector<std::string>;

TEST_F(InvoiceSearchTest, CriteriaNeverWidenTheSpace) {
  Deposit("LUM-1");                                            // Atelier Lumen -> ministry
  Deposit("LUM-2", kHospitalSiret, "PHARMA");                  // Atelier Lumen -> hospital
  DepositAs(translator_, "TRAD-1");                            // translator -> ministry
  DepositAs(translator_, "TRAD-2", kHospitalSiret, "PHARMA");  // translator -> hospital

  // A supplier naming a counterpart finds its own invoices to it, not the other supplier's.
  InvoiceSearch sent = In(InvoiceSpace::kSent);
  sent.counterpart_contains = "ministere";
  EXPECT_EQ(Found(supplier_, sent), Numbers{"LUM-1"});
  EXPECT_EQ(Found(translator_, sent), Numbers{"TRAD-1"});
  sent.counterpart_contains = "Atelier Lumen";  // itself is no counterpart of its sent invoices
  EXPECT_TRUE(Found(supplier_, sent).empty());
  sent.counterpart_contains = "";
  sent.number_contains = "TRAD";  // another supplier's numbers
  EXPECT_TRUE(Found(supplier_, sent).empty());

  // A recipient naming a supplier finds that supplier's invoices to itself only.
  InvoiceSearch received = In(InvoiceSpace::kReceived);
  received.counterpart_contains = "MOREAU";
  EXPECT_EQ(Found(ministry_, received), Numbers{"TRAD-1"});
  EXPECT_EQ(Found(hospital_, received), Numbers{"TRAD-2"});
  received.counterpart_contains = "83412698900013";  // Atelier Lumen's SIRET
  EXPECT_EQ(Found(hospital_, received), Numbers{"LUM-2"});
  received.counterpart_contains = "";
  received.service_code = "daf-achats";  // the ministry's service, asked by the hospital
  EXPECT_TRUE(Found(hospital_, received).empty());
  EXPECT_EQ(Found(ministry_, received), (Numbers{"LUM-1", "TRAD-1"}));

  // A supplier has no received space, whatever the criteria.
  EXPECT_TRUE(Found(supplier_, In(InvoiceSpace::kReceived)).empty());
}

TEST_F(InvoiceSearchTest, StatusesNarrowToProcessAndNeverWidenIt) {
  core::InvoiceId suspended = Deposit("LUM-1");
  Deposit("LUM-2");
  ASSERT_TRUE(Move(ministry_, suspended, InvoiceStatus::kSuspended, "Bon de livraison"));
  InvoiceSearch to_process = In(InvoiceSpace::kToProcess);
  EXPECT_EQ(Found(supplier_, to_process), Numbers{"LUM-1"});
  EXPECT_EQ(Found(ministry_, to_process), Numbers{"LUM-2"});
  // A status the supplier's to-process never shows gives nothing, not every status.
  to_process.statuses = {InvoiceStatus::kAvailable};
  EXPECT_TRUE(Found(supplier_, to_process).empty());
  EXPECT_EQ(Found(ministry_, to_process), Numbers{"LUM-2"});
  to_process.statuses = {InvoiceStatus::kSuspended, InvoiceStatus::kAvailable};
  EXPECT_EQ(Found(supplier_, to_process), Numbers{"LUM-1"});
}

TEST_F(InvoiceSearchTest, DepositDaysAreParisDays) {
  // 23:30 UTC on 25 November is 00:30 on the 26th in Paris.
  clock_.Set(*core::ParseTimestamp("2026-11-25T23:30:00Z"));
  Deposit("LATE");
  clock_.Set(*core::ParseTimestamp("2026-11-25T22:59:59Z"));  // 23:59:59 on the 25th in Paris
  Deposit("EARLY");
  InvoiceSearch search = In(InvoiceSpace::kSent);
  search.deposited_from = search.deposited_to = Day(2026, 11, 26);
  EXPECT_EQ(Found(supplier_, search), Numbers{"LATE"});
  search.deposited_from = search.deposited_to = Day(2026, 11, 25);
  EXPECT_EQ(Found(supplier_, search), Numbers{"EARLY"});
  search.deposited_from = Day(2026, 11, 25);
  search.deposited_to = Day(2026, 11, 26);
  EXPECT_EQ(Found(supplier_, search), (Numbers{"EARLY", "LATE"}));
  // Summer time: 22:00 UTC on 13 July is already the 14th in Paris.
  clock_.Set(*core::ParseTimestamp("2027-07-13T22:00:00Z"));
  Deposit("JULY");
  search.deposited_from = search.deposited_to = Day(2027, 7, 14);
  EXPECT_EQ(Found(supplier_, search), Numbers{"JULY"});
  search.deposited_from = Day(2026, 11, 25);
  search.deposited_to = Day(9999, 12, 31);  // no day after it: no upper bound, no crash
  EXPECT_EQ(Found(supplier_, search), (Numbers{"EARLY", "JULY", "LATE"}));
}

TEST_F(InvoiceSearchTest, AmountsAndSortsGoThroughToTheStore) {
  DepositAs(supplier_, "A", kMinistrySiret, "DAF-ACHATS", "1000.50");
  DepositAs(supplier_, "B", kMinistrySiret, "DAF-ACHATS", "99.99");
  DepositAs(supplier_, "C", kMinistrySiret, "DAF-ACHATS", "250.00");
  InvoiceSearch search = In(InvoiceSpace::kSent);
  search.sort = InvoiceSort::kAmount;
  EXPECT_EQ(Found(supplier_, search), (Numbers{"B", "C", "A"}));
  search.descending = true;
  EXPECT_EQ(Found(supplier_, search), (Numbers{"A", "C", "B"}));
  search.total_from = *core::Decimal::Parse("99.991");
  search.total_to = *core::Decimal::Parse("1000.5");
  EXPECT_EQ(Found(supplier_, search), (Numbers{"A", "C"}));
  // Pages of one keep the order.
  search.page_size = 1;
  search.page = 2;
  EXPECT_EQ(processing_.Search(supplier_, search)->invoices.at(0).invoice.invoice_number, "C");
}

TEST_F(InvoiceSearchTest, ASupplierCannotFindAPaymentItsRecipientDoesNotReport) {
  // The hospital does not report "mise en paiement" (statutMiseEnPaiementNestPasRemonte).
  core::InvoiceId paid = Deposit("PAID", kHospitalSiret, "PHARMA");
  Deposit("OTHER", kHospitalSiret, "PHARMA");
  ASSERT_TRUE(Move(hospital_, paid, InvoiceStatus::kMandated, "Mandat 2026-118"));
  ASSERT_TRUE(Move(hospital_, paid, InvoiceStatus::kPaymentIssued));
  InvoiceSearch sent = In(InvoiceSpace::kSent);
  sent.statuses = {InvoiceStatus::kPaymentIssued};
  EXPECT_TRUE(Found(supplier_, sent).empty());
  sent.statuses = {InvoiceStatus::kMandated};  // what its list shows
  EXPECT_EQ(Found(supplier_, sent), Numbers{"PAID"});
  // The hospital sees the payment.
  InvoiceSearch received = In(InvoiceSpace::kReceived);
  received.statuses = {InvoiceStatus::kPaymentIssued};
  EXPECT_EQ(Found(hospital_, received), Numbers{"PAID"});
  // Sorted by status, the supplier's list ranks it as MANDATEE (after MISE_A_DISPOSITION).
  sent.statuses.clear();
  sent.sort = InvoiceSort::kStatus;
  sent.descending = true;
  EXPECT_EQ(Found(supplier_, sent), (Numbers{"PAID", "OTHER"}));
}

}  // namespace
}  // namespace choral::platform
