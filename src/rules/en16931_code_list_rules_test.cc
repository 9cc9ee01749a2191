#include <set>
#include <string>

#include <gtest/gtest.h>

#include "rules/en16931_checks.h"
#include "rules/en16931_code_lists.h"
#include "rules/en16931_test_util.h"

namespace choral::rules {
namespace {

using invoice::SemanticInvoice;
using Rules = std::multiset<std::string>;
constexpr auto kUbl = En16931Syntax::kUbl;
constexpr auto kCii = En16931Syntax::kCii;

Rules Fired(const SemanticInvoice& invoice, En16931Syntax syntax) {
  invoice::Findings findings;
  CheckCodeListRules(invoice, syntax, findings);
  Rules rules;
  for (const auto& finding : findings) {
    rules.insert(finding.rule);
    EXPECT_FALSE(finding.message.empty()) << finding.rule;
  }
  return rules;
}

TEST(CodeListsTest, ListsComeFromTheArtefacts) {
  EXPECT_TRUE(En16931CodeList("BR-CL-04", kUbl).Contains("EUR"));
  EXPECT_FALSE(En16931CodeList("BR-CL-04", kUbl).Contains("EURO"));
  // The two artefacts disagree on a few lists.
  EXPECT_TRUE(En16931CodeList("BR-CL-14", kCii).Contains("AN"));
  EXPECT_FALSE(En16931CodeList("BR-CL-14", kUbl).Contains("AN"));
  EXPECT_TRUE(En16931CodeList("BR-CL-01", kUbl, 1).Contains("381"));
  EXPECT_FALSE(En16931CodeList("BR-CL-01", kUbl, 0).Contains("381"));
  EXPECT_TRUE(En16931CodeList("BR-CL-01", kCii).Contains("381"));
  EXPECT_TRUE(En16931CodeList("BR-CL-23", kCii).Contains("C62"));
  EXPECT_TRUE(En16931CodeList("BR-CL-99", kCii).empty());
  EXPECT_EQ(En16931RuleAssert("BR-CL-04", kUbl).message.substr(0, 10), "[BR-CL-04]");
  EXPECT_TRUE(En16931RuleAssert("BR-XX", kUbl).message.empty());
}

// BR-CO-09's country prefixes too: UBL has SS and not AN, CII the reverse; UBL's test is a
// substring of the list's text.
TEST(CodeListsTest, VatIdPrefixListsComeFromTheArtefacts) {
  const CodeList ubl = En16931CodeList("BR-CO-09", kUbl);
  const CodeList cii = En16931CodeList("BR-CO-09", kCii);
  EXPECT_TRUE(ubl.Contains("EL") && ubl.Contains("1A") && ubl.Contains("SS") &&
              !ubl.Contains("AN"));
  EXPECT_TRUE(cii.Contains("EL") && cii.Contains("AN") && !cii.Contains("SS"));
  EXPECT_TRUE(ubl.TextContains("F"));
  EXPECT_TRUE(ubl.TextContains(""));
  EXPECT_TRUE(ubl.TextContains("R "));
  EXPECT_FALSE(ubl.TextContains("XX"));
}

// The flags and messages of every BR-* rule come from the artefacts too, per syntax: BR-51 is a
// warning in UBL only, and the messages lose the XSLT's layout (line breaks, no-break spaces).
TEST(CodeListsTest, FlagsAndMessagesComeFromTheArtefacts) {
  EXPECT_EQ(En16931RuleAssert("BR-51", kUbl).flag, invoice::FindingFlag::kWarning);
  EXPECT_EQ(En16931RuleAssert("BR-51", kCii).flag, invoice::FindingFlag::kFatal);
  EXPECT_EQ(En16931RuleAssert("BR-S-07", kUbl).flag, invoice::FindingFlag::kFatal);
  EXPECT_EQ(En16931RuleAssert("BR-01", kUbl).message,
            "[BR-01]-An Invoice shall have a Specification identifier (BT-24).");
  EXPECT_EQ(En16931RuleAssert("BR-08", kUbl).message,
            "[BR-08]-An Invoice shall contain the Seller postal address.");
  EXPECT_EQ(En16931RuleAssert("BR-08", kCii).message,
            "[BR-08]-An Invoice shall contain the Seller postal address (BG-5).");
  EXPECT_EQ(En16931RuleAssert("BR-CL-23", kUbl).message.find('\n'), std::string_view::npos);
}

// invoice::DocumentKindOf knows the same codes as BR-CL-01 (kOther exactly for the others), and
// the UBL credit note list's codes are credit notes.
TEST(CodeListsTest, DocumentKindOfAgreesWithBrCl01) {
  CodeList all = En16931CodeList("BR-CL-01", kCii);
  CodeList credit_notes = En16931CodeList("BR-CL-01", kUbl, 1);
  for (std::string_view code : all) {
    EXPECT_NE(invoice::DocumentKindOf(code), invoice::DocumentKind::kOther) << code;
  }
  for (std::string_view code : credit_notes) {
    EXPECT_EQ(invoice::DocumentKindOf(code), invoice::DocumentKind::kCreditNote) << code;
  }
  for (std::string_view code : {"1", "999", "38", "3800", ""}) {
    EXPECT_EQ(invoice::DocumentKindOf(code), invoice::DocumentKind::kOther) << code;
  }
}

TEST(CodeListRulesTest, DocumentTypeCodeListDependsOnTheUblRoot) {
  SemanticInvoice invoice;
  invoice.type_code = " 381 ";
  EXPECT_EQ(Fired(invoice, kUbl), Rules{"BR-CL-01"});
  invoice.ubl_credit_note = true;
  EXPECT_EQ(Fired(invoice, kUbl), Rules{});
  invoice.ubl_credit_note = false;
  EXPECT_EQ(Fired(invoice, kCii), Rules{});
  invoice.type_code = "380 381";
  EXPECT_EQ(Fired(invoice, kCii), Rules{"BR-CL-01"});
}

TEST(CodeListRulesTest, UblChecksEveryAmountsCurrencyCiiTheVatTotalOnly) {
  SemanticInvoice invoice;
  invoice.totals.emplace();
  invoice.totals->total_vat = Amount("1", "EUR");
  invoice.totals->amount_due = Amount("1", std::nullopt);
  invoice.totals->total_with_vat = Amount("1", "XXX1");
  EXPECT_EQ(Fired(invoice, kUbl), (Rules{"BR-CL-03", "BR-CL-03"}));
  EXPECT_EQ(Fired(invoice, kCii), Rules{});
  invoice.totals->total_vat = Amount("1", "ECU");
  EXPECT_EQ(Fired(invoice, kCii), Rules{"BR-CL-03"});
}

// A VAT total in neither BT-5's nor BT-6's currency is neither BT-110 nor BT-111, but the
// artefacts check its currencyID too (CII: ram:TaxTotalAmount[@currencyID]; UBL: cbc:TaxAmount).
TEST(CodeListRulesTest, EveryVatTotalAsWrittenHasItsCurrencyChecked) {
  SemanticInvoice invoice;
  invoice.totals.emplace();
  invoice.totals->total_vat = Amount("1", "EUR");
  invoice.totals->vat_totals_as_written = {Amount("1", "EUR"), Amount("2", "XYZ"),
                                           Amount("3", std::nullopt)};
  EXPECT_EQ(Fired(invoice, kCii), Rules{"BR-CL-03"});
  EXPECT_EQ(Fired(invoice, kUbl), (Rules{"BR-CL-03", "BR-CL-03"}));  // UBL: absent fails too
  invoice.totals->vat_totals_as_written.clear();  // a reader that does not list them
  EXPECT_EQ(Fired(invoice, kCii), Rules{});
}

// BR-CL-06/14/22/23 check every element the reader listed as written, whether a business term
// holds it or not, instead of the model's fields.
TEST(CodeListRulesTest, ChecksTheCodesAsWritten) {
  SemanticInvoice invoice;
  invoice.seller.emplace();
  invoice.seller->address.emplace();
  invoice.seller->address->country = "FR";
  invoice.codes_as_written = {{"BR-CL-14", "FR", 1},          {"BR-CL-14", "UK", 2},
                              {"BR-CL-22", "vatex-eu-ae", 3}, {"BR-CL-22", "EXEMPT", 4},
                              {"BR-CL-23", "Stk", 5},         {"BR-CL-06", "99", 6}};
  EXPECT_EQ(Fired(invoice, kCii), (Rules{"BR-CL-06", "BR-CL-14", "BR-CL-22", "BR-CL-23"}));
  EXPECT_EQ(Fired(invoice, kUbl), (Rules{"BR-CL-06", "BR-CL-14", "BR-CL-22", "BR-CL-23"}));
  invoice.seller->address->country = "XX";  // a listed document's countries are the list's
  EXPECT_EQ(Fired(invoice, kCii).count("BR-CL-14"), 1u);
  invoice.codes_as_written.clear();  // a reader that lists none: the model's fields
  EXPECT_EQ(Fired(invoice, kCii), Rules{"BR-CL-14"});
}

TEST(CodeListRulesTest, UblNoteSubjectIsFoundInTheListText) {
  SemanticInvoice invoice;
  invoice.notes.push_back({.subject_code = "AAI", .text = "#AAI#fine"});
  invoice.notes.push_back({.subject_code = std::nullopt, .text = "see #AAH# below"});
  invoice.notes.push_back({.subject_code = std::nullopt, .text = "#A A#straddles two codes"});
  invoice.notes.push_back({.subject_code = std::nullopt, .text = "#TOOLONG# is not a code"});
  EXPECT_EQ(Fired(invoice, kUbl), Rules{"BR-CL-08"});
  SemanticInvoice cii;
  cii.notes.push_back({.subject_code = "AAH", .text = "x"});
  cii.notes.push_back({.subject_code = "BAT", .text = "only in CII's list"});
  EXPECT_EQ(Fired(cii, kCii), Rules{"BR-CL-08"});
}

TEST(CodeListRulesTest, SepaIsAnIdentifierSchemeForSellerAndPayeeInUbl) {
  SemanticInvoice invoice;
  invoice.seller.emplace();
  invoice::Identifier sepa;
  sepa.value = "X";
  sepa.scheme = "SEPA";
  invoice.seller->identifiers.push_back(sepa);
  invoice.buyer.emplace();
  invoice.buyer->identifier = sepa;
  EXPECT_EQ(Fired(invoice, kUbl), Rules{"BR-CL-10"});
  EXPECT_EQ(Fired(invoice, kCii), (Rules{"BR-CL-10", "BR-CL-10"}));
}

TEST(CodeListRulesTest, VatCategoryCodesPerElement) {
  SemanticInvoice invoice;
  invoice.vat_breakdown.emplace_back();
  invoice.vat_breakdown[0].category_code = "X";
  invoice.vat_breakdown[0].exemption_reason_code = "VATEX-EU-G";
  invoice.lines.emplace_back();
  invoice.lines[0].item.emplace();
  invoice.lines[0].item->vat_category_code = "S";
  invoice.lines[0].quantity_unit = "C62";
  invoice.lines[0].price.emplace();
  invoice.lines[0].price->base_quantity_unit = "piece";
  // The breakdown's category is a cac:TaxCategory in UBL, a ram:ApplicableTradeTax in CII.
  EXPECT_EQ(Fired(invoice, kUbl), (Rules{"BR-CL-17", "BR-CL-23"}));
  EXPECT_EQ(Fired(invoice, kCii), (Rules{"BR-CL-18", "BR-CL-23"}));
}

TEST(CodeListRulesTest, MimeCodesAreComparedAsWritten) {
  SemanticInvoice invoice;
  invoice.supporting_documents.resize(2);
  invoice.supporting_documents[0].attachment_mime = "application/pdf";
  invoice.supporting_documents[1].attachment_mime = " application/pdf";
  EXPECT_EQ(Fired(invoice, kUbl), Rules{"BR-CL-24"});
}

}  // namespace
}  // namespace choral::rules
