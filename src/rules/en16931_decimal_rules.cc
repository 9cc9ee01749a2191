// EN 16931 BR-DEC-*: amounts have at most two decimals. Both artefacts test the text as written,
// string-length(substring-after(amount, '.')) <= 2 (so "1.000" fails and "1.5 " with a trailing
// blank counts the blank), except for the VAT totals BT-110 / BT-111 (BR-DEC-13 / BR-DEC-15): see
// CheckVatTotalDecimals.
#include <optional>
#include <string_view>

#include "rules/en16931_core_report.h"
#include "rules/xpath_values.h"

namespace choral::rules {
namespace {

using invoice::DecimalText;
using invoice::SemanticInvoice;

void CheckDecimals(std::string_view id, const std::optional<DecimalText>& amount,
                   invoice::SourceOffset context, CoreReport& report) {
  report.Check(id, !amount || xpath::CharactersAfterPoint(amount->text) <= 2, context);
}

// Whether the untyped amount equals round(. * 100) div 100 in xs:double, as the CII test asks.
bool HasCentsValue(const DecimalText& amount) {
  const xpath::Dbl value = xpath::ParseDouble(amount.text);
  if (!value) return false;
  const xpath::Dbl rounded = xpath::RoundDouble(*value * 100);
  return *value == *rounded / 100;
}

// BR-DEC-13 / BR-DEC-15. The UBL artefact writes TaxAmount[@currencyID = cbc:DocumentCurrencyCode]
// inside a predicate, where cbc:DocumentCurrencyCode is looked for under the TaxAmount itself: the
// node set is always empty and the tests always hold, so UBL never reports them. The CII artefact
// asks, in the monetary summation, that some TaxTotalAmount be either in the other currency or in
// that currency with a value that has two decimals (a value test: "1.000" passes).
void CheckVatTotalDecimals(const SemanticInvoice& invoice, CoreReport& report) {
  if (report.ubl() || !HasMonetarySummation(invoice)) return;
  const invoice::DocumentTotals& totals = *invoice.totals;
  bool any = false;
  bool dec13 = false;
  bool dec15 = false;
  for (const DecimalText* amount : VatTotalElements(totals)) {
    any = true;
    const DecimalText& total = *amount;
    const bool in_invoice_currency = invoice.currency && total.currency == *invoice.currency;
    dec13 = dec13 || !in_invoice_currency || HasCentsValue(total);
    const bool in_tax_currency =
        invoice.vat_accounting_currency && total.currency == *invoice.vat_accounting_currency;
    dec15 = dec15 || !invoice.vat_accounting_currency || (in_tax_currency && HasCentsValue(total));
  }
  report.Check("BR-DEC-13", !any || dec13, totals.source);
  report.Check("BR-DEC-15", !any || dec15, totals.source);
}

}  // namespace

void CheckDecimalRules(const SemanticInvoice& invoice, CoreReport& report) {
  for (const auto& item : invoice.allowances_charges) {
    if (!SelectedByIndicatorText(item, report)) continue;
    CheckDecimals(item.is_charge ? "BR-DEC-05" : "BR-DEC-01", item.amount, item.source, report);
    CheckDecimals(item.is_charge ? "BR-DEC-06" : "BR-DEC-02", item.base_amount, item.source,
                  report);
  }
  if (HasMonetarySummation(invoice)) {
    const invoice::DocumentTotals& totals = *invoice.totals;
    CheckDecimals("BR-DEC-09", totals.line_net_total, totals.source, report);
    CheckDecimals("BR-DEC-10", totals.allowance_total, totals.source, report);
    CheckDecimals("BR-DEC-11", totals.charge_total, totals.source, report);
    CheckDecimals("BR-DEC-12", totals.total_without_vat, totals.source, report);
    CheckDecimals("BR-DEC-14", totals.total_with_vat, totals.source, report);
    CheckDecimals("BR-DEC-16", totals.paid_amount, totals.source, report);
    CheckDecimals("BR-DEC-17", totals.rounding_amount, totals.source, report);
    CheckDecimals("BR-DEC-18", totals.amount_due, totals.source, report);
  }
  CheckVatTotalDecimals(invoice, report);
  for (const auto& breakdown : invoice.vat_breakdown) {
    if (CiiBreakdownRuleShadowed(breakdown, report)) continue;
    CheckDecimals("BR-DEC-19", breakdown.taxable_amount, breakdown.source, report);
    CheckDecimals("BR-DEC-20", breakdown.tax_amount, breakdown.source, report);
  }
  for (const auto& line : invoice.lines) {
    CheckDecimals("BR-DEC-23", line.net_amount, line.source, report);
    for (const auto& item : line.allowances_charges) {
      if (!SelectedByIndicatorText(item, report)) continue;
      CheckDecimals(item.is_charge ? "BR-DEC-27" : "BR-DEC-24", item.amount, item.source, report);
      CheckDecimals(item.is_charge ? "BR-DEC-28" : "BR-DEC-25", item.base_amount, item.source,
                    report);
    }
  }
}

}  // namespace choral::rules
