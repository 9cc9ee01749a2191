#include "rules/en16931_core_report.h"

#include <cstdio>
#include <cstdlib>

#include "rules/xpath_values.h"

namespace choral::rules {
namespace {

using invoice::FindingFlag;

// The flags and svrl:text of the official artefacts (EN16931-UBL-validation.xslt and
// EN16931-CII-validation.xslt, v1.3.16), whitespace runs collapsed. "" as CII text: the same as
// UBL's.
constexpr CoreRuleText kCoreRules[] = {
    {"BR-01", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-01]-An Invoice shall have a Specification identifier (BT-24).", ""},
    {"BR-02", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-02]-An Invoice shall have an Invoice number (BT-1).", ""},
    {"BR-03", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-03]-An Invoice shall have an Invoice issue date (BT-2).", ""},
    {"BR-04", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-04]-An Invoice shall have an Invoice type code (BT-3).", ""},
    {"BR-05", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-05]-An Invoice shall have an Invoice currency code (BT-5).", ""},
    {"BR-06", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-06]-An Invoice shall contain the Seller name (BT-27).", ""},
    {"BR-07", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-07]-An Invoice shall contain the Buyer name (BT-44).", ""},
    {"BR-08", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-08]-An Invoice shall contain the Seller postal address.",
     "[BR-08]-An Invoice shall contain the Seller postal address (BG-5)."},
    {"BR-09", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-09]-The Seller postal address (BG-5) shall contain a Seller country code (BT-40).", ""},
    {"BR-10", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-10]-An Invoice shall contain the Buyer postal address (BG-8).", ""},
    {"BR-11", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-11]-The Buyer postal address shall contain a Buyer country code (BT-55).", ""},
    {"BR-12", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-12]-An Invoice shall have the Sum of Invoice line net amount (BT-106).", ""},
    {"BR-13", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-13]-An Invoice shall have the Invoice total amount without VAT (BT-109).", ""},
    {"BR-14", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-14]-An Invoice shall have the Invoice total amount with VAT (BT-112).", ""},
    {"BR-15", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-15]-An Invoice shall have the Amount due for payment (BT-115).", ""},
    {"BR-16", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-16]-An Invoice shall have at least one Invoice line (BG-25)",
     "[BR-16]-An Invoice shall have at least one Invoice line (BG-25)."},
    {"BR-17", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-17]-The Payee name (BT-59) shall be provided in the Invoice, if the Payee (BG-10) is "
     "different from the Seller (BG-4)",
     "[BR-17]-The Payee name (BT-59) shall be provided in the Invoice, if the Payee (BG-10) is "
     "different from the Seller (BG-4)."},
    {"BR-18", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-18]-The Seller tax representative name (BT-62) shall be provided in the Invoice, if the "
     "Seller (BG-4) has a Seller tax representative party (BG-11)",
     "[BR-18]-The Seller tax representative name (BT-62) shall be provided in the Invoice, if the "
     "Seller (BG-4) has a Seller tax representative party (BG-11)."},
    {"BR-19", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-19]-The Seller tax representative postal address (BG-12) shall be provided in the "
     "Invoice, if the Seller (BG-4) has a Seller tax representative party (BG-11).",
     ""},
    {"BR-20", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-20]-The Seller tax representative postal address (BG-12) shall contain a Tax "
     "representative country code (BT-69), if the Seller (BG-4) has a Seller tax representative "
     "party (BG-11).",
     ""},
    {"BR-21", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-21]-Each Invoice line (BG-25) shall have an Invoice line identifier (BT-126).", ""},
    {"BR-22", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-22]-Each Invoice line (BG-25) shall have an Invoiced quantity (BT-129).", ""},
    {"BR-23", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-23]-An Invoice line (BG-25) shall have an Invoiced quantity unit of measure code "
     "(BT-130).",
     ""},
    {"BR-24", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-24]-Each Invoice line (BG-25) shall have an Invoice line net amount (BT-131).", ""},
    {"BR-25", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-25]-Each Invoice line (BG-25) shall contain the Item name (BT-153).", ""},
    {"BR-26", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-26]-Each Invoice line (BG-25) shall contain the Item net price (BT-146).", ""},
    {"BR-27", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-27]-The Item net price (BT-146) shall NOT be negative.", ""},
    {"BR-28", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-28]-The Item gross price (BT-148) shall NOT be negative.", ""},
    {"BR-29", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-29]-If both Invoicing period start date (BT-73) and Invoicing period end date (BT-74) "
     "are given then the Invoicing period end date (BT-74) shall be later or equal to the "
     "Invoicing period start date (BT-73).",
     ""},
    {"BR-30", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-30]-If both Invoice line period start date (BT-134) and Invoice line period end date "
     "(BT-135) are given then the Invoice line period end date (BT-135) shall be later or equal to "
     "the Invoice line period start date (BT-134).",
     ""},
    {"BR-31", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-31]-Each Document level allowance (BG-20) shall have a Document level allowance amount "
     "(BT-92).",
     ""},
    {"BR-32", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-32]-Each Document level allowance (BG-20) shall have a Document level allowance VAT "
     "category code (BT-95).",
     ""},
    {"BR-33", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-33]-Each Document level allowance (BG-20) shall have a Document level allowance reason "
     "(BT-97) or a Document level allowance reason code (BT-98).",
     ""},
    {"BR-36", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-36]-Each Document level charge (BG-21) shall have a Document level charge amount "
     "(BT-99).",
     ""},
    {"BR-37", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-37]-Each Document level charge (BG-21) shall have a Document level charge VAT category "
     "code (BT-102).",
     ""},
    {"BR-38", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-38]-Each Document level charge (BG-21) shall have a Document level charge reason "
     "(BT-104) or a Document level charge reason code (BT-105).",
     ""},
    {"BR-41", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-41]-Each Invoice line allowance (BG-27) shall have an Invoice line allowance amount "
     "(BT-136).",
     ""},
    {"BR-42", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-42]-Each Invoice line allowance (BG-27) shall have an Invoice line allowance reason "
     "(BT-139) or an Invoice line allowance reason code (BT-140).",
     ""},
    {"BR-43", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-43]-Each Invoice line charge (BG-28) shall have an Invoice line charge amount (BT-141).",
     ""},
    {"BR-44", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-44]-Each Invoice line charge shall have an Invoice line charge reason or an invoice line "
     "allowance reason code.",
     "[BR-44]-Each Invoice line charge (BG-28) shall have an Invoice line charge reason (BT-144) "
     "or an Invoice line charge reason code (BT-145)."},
    {"BR-45", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-45]-Each VAT breakdown (BG-23) shall have a VAT category taxable amount (BT-116).", ""},
    {"BR-46", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-46]-Each VAT breakdown (BG-23) shall have a VAT category tax amount (BT-117).", ""},
    {"BR-47", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-47]-Each VAT breakdown (BG-23) shall be defined through a VAT category code (BT-118).",
     ""},
    {"BR-48", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-48]-Each VAT breakdown (BG-23) shall have a VAT category rate (BT-119), except if the "
     "Invoice is not subject to VAT.",
     ""},
    {"BR-49", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-49]-A Payment instruction (BG-16) shall specify the Payment means type code (BT-81).",
     ""},
    {"BR-50", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-50]-A Payment account identifier (BT-84) shall be present if Credit transfer (BG-17) "
     "information is provided in the Invoice.",
     "[BR-50]-A Payment account identifier (BT-84) shall be present if Credit transfer (BG-16) "
     "information is provided in the Invoice."},
    {"BR-51", FindingFlag::kWarning, FindingFlag::kFatal,
     "[BR-51]-In accordance with card payments security standards an invoice should never include "
     "a full card primary account number (BT-87). At the moment PCI Security Standards Council has "
     "defined that the first 6 digits and last 4 digits are the maximum number of digits to be "
     "shown.",
     "[BR-51]-In accordance with card payments security standards an invoice should never include "
     "a full card primary account number (BT-97). At the moment PCI Security Standards Council has "
     "defined that the first 6 digits and last 4 digits are the maximum number of digits to be "
     "shown."},
    {"BR-52", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-52]-Each Additional supporting document (BG-24) shall contain a Supporting document "
     "reference (BT-122).",
     ""},
    {"BR-53", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-53]-If the VAT accounting currency code (BT-6) is present, then the Invoice total VAT "
     "amount in accounting currency (BT-111) shall be provided.",
     ""},
    {"BR-54", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-54]-Each Item attribute (BG-32) shall contain an Item attribute name (BT-160) and an "
     "Item attribute value (BT-161).",
     ""},
    {"BR-55", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-55]-Each Preceding Invoice reference (BG-3) shall contain a Preceding Invoice reference "
     "(BT-25).",
     ""},
    {"BR-56", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-56]-Each Seller tax representative party (BG-11) shall have a Seller tax representative "
     "VAT identifier (BT-63).",
     ""},
    {"BR-57", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-57]-Each Deliver to address (BG-15) shall contain a Deliver to country code (BT-80).",
     ""},
    {"BR-61", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-61]-If the Payment means type code (BT-81) means SEPA credit transfer, Local credit "
     "transfer or Non-SEPA international credit transfer, the Payment account identifier (BT-84) "
     "shall be present.",
     ""},
    {"BR-62", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-62]-The Seller electronic address (BT-34) shall have a Scheme identifier.", ""},
    {"BR-63", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-63]-The Buyer electronic address (BT-49) shall have a Scheme identifier.", ""},
    {"BR-64", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-64]-The Item standard identifier (BT-157) shall have a Scheme identifier.", ""},
    {"BR-65", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-65]-The Item classification identifier (BT-158) shall have a Scheme identifier.", ""},
    {"BR-B-01", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-B-01]-An Invoice where the VAT category code (BT-151, BT-95 or BT-102) is “Split "
     "payment” shall be a domestic Italian invoice.",
     ""},
    {"BR-B-02", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-B-02]-An Invoice that contains an Invoice line (BG-25), a Document level allowance "
     "(BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95, "
     "BT-118 or BT-102) is “Split payment\" shall not contain an invoice line (BG-25), a Document "
     "level allowance (BG-20) or a Document level charge (BG-21) where the VAT category code "
     "(BT-151, BT-95, BT-118 or BT-102) is “Standard rated”.",
     "[BR-B-02]-An Invoice that contains an Invoice line (BG-25), a Document level allowance "
     "(BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95 or "
     "BT-102) is “Split payment\" shall not contain an invoice line (BG-25), a Document level "
     "allowance (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, "
     "BT-95 or BT-102) is “Standard rated”."},
    {"BR-CO-03", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-CO-03]-Value added tax point date (BT-7) and Value added tax point date code (BT-8) are "
     "mutually exclusive.",
     ""},
    {"BR-CO-04", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-CO-04]-Each Invoice line (BG-25) shall be categorized with an Invoiced item VAT category "
     "code (BT-151).",
     ""},
    {"BR-CO-05", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-CO-05]-Document level allowance reason code (BT-98) and Document level allowance reason "
     "(BT-97) shall indicate the same type of allowance.",
     ""},
    {"BR-CO-06", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-CO-06]-Document level charge reason code (BT-105) and Document level charge reason "
     "(BT-104) shall indicate the same type of charge.",
     ""},
    {"BR-CO-07", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-CO-07]-Invoice line allowance reason code (BT-140) and Invoice line allowance reason "
     "(BT-139) shall indicate the same type of allowance reason.",
     ""},
    {"BR-CO-08", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-CO-08]-Invoice line charge reason code (BT-145) and Invoice line charge reason (BT-144) "
     "shall indicate the same type of charge reason.",
     ""},
    {"BR-CO-09", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-CO-09]-The Seller VAT identifier (BT-31), the Seller tax representative VAT identifier "
     "(BT-63) and the Buyer VAT identifier (BT-48) shall have a prefix in accordance with ISO code "
     "ISO 3166-1 alpha-2 by which the country of issue may be identified. Nevertheless, Greece may "
     "use the prefix ‘EL’.",
     ""},
    {"BR-CO-10", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-CO-10]-Sum of Invoice line net amount (BT-106) = Σ Invoice line net amount (BT-131).",
     ""},
    {"BR-CO-11", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-CO-11]-Sum of allowances on document level (BT-107) = Σ Document level allowance amount "
     "(BT-92).",
     ""},
    {"BR-CO-12", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-CO-12]-Sum of charges on document level (BT-108) = Σ Document level charge amount "
     "(BT-99).",
     ""},
    {"BR-CO-13", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-CO-13]-Invoice total amount without VAT (BT-109) = Σ Invoice line net amount (BT-131) - "
     "Sum of allowances on document level (BT-107) + Sum of charges on document level (BT-108).",
     ""},
    {"BR-CO-14", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-CO-14]-Invoice total VAT amount (BT-110) = Σ VAT category tax amount (BT-117).", ""},
    {"BR-CO-15", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-CO-15]-Invoice total amount with VAT (BT-112) = Invoice total amount without VAT "
     "(BT-109) + Invoice total VAT amount (BT-110).",
     ""},
    {"BR-CO-16", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-CO-16]-Amount due for payment (BT-115) = Invoice total amount with VAT (BT-112) -Paid "
     "amount (BT-113) +Rounding amount (BT-114).",
     ""},
    {"BR-CO-17", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-CO-17]-VAT category tax amount (BT-117) = VAT category taxable amount (BT-116) x (VAT "
     "category rate (BT-119) / 100), rounded to two decimals.",
     ""},
    {"BR-CO-18", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-CO-18]-An Invoice shall at least have one VAT breakdown group (BG-23).", ""},
    {"BR-CO-19", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-CO-19]-If Invoicing period (BG-14) is used, the Invoicing period start date (BT-73) or "
     "the Invoicing period end date (BT-74) shall be filled, or both.",
     ""},
    {"BR-CO-20", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-CO-20]-If Invoice line period (BG-26) is used, the Invoice line period start date "
     "(BT-134) or the Invoice line period end date (BT-135) shall be filled, or both.",
     ""},
    {"BR-CO-21", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-CO-21]-Each Document level allowance (BG-20) shall contain a Document level allowance "
     "reason (BT-97) or a Document level allowance reason code (BT-98), or both.",
     ""},
    {"BR-CO-22", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-CO-22]-Each Document level charge (BG-21) shall contain a Document level charge reason "
     "(BT-104) or a Document level charge reason code (BT-105), or both.",
     ""},
    {"BR-CO-23", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-CO-23]-Each Invoice line allowance (BG-27) shall contain an Invoice line allowance "
     "reason (BT-139) or an Invoice line allowance reason code (BT-140), or both.",
     ""},
    {"BR-CO-24", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-CO-24]-Each Invoice line charge (BG-28) shall contain an Invoice line charge reason "
     "(BT-144) or an Invoice line charge reason code (BT-145), or both.",
     ""},
    {"BR-CO-26", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-CO-26]-In order for the buyer to automatically identify a supplier, the Seller "
     "identifier (BT-29), the Seller legal registration identifier (BT-30) and/or the Seller VAT "
     "identifier (BT-31) shall be present.",
     ""},
    {"BR-DEC-01", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-DEC-01]-The allowed maximum number of decimals for the Document level allowance amount "
     "(BT-92) is 2.",
     ""},
    {"BR-DEC-02", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-DEC-02]-The allowed maximum number of decimals for the Document level allowance base "
     "amount (BT-93) is 2.",
     ""},
    {"BR-DEC-05", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-DEC-05]-The allowed maximum number of decimals for the Document level charge amount "
     "(BT-99) is 2.",
     ""},
    {"BR-DEC-06", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-DEC-06]-The allowed maximum number of decimals for the Document level charge base amount "
     "(BT-100) is 2.",
     ""},
    {"BR-DEC-09", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-DEC-09]-The allowed maximum number of decimals for the Sum of Invoice line net amount "
     "(BT-106) is 2.",
     ""},
    {"BR-DEC-10", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-DEC-10]-The allowed maximum number of decimals for the Sum of allowanced on document "
     "level (BT-107) is 2.",
     ""},
    {"BR-DEC-11", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-DEC-11]-The allowed maximum number of decimals for the Sum of charges on document level "
     "(BT-108) is 2.",
     ""},
    {"BR-DEC-12", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-DEC-12]-The allowed maximum number of decimals for the Invoice total amount without VAT "
     "(BT-109) is 2.",
     ""},
    {"BR-DEC-13", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-DEC-13]-The allowed maximum number of decimals for the Invoice total VAT amount (BT-110) "
     "is 2.",
     ""},
    {"BR-DEC-14", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-DEC-14]-The allowed maximum number of decimals for the Invoice total amount with VAT "
     "(BT-112) is 2.",
     ""},
    {"BR-DEC-15", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-DEC-15]-The allowed maximum number of decimals for the Invoice total VAT amount in "
     "accounting currency (BT-111) is 2.",
     ""},
    {"BR-DEC-16", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-DEC-16]-The allowed maximum number of decimals for the Paid amount (BT-113) is 2.", ""},
    {"BR-DEC-17", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-DEC-17]-The allowed maximum number of decimals for the Rounding amount (BT-114) is 2.",
     ""},
    {"BR-DEC-18", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-DEC-18]-The allowed maximum number of decimals for the Amount due for payment (BT-115) "
     "is 2.",
     ""},
    {"BR-DEC-19", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-DEC-19]-The allowed maximum number of decimals for the VAT category taxable amount "
     "(BT-116) is 2.",
     ""},
    {"BR-DEC-20", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-DEC-20]-The allowed maximum number of decimals for the VAT category tax amount (BT-117) "
     "is 2.",
     ""},
    {"BR-DEC-23", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-DEC-23]-The allowed maximum number of decimals for the Invoice line net amount (BT-131) "
     "is 2.",
     ""},
    {"BR-DEC-24", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-DEC-24]-The allowed maximum number of decimals for the Invoice line allowance amount "
     "(BT-136) is 2.",
     ""},
    {"BR-DEC-25", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-DEC-25]-The allowed maximum number of decimals for the Invoice line allowance base "
     "amount (BT-137) is 2.",
     ""},
    {"BR-DEC-27", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-DEC-27]-The allowed maximum number of decimals for the Invoice line charge amount "
     "(BT-141) is 2.",
     ""},
    {"BR-DEC-28", FindingFlag::kFatal, FindingFlag::kFatal,
     "[BR-DEC-28]-The allowed maximum number of decimals for the Invoice line charge base amount "
     "(BT-142) is 2.",
     ""},

};

}  // namespace

bool NormalizedEquals(std::string_view text, std::string_view expected) {
  return xpath::NormalizeSpace(text) == expected;
}

std::vector<const invoice::DecimalText*> VatTotalElements(const invoice::DocumentTotals& totals) {
  std::vector<const invoice::DecimalText*> elements;
  for (const auto& amount : totals.vat_totals_as_written) elements.push_back(&amount);
  if (elements.empty()) {
    if (totals.total_vat) elements.push_back(&*totals.total_vat);
    if (totals.total_vat_accounting) elements.push_back(&*totals.total_vat_accounting);
  }
  return elements;
}

const CoreRuleText& CoreRule(std::string_view id) {
  for (const CoreRuleText& rule : kCoreRules) {
    if (rule.id == id) return rule;
  }
  std::fprintf(stderr, "choral: no EN 16931 core rule %.*s\n", static_cast<int>(id.size()),
               id.data());
  std::abort();
}

void CoreReport::Check(std::string_view id, bool holds, invoice::SourceOffset context) {
  if (holds) return;
  const CoreRuleText& rule = CoreRule(id);
  const bool cii = syntax_ == En16931Syntax::kCii;
  invoice::ValidationFinding finding;
  finding.rule = std::string(rule.id);
  finding.flag = cii ? rule.cii_flag : rule.ubl_flag;
  finding.message = std::string(cii && !rule.cii_text.empty() ? rule.cii_text : rule.ubl_text);
  finding.source = context;
  out_.push_back(std::move(finding));
}

}  // namespace choral::rules
