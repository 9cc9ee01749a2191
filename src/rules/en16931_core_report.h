// What the core rule families (BR-nn and BR-B-nn, BR-CO-nn, BR-DEC-nn) share: the report that
// appends a finding with the artefact's flag and message (en16931_code_lists_data.cc, generated
// from the artefacts), and the tests several families make. Internal to rules.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "invoice/semantic_invoice.h"
#include "invoice/validation_finding.h"
#include "rules/en16931_rules.h"
#include "rules/en16931_support.h"

namespace choral::rules {

// Appends the findings of one syntax's artefact.
class CoreReport {
 public:
  CoreReport(En16931Syntax syntax, invoice::Findings& out) : syntax_(syntax), out_(out) {}

  En16931Syntax syntax() const { return syntax_; }
  bool ubl() const { return syntax_ == En16931Syntax::kUbl; }
  bool cii() const { return syntax_ == En16931Syntax::kCii; }

  // Reports `id` at the rule context's element unless `holds`.
  void Check(std::string_view id, bool holds, invoice::SourceOffset context);

 private:
  En16931Syntax syntax_;
  invoice::Findings& out_;
};

// The artefacts' test `exists(x)`: present, even empty.
template <typename T>
bool Exists(const std::optional<T>& term) {
  return term.has_value();
}

// Whether the CII artefact's rules on a VAT breakdown (BR-45..48, BR-CO-03, BR-CO-17, BR-DEC-19/20,
// all in the rule of context ApplicableTradeTax) skip this one. Schematron fires only the first
// matching rule of a pattern on a node, and the CII artefact's rules for categories L, M and O
// match the header ApplicableTradeTax element itself (ApplicableTradeTax[ram:CategoryCode = 'O']
// [upper-case(ram:TypeCode) = 'VAT']) with a higher priority; the other categories' rules match
// its CategoryCode child instead. UBL's TaxSubtotal rule is never shadowed so.
inline bool CiiBreakdownRuleShadowed(const invoice::VatBreakdown& breakdown,
                                     const CoreReport& report) {
  if (!report.cii() || !IsVatScheme(breakdown.tax_scheme, report.syntax())) return false;
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
// `totals`.
inline bool HasMonetarySummation(const invoice::SemanticInvoice& invoice) {
  return invoice.totals && invoice.totals->summation_present;
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
