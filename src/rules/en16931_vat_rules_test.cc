#include <algorithm>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "rules/en16931_checks.h"
#include "rules/en16931_test_util.h"

namespace choral::rules {
namespace {

using invoice::SemanticInvoice;

invoice::InvoiceLine Line(std::string code, std::optional<std::string> rate, std::string net) {
  invoice::InvoiceLine line;
  line.net_amount = Amount(net);
  line.item.emplace();
  line.item->vat_category_code = std::move(code);
  line.item->vat_tax_scheme = "VAT";
  if (rate) line.item->vat_rate = Amount(*rate);
  return line;
}

invoice::VatBreakdown Breakdown(std::string code, std::optional<std::string> rate,
                                std::string taxable, std::optional<std::string> tax) {
  invoice::VatBreakdown breakdown;
  breakdown.category_code = std::move(code);
  breakdown.tax_scheme = "VAT";
  if (rate) breakdown.rate = Amount(*rate);
  breakdown.taxable_amount = Amount(taxable);
  if (tax) breakdown.tax_amount = Amount(*tax);
  return breakdown;
}

invoice::DocumentAllowanceCharge Charge(bool is_charge, std::string code,
                                        std::optional<std::string> rate, std::string amount) {
  invoice::DocumentAllowanceCharge charge;
  charge.is_charge = is_charge;
  charge.vat_category_code = std::move(code);
  charge.tax_scheme = "VAT";
  if (rate) charge.vat_rate = Amount(*rate);
  charge.amount = Amount(amount);
  return charge;
}

// A standard rated invoice every VAT category rule accepts.
SemanticInvoice StandardInvoice() {
  SemanticInvoice invoice;
  invoice.seller.emplace();
  invoice.seller->vat_id = "FR12345678901";
  invoice.buyer.emplace();
  invoice.lines.push_back(Line("S", "20", "100.00"));
  invoice.vat_breakdown.push_back(Breakdown("S", "20", "100.00", "20.00"));
  return invoice;
}

std::set<std::string> Fired(const SemanticInvoice& invoice, En16931Syntax syntax) {
  invoice::Findings findings;
  CheckVatCategoryRules(invoice, syntax, findings);
  std::set<std::string> rules;
  for (const auto& finding : findings) {
    rules.insert(finding.rule);
    EXPECT_FALSE(finding.message.empty()) << finding.rule;
    EXPECT_EQ(finding.flag, invoice::FindingFlag::kFatal);
  }
  return rules;
}

using Rules = std::set<std::string>;
constexpr auto kUbl = En16931Syntax::kUbl;
constexpr auto kCii = En16931Syntax::kCii;

TEST(VatCategoryRulesTest, AStandardRatedInvoicePasses) {
  EXPECT_EQ(Fired(StandardInvoice(), kUbl), Rules{});
  EXPECT_EQ(Fired(StandardInvoice(), kCii), Rules{});
}

TEST(VatCategoryRulesTest, MessagesAreTheArtefactsWords) {
  SemanticInvoice invoice = StandardInvoice();
  invoice.seller->vat_id.reset();
  invoice::Findings findings;
  CheckVatCategoryRules(invoice, kUbl, findings);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].message.rfind("[BR-S-02]-An Invoice that contains an Invoice line", 0), 0u);
}

TEST(VatCategoryRulesTest, StandardTaxableAmountToleranceDiffersPerSyntax) {
  SemanticInvoice invoice = StandardInvoice();
  invoice.vat_breakdown[0].taxable_amount = Amount("100.50");
  invoice.vat_breakdown[0].tax_amount = Amount("20.10");
  // UBL: within one unit of the sum; CII: equal to it.
  EXPECT_EQ(Fired(invoice, kUbl), Rules{});
  EXPECT_EQ(Fired(invoice, kCii), Rules{"BR-S-08"});
  invoice.vat_breakdown[0].taxable_amount = Amount("101.00");
  invoice.vat_breakdown[0].tax_amount = Amount("20.20");
  EXPECT_EQ(Fired(invoice, kUbl), Rules{"BR-S-08"});
}

TEST(VatCategoryRulesTest, StandardTaxAmountIsTheRoundedProductWithinOne) {
  SemanticInvoice invoice = StandardInvoice();
  invoice.vat_breakdown[0].tax_amount = Amount("21.00");
  EXPECT_EQ(Fired(invoice, kUbl), Rules{"BR-S-09"});
  EXPECT_EQ(Fired(invoice, kCii), Rules{"BR-S-09"});
  invoice.vat_breakdown[0].tax_amount = Amount("20.99");
  EXPECT_EQ(Fired(invoice, kUbl), Rules{});
  invoice.vat_breakdown[0].tax_amount.reset();
  EXPECT_EQ(Fired(invoice, kUbl), Rules{"BR-S-09"});
}

TEST(VatCategoryRulesTest, StandardRates) {
  SemanticInvoice invoice = StandardInvoice();
  invoice.lines[0].item->vat_rate = Amount("0");
  invoice.allowances_charges.push_back(Charge(false, "S", std::nullopt, "0"));
  // The line's rate no longer matches the breakdown's: BR-S-08 too.
  EXPECT_EQ(Fired(invoice, kUbl), (Rules{"BR-S-05", "BR-S-06", "BR-S-08"}));
}

TEST(VatCategoryRulesTest, StandardNeedsBreakdownAndSellerIds) {
  SemanticInvoice invoice = StandardInvoice();
  invoice.vat_breakdown.clear();
  invoice.seller->vat_id.reset();
  EXPECT_EQ(Fired(invoice, kUbl), (Rules{"BR-S-01", "BR-S-02"}));
  EXPECT_EQ(Fired(invoice, kCii), (Rules{"BR-S-01", "BR-S-02"}));
  invoice.seller->tax_registration_id = "12345";
  EXPECT_EQ(Fired(invoice, kUbl), (Rules{"BR-S-01"}));
}

TEST(VatCategoryRulesTest, ExemptNeedsExactlyOneBreakdownWithReason) {
  SemanticInvoice invoice = StandardInvoice();
  invoice.lines.push_back(Line("E", "0", "50.00"));
  EXPECT_EQ(Fired(invoice, kUbl), Rules{"BR-E-01"});
  EXPECT_EQ(Fired(invoice, kCii), Rules{"BR-E-01"});
  invoice.vat_breakdown.push_back(Breakdown("E", "0", "50.00", "0"));
  EXPECT_EQ(Fired(invoice, kUbl), Rules{"BR-E-10"});
  invoice.vat_breakdown.back().exemption_reason_code = "VATEX-EU-132";
  EXPECT_EQ(Fired(invoice, kUbl), Rules{});
  EXPECT_EQ(Fired(invoice, kCii), Rules{});
  invoice.vat_breakdown.back().taxable_amount = Amount("50.50");
  // UBL: exact decimal equality; CII: within one unit.
  EXPECT_EQ(Fired(invoice, kUbl), Rules{"BR-E-08"});
  EXPECT_EQ(Fired(invoice, kCii), Rules{});
}

TEST(VatCategoryRulesTest, ZeroRatedTaxableAmountNeedsLinesInUbl) {
  SemanticInvoice invoice;
  invoice.seller.emplace();
  invoice.seller->vat_id = "DE123";
  invoice.allowances_charges.push_back(Charge(true, "Z", "0", "10"));
  invoice.vat_breakdown.push_back(Breakdown("Z", "0", "10", "0"));
  EXPECT_EQ(Fired(invoice, kUbl), Rules{"BR-Z-08"});
  EXPECT_EQ(Fired(invoice, kCii), Rules{});
  invoice.vat_breakdown[0].exemption_reason = "zero";
  EXPECT_EQ(Fired(invoice, kCii), Rules{"BR-Z-10"});
}

TEST(VatCategoryRulesTest, NotSubjectToVatExcludesVatIdsAndOtherCategories) {
  SemanticInvoice invoice = StandardInvoice();
  invoice.lines.push_back(Line("O", "0", "10"));
  invoice.vat_breakdown.push_back(Breakdown("O", std::nullopt, "10", "0"));
  invoice.vat_breakdown.back().exemption_reason = "Not subject";
  EXPECT_EQ(Fired(invoice, kUbl), (Rules{"BR-O-02", "BR-O-05", "BR-O-11", "BR-O-12"}));
  EXPECT_EQ(Fired(invoice, kCii), (Rules{"BR-O-02", "BR-O-05", "BR-O-11", "BR-O-12"}));
}

// UBL's BR-O-11..14 count VAT category elements whose normalize-space(cbc:ID) != 'O': one without
// cbc:ID counts. CII's ram:CategoryCode != 'O' is false for a missing code.
TEST(VatCategoryRulesTest, NotSubjectToVatCountsAUblCategoryWithoutCode) {
  SemanticInvoice invoice;
  invoice.lines.push_back(Line("O", std::nullopt, "10"));
  invoice.lines.push_back(Line("O", std::nullopt, "10"));
  invoice.lines.back().item->vat_category_code.reset();  // ClassifiedTaxCategory without cbc:ID
  invoice.vat_breakdown.push_back(Breakdown("O", std::nullopt, "20", "0"));
  invoice.vat_breakdown.back().exemption_reason = "Not subject";
  EXPECT_EQ(Fired(invoice, kUbl).count("BR-O-12"), 1u);
  EXPECT_EQ(Fired(invoice, kCii).count("BR-O-12"), 0u);
}

TEST(VatCategoryRulesTest, ReverseChargeNeedsBuyerIdentifier) {
  SemanticInvoice invoice = StandardInvoice();
  invoice.lines.push_back(Line("AE", "0", "10"));
  invoice.vat_breakdown.push_back(Breakdown("AE", "0", "10", "0"));
  invoice.vat_breakdown.back().exemption_reason = "Reverse charge";
  EXPECT_EQ(Fired(invoice, kUbl), Rules{"BR-AE-02"});
  EXPECT_EQ(Fired(invoice, kCii), Rules{"BR-AE-02"});
  invoice.buyer->legal_registration_id.emplace();
  EXPECT_EQ(Fired(invoice, kUbl), Rules{});
}

TEST(VatCategoryRulesTest, IntraCommunitySupplyNeedsDeliveryDateAndCountry) {
  SemanticInvoice invoice = StandardInvoice();
  invoice.buyer->vat_id = "DE1";
  invoice.lines.push_back(Line("K", "0", "10"));
  invoice.vat_breakdown.push_back(Breakdown("K", "0", "10", "0"));
  invoice.vat_breakdown.back().exemption_reason_code = "VATEX-EU-IC";
  EXPECT_EQ(Fired(invoice, kUbl), (Rules{"BR-IC-11", "BR-IC-12"}));
  EXPECT_EQ(Fired(invoice, kCii), (Rules{"BR-IC-11", "BR-IC-12"}));
  invoice.delivery.emplace();
  invoice.delivery->address.emplace();
  invoice.delivery->address->country = "D";  // UBL wants more than one character
  invoice.delivery->actual_delivery_date.emplace();
  invoice.delivery->actual_delivery_date->text = "2024-01-01";
  EXPECT_EQ(Fired(invoice, kUbl), (Rules{"BR-IC-12"}));
  EXPECT_EQ(Fired(invoice, kCii), Rules{});
}

TEST(VatCategoryRulesTest, IgicRatesAndSumsDifferPerSyntax) {
  SemanticInvoice invoice = StandardInvoice();
  invoice.lines.push_back(Line("L", "0", "10"));
  invoice.vat_breakdown.push_back(Breakdown("L", "0", "99", "0"));
  // UBL: rate >= 0 and the per-rate sum; CII: rate > 0 and BR-AF-08 never fires.
  EXPECT_EQ(Fired(invoice, kUbl), Rules{"BR-AF-08"});
  EXPECT_EQ(Fired(invoice, kCii), Rules{"BR-AF-05"});
}

TEST(VatCategoryRulesTest, OtherTaxSchemesAreLeftAlone) {
  SemanticInvoice invoice = StandardInvoice();
  invoice.lines.push_back(Line("E", "5", "10"));
  invoice.lines.back().item->vat_tax_scheme = "GST";
  EXPECT_EQ(Fired(invoice, kUbl), Rules{});
  // CII's BR-E-01 counts categories whatever their type code.
  EXPECT_EQ(Fired(invoice, kCii), Rules{"BR-E-01"});
}

TEST(VatCategoryRulesTest, UblComparesNormalizedCodesCiiRawOnes) {
  SemanticInvoice invoice = StandardInvoice();
  invoice.lines[0].item->vat_category_code = " S ";
  EXPECT_EQ(Fired(invoice, kUbl), Rules{});
  // CII: the line is not 'S', so the header S breakdown's sum is 0.
  EXPECT_EQ(Fired(invoice, kCii), Rules{"BR-S-08"});
}

TEST(VatCategoryRulesTest, FindingsAreInDocumentOrder) {
  SemanticInvoice invoice = StandardInvoice();
  invoice.source = 0;
  invoice.vat_breakdown[0].source = 50;
  invoice.vat_breakdown[0].tax_amount.reset();
  invoice.lines[0].item->vat_source = 10;
  invoice.lines[0].item->vat_rate = Amount("-1");
  invoice::Findings findings;
  CheckVatCategoryRules(invoice, kUbl, findings);
  ASSERT_GE(findings.size(), 2u);
  EXPECT_TRUE(std::is_sorted(findings.begin(), findings.end(),
                             [](auto& a, auto& b) { return a.source < b.source; }));
  EXPECT_EQ(findings.front().rule, "BR-S-05");
  EXPECT_EQ(findings.front().source, 10);
}

}  // namespace
}  // namespace choral::rules
