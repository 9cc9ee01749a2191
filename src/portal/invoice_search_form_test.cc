#include "portal/invoice_search_form.h"

#include <gtest/gtest.h>

#include "portal/messages_fr.h"

namespace choral::portal {
namespace {

using invoice::InvoiceStatus;
using platform::InvoiceSort;

class InvoiceSearchFormTest : public ::testing::Test {
 protected:
  InvoiceSearchFormTest() : catalogue_(*Catalogue::Build(FrenchMessages())) {}

  InvoiceSearchForm Parse(std::string_view query) const {
    auto form = http::Form::Parse(query);
    EXPECT_TRUE(form) << query;
    return ParseInvoiceSearchForm(catalogue_, *form, platform::InvoiceSpace::kReceived);
  }

  Catalogue catalogue_;
};

TEST_F(InvoiceSearchFormTest, ReadsEveryCriterion) {
  InvoiceSearchForm form = Parse(
      "numero=+F-12+&contrepartie=%C3%A9cole&service=ACHATS&statut=REJETEE&statut=SUSPENDUE&"
      "statut=REJETEE&statut=NONSENSE&emise_du=2026-01-01&emise_au=31%2F01%2F2026&"
      "deposee_du=2026-02-01&deposee_au=2026-02-28&montant_min=1+234%2C5&montant_max=99999.99&"
      "tri=contrepartie&ordre=asc");
  EXPECT_TRUE(form.errors.empty());
  const platform::InvoiceSearch& s = form.search;
  EXPECT_EQ(s.space, platform::InvoiceSpace::kReceived);
  EXPECT_EQ(s.number_contains, "F-12");  // trimmed
  EXPECT_EQ(s.counterpart_contains, "école");
  EXPECT_EQ(s.service_code, "ACHATS");
  EXPECT_EQ(s.statuses, (std::vector{InvoiceStatus::kRejected, InvoiceStatus::kSuspended}));
  EXPECT_EQ(s.issued_from->ToIso(), "2026-01-01");
  EXPECT_EQ(s.issued_to->ToIso(), "2026-01-31");
  EXPECT_EQ(s.deposited_from->ToIso(), "2026-02-01");
  EXPECT_EQ(s.deposited_to->ToIso(), "2026-02-28");
  EXPECT_EQ(s.total_from->ToString(), "1234.5");
  EXPECT_EQ(s.total_to->ToString(), "99999.99");
  EXPECT_EQ(s.sort, InvoiceSort::kCounterpart);
  EXPECT_FALSE(s.descending);
  EXPECT_TRUE(form.HasCriteria());
  // Written back as typed (trimmed), each status once.
  EXPECT_EQ(form.QueryString(),
            "numero=F-12&contrepartie=%C3%A9cole&service=ACHATS&emise_du=2026-01-01&"
            "emise_au=31%2F01%2F2026&deposee_du=2026-02-01&deposee_au=2026-02-28&"
            "montant_min=1%20234%2C5&montant_max=99999.99&statut=REJETEE&statut=SUSPENDUE&"
            "tri=contrepartie&ordre=asc");
}

TEST_F(InvoiceSearchFormTest, DefaultsToNewestDepositsFirst) {
  InvoiceSearchForm form = Parse("tri=nonsense&ordre=sideways");
  EXPECT_TRUE(form.errors.empty());
  EXPECT_EQ(form.search.sort, InvoiceSort::kDepositedAt);
  EXPECT_TRUE(form.search.descending);
  EXPECT_FALSE(form.HasCriteria());
  EXPECT_EQ(form.QueryString(), "tri=depot&ordre=desc");
}

TEST_F(InvoiceSearchFormTest, InvalidCriteriaAreNamedInFrench) {
  InvoiceSearchForm form = Parse(
      "emise_du=2026-02-30&deposee_du=2026-03-02&deposee_au=2026-03-01&montant_min=12%2C3%2C4&"
      "montant_max=abc");
  ASSERT_EQ(form.errors.size(), 4u);
  EXPECT_EQ(form.errors[0].field, "emise_du");
  EXPECT_EQ(form.errors[0].message,
            "«\u00a0Émise du\u00a0»\u00a0: ce n’est pas une date (exemple\u00a0: 26/11/2026).");
  EXPECT_EQ(form.errors[1].field, "deposee_du");
  EXPECT_EQ(form.errors[1].message,
            "«\u00a0Déposée du\u00a0» doit précéder «\u00a0Déposée au\u00a0».");
  EXPECT_EQ(form.errors[2].field, "montant_min");
  EXPECT_EQ(form.errors[2].message,
            "«\u00a0Montant TTC minimum\u00a0»\u00a0: ce n’est pas un montant (exemple\u00a0: "
            "1 234,56).");
  EXPECT_EQ(form.errors[3].field, "montant_max");
  // What failed does not filter.
  EXPECT_FALSE(form.search.issued_from);
  EXPECT_FALSE(form.search.deposited_from);
  EXPECT_FALSE(form.search.deposited_to);
  EXPECT_FALSE(form.search.total_from);
}

TEST_F(InvoiceSearchFormTest, AmountRangeComparesExactly) {
  EXPECT_TRUE(Parse("montant_min=10.00&montant_max=10").errors.empty());
  EXPECT_EQ(Parse("montant_min=10.001&montant_max=10").errors.size(), 1u);
}

TEST_F(InvoiceSearchFormTest, LongTextsAreCut) {
  InvoiceSearchForm form = Parse("numero=" + std::string(300, 'A'));
  EXPECT_EQ(form.search.number_contains.size(), 100u);
}

}  // namespace
}  // namespace choral::portal
