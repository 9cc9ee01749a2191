// What the core rule families (BR-nn and BR-B-nn, BR-CO-nn, BR-DEC-nn) share: the artefacts' flag
// and message of each rule, per syntax, and the helper that appends a finding. Internal to rules.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "invoice/semantic_invoice.h"
#include "invoice/validation_finding.h"
#include "rules/en16931_rules.h"

namespace choral::rules {

// One rule as the official artefacts report it (svrl:failed-assert): its flag and text in the UBL
// and the CII artefact (they differ for a few rules, BR-51's flag among them).
struct CoreRuleText {
  std::string_view id;
  invoice::FindingFlag ubl_flag;
  invoice::FindingFlag cii_flag;
  std::string_view ubl_text;
  std::string_view cii_text;  // empty: the same as ubl_text
};

// normalize-space(text) = expected.
bool NormalizedEquals(std::string_view text, std::string_view expected);

// The rule's row; aborts on an id that is not in the table (a bug).
const CoreRuleText& CoreRule(std::string_view id);

// Appends the findings of one syntax's artefact.
class CoreReport {
 public:
  CoreReport(En16931Syntax syntax, invoice::Findings& out) : syntax_(syntax), out_(out) {}

  En16931Syntax syntax() const { return syntax_; }
  bool ubl() const { return syntax_ == En16931Syntax::kUbl; }
  bool cii() const { return syntax_ == En16931Syntax::kCii; }

  // Reports `id` at the rule context's element unless `holds`.
  void Check(std::string_view id, bool holds, invoice::SourceOffset context);
  void Fail(std::string_view id, invoice::SourceOffset context) { Check(id, false, context); }

 private:
  En16931Syntax syntax_;
  invoice::Findings& out_;
};

// Whether a tax category (a VAT breakdown, a document allowance or charge, a line's item) is the
// VAT one, as the artefacts filter TaxCategory / ApplicableTradeTax: UBL by
// normalize-space(upper-case(TaxScheme/ID)) = 'VAT', CII by upper-case(TypeCode) = 'VAT' (BR-CO-17
// normalizes that one too: `normalize_cii`). The scheme is what the reader kept of that element
// (`tax_scheme`, or `vat_tax_scheme` on an item), none when the element had none; a model without
// the field counts every category as VAT.
template <typename Category>
bool IsVatCategory(const Category& category, const CoreReport& report, bool normalize_cii = false) {
  const std::optional<std::string>* scheme = nullptr;
  if constexpr (requires { category.tax_scheme; }) {
    scheme = &category.tax_scheme;
  } else if constexpr (requires { category.vat_tax_scheme; }) {
    scheme = &category.vat_tax_scheme;
  }
  if (scheme == nullptr) return true;
  if (!*scheme) return false;
  std::string id = **scheme;
  for (char& c : id) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  if (report.ubl() || normalize_cii) return NormalizedEquals(id, "VAT");
  return id == "VAT";
}

// Whether the CII artefact's rules on a VAT breakdown (BR-45..48, BR-CO-03, BR-CO-17, BR-DEC-19/20,
// all in the rule of context ApplicableTradeTax) skip this one. Schematron fires only the first
// matching rule of a pattern on a node, and the CII artefact's rules for categories L, M and O
// match the header ApplicableTradeTax element itself (ApplicableTradeTax[ram:CategoryCode = 'O']
// [upper-case(ram:TypeCode) = 'VAT']) with a higher priority; the other categories' rules match
// its CategoryCode child instead. UBL's TaxSubtotal rule is never shadowed so.
inline bool CiiBreakdownRuleShadowed(const invoice::VatBreakdown& breakdown,
                                     const CoreReport& report) {
  if (!report.cii() || !IsVatCategory(breakdown, report)) return false;
  const auto& code = breakdown.category_code;
  return code == "L" || code == "M" || code == "O";
}

// Whether the artefact's rules of one allowance or charge (BR-31..44, BR-CO-21..24,
// BR-DEC-01..06/24..28) see it. CII's pick it by [udt:Indicator = 'true'] / ['false'], a string
// comparison: an indicator spelt "1", "0" or " true " is a charge or an allowance only to the
// xs:boolean comparisons of the sums and VAT rules. UBL's compare as xs:boolean throughout.
template <typename AllowanceCharge>
bool SelectedByIndicatorText(const AllowanceCharge& item, const CoreReport& report) {
  return report.ubl() || item.indicator_literal;
}

// Whether the invoice has the element that holds BT-106..BT-115 (UBL LegalMonetaryTotal, CII
// SpecifiedTradeSettlementHeaderMonetarySummation): the context of BR-12..15, BR-CO-10..13/16 and
// their BR-DEC. A UBL document may have only its TaxTotal (BT-110), which the model also keeps in
// `totals`; DocumentTotals::summation_present tells them apart when the model has it.
template <typename Totals>
bool HasMonetarySummation(const std::optional<Totals>& totals) {
  if (!totals) return false;
  if constexpr (requires { totals->summation_present; }) return totals->summation_present;
  return true;
}

// The VAT total elements of the document (DocumentTotals::vat_totals_as_written), or BT-110 and
// BT-111 when the reader did not list them.
std::vector<const invoice::DecimalText*> VatTotalElements(const invoice::DocumentTotals& totals);

// The families, each appending its findings (called by CheckCoreRules).
void CheckBusinessRules(const invoice::SemanticInvoice& invoice,
                        CoreReport& report);  // BR-nn, BR-B
void CheckConditionRules(const invoice::SemanticInvoice& invoice, CoreReport& report);  // BR-CO
void CheckDecimalRules(const invoice::SemanticInvoice& invoice, CoreReport& report);    // BR-DEC

}  // namespace choral::rules
