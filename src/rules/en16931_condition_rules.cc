// EN 16931 conditions BR-CO-03..BR-CO-26 as the official artefacts test them: mostly the
// arithmetic of the totals. The UBL artefact computes on xs:decimal values throughout; the CII
// artefact sums untyped nodes in a few rules, which XPath does in xs:double, and rounds some sums
// the UBL one does not (or the other way round): each function follows its syntax's expression.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "rules/en16931_code_lists.h"
#include "rules/en16931_core_report.h"
#include "rules/xpath_values.h"

namespace choral::rules {
namespace {

using invoice::SemanticInvoice;
using xpath::Dbl;
using xpath::Dec;
using xpath::DecimalOf;

// BR-CO-03: the VAT point date (BT-7) and its code (BT-8) exclude each other. UBL tests it once
// from the root (BT-8 is InvoicePeriod/DescriptionCode); CII once per VAT breakdown
// (ApplicableTradeTax), looking for TaxPointDate and DueDateTypeCode anywhere.
void CheckBrCo03(const SemanticInvoice& invoice, CoreReport& report) {
  const bool has_code =
      Exists(invoice.tax_point_date_code) || (invoice.period && invoice.period->description_code);
  const bool holds = !(Exists(invoice.tax_point_date) && has_code);
  if (report.ubl()) {
    report.Check("BR-CO-03", holds, invoice.source);
  } else {
    for (const auto& breakdown : invoice.vat_breakdown) {
      if (CiiBreakdownRuleShadowed(breakdown, report)) continue;
      report.Check("BR-CO-03", holds, breakdown.source);
    }
  }
}

// BR-CO-04: every line has a VAT category code (BT-151).
void CheckBrCo04(const SemanticInvoice& invoice, CoreReport& report) {
  for (const auto& line : invoice.lines) {
    report.Check("BR-CO-04",
                 line.item && Exists(line.item->vat_category_code) &&
                     IsVatScheme(line.item->vat_tax_scheme, report.syntax()),
                 line.source);
  }
}

// BR-CO-05..08 are `true()` in both artefacts (the norm cannot test that a reason and its code
// mean the same): they never fire.

// BR-CO-09: a VAT identifier starts with an ISO 3166-1 alpha-2 code (or EL). The two artefacts
// carry slightly different lists (UBL has SS and not AN, CII the reverse) and test differently:
// UBL asks contains(list, substring(id, 1, 2)), true for an empty or one-letter id matching a
// fragment; CII asks contains(list, concat(' ', substring(id, 1, 2), ' ')), a whole code.
bool HasCountryPrefix(std::string_view vat_id, CoreReport& report) {
  const std::string_view prefix = xpath::Prefix(vat_id, 2);
  const CodeList countries = En16931CodeList("BR-CO-09", report.syntax());
  return report.ubl() ? countries.TextContains(prefix) : countries.Contains(prefix);
}

void CheckBrCo09(const SemanticInvoice& invoice, CoreReport& report) {
  auto check = [&](const std::optional<std::string>& vat_id, invoice::SourceOffset context) {
    if (vat_id) report.Check("BR-CO-09", HasCountryPrefix(*vat_id, report), context);
  };
  if (invoice.seller) check(invoice.seller->vat_id, invoice.seller->source);
  if (invoice.buyer) check(invoice.buyer->vat_id, invoice.buyer->source);
  if (invoice.tax_representative) {
    check(invoice.tax_representative->vat_id, invoice.tax_representative->source);
  }
}

// BR-CO-10: BT-106 = the sum of the lines' BT-131, rounded to cents. UBL sums xs:decimal values;
// CII sums the untyped amounts as xs:double, then casts the sum to xs:decimal before rounding.
void CheckBrCo10(const SemanticInvoice& invoice, const invoice::DocumentTotals& totals,
                 CoreReport& report) {
  Dec expected;
  if (report.ubl()) {
    std::vector<Dec> amounts;
    for (const auto& line : invoice.lines) amounts.push_back(DecimalOf(line.net_amount));
    expected = xpath::RoundToCents(xpath::Sum(amounts));
  } else {
    std::vector<Dbl> amounts;
    for (const auto& line : invoice.lines) amounts.push_back(xpath::DoubleOf(line.net_amount));
    expected = xpath::RoundToCents(xpath::DecimalOfDouble(xpath::SumDoubles(amounts)));
  }
  report.Check("BR-CO-10", xpath::Eq(DecimalOf(totals.line_net_total), expected), totals.source);
}

// BR-CO-11 / BR-CO-12: BT-107 (BT-108) = the sum of the document allowances (charges), rounded to
// cents; or neither the total nor any allowance (charge). UBL in xs:decimal; CII in xs:double
// (sum of untyped nodes, * 10 * 10, round, div 100, compared with the untyped total).
void CheckAllowanceChargeTotal(std::string_view id, bool charges, const SemanticInvoice& invoice,
                               const std::optional<invoice::DecimalText>& total,
                               const invoice::DocumentTotals& totals, CoreReport& report) {
  bool any = false;
  std::vector<Dec> decimals;
  std::vector<Dbl> doubles;
  for (const auto& item : invoice.allowances_charges) {
    if (item.is_charge != charges) continue;
    any = true;
    decimals.push_back(DecimalOf(item.amount));
    doubles.push_back(xpath::DoubleOf(item.amount));
  }
  bool equal;
  if (report.ubl()) {
    equal = xpath::Eq(DecimalOf(total), xpath::RoundToCents(xpath::Sum(decimals)));
  } else {
    const Dbl sum = xpath::SumDoubles(doubles);
    const Dbl expected = xpath::RoundDouble(*sum * 10 * 10);
    const Dbl written = xpath::DoubleOf(total);
    equal = written && expected && *written == *expected / 100;
  }
  report.Check(id, equal || (!total && !any), totals.source);
}

// BR-CO-13: BT-109 = BT-106 - BT-107 + BT-108, each term only when present, rounded to cents. In
// UBL, with neither BT-107 nor BT-108, BT-109 must equal BT-106 exactly; CII rounds that case too.
void CheckBrCo13(const invoice::DocumentTotals& totals, CoreReport& report) {
  Dec expected = DecimalOf(totals.line_net_total);
  if (totals.allowance_total) expected = xpath::Minus(expected, DecimalOf(totals.allowance_total));
  if (totals.charge_total) expected = xpath::Plus(expected, DecimalOf(totals.charge_total));
  const bool neither = !totals.allowance_total && !totals.charge_total;
  if (report.cii() || !neither) expected = xpath::RoundToCents(expected);
  report.Check("BR-CO-13", xpath::Eq(DecimalOf(totals.total_without_vat), expected), totals.source);
}

// The VAT total elements whose currency is `currency`, as written.
std::vector<const invoice::DecimalText*> VatTotalsIn(const invoice::DocumentTotals& totals,
                                                     const std::optional<std::string>& currency) {
  std::vector<const invoice::DecimalText*> found;
  for (const invoice::DecimalText* amount : VatTotalElements(totals)) {
    if (currency && amount->currency == *currency) found.push_back(amount);
  }
  return found;
}

// BR-CO-14: BT-110 = the sum of the breakdowns' BT-117, rounded to cents. UBL: per TaxTotal that
// has subtotals, its own TaxAmount against its own subtotals, in xs:decimal. CII: per
// TaxTotalAmount in the invoice currency against all the breakdowns, in xs:double.
void CheckBrCo14Ubl(const SemanticInvoice& invoice, CoreReport& report) {
  if (invoice.vat_breakdown.empty()) return;
  // A TaxTotal's TaxAmount precedes its subtotals, so each breakdown belongs to the VAT total
  // element written last before it; without offsets (a model built in memory) they all belong to
  // BT-110.
  std::vector<const invoice::DecimalText*> totals;
  if (invoice.totals) totals = VatTotalElements(*invoice.totals);
  std::sort(totals.begin(), totals.end(),
            [](const auto* a, const auto* b) { return a->source < b->source; });
  const bool located = !totals.empty() && totals.front()->source != invoice::kNoSource;
  std::vector<std::vector<Dec>> subtotals(totals.size());
  std::vector<Dec> unplaced;
  for (const auto& breakdown : invoice.vat_breakdown) {
    size_t owner = totals.size();
    for (size_t i = 0; located && i < totals.size(); ++i) {
      if (totals[i]->source < breakdown.source) owner = i;
    }
    (owner < totals.size() ? subtotals[owner] : unplaced)
        .push_back(DecimalOf(breakdown.tax_amount));
  }
  for (size_t i = 0; i < totals.size(); ++i) {
    if (subtotals[i].empty()) continue;
    report.Check("BR-CO-14",
                 xpath::Eq(xpath::ParseDecimal(totals[i]->text),
                           xpath::RoundToCents(xpath::Sum(subtotals[i]))),
                 totals[i]->source);
  }
  if (!unplaced.empty()) {
    const std::optional<invoice::DecimalText> none;
    const auto& total = invoice.totals ? invoice.totals->total_vat : none;
    report.Check("BR-CO-14", xpath::Eq(DecimalOf(total), xpath::RoundToCents(xpath::Sum(unplaced))),
                 total ? total->source : invoice.source);
  }
}

void CheckBrCo14(const SemanticInvoice& invoice, CoreReport& report) {
  if (report.ubl()) {
    CheckBrCo14Ubl(invoice, report);
    return;
  }
  if (!invoice.totals) return;
  std::vector<Dbl> amounts;
  for (const auto& breakdown : invoice.vat_breakdown) {
    amounts.push_back(xpath::DoubleOf(breakdown.tax_amount));
  }
  const Dbl expected = xpath::RoundDouble(*xpath::SumDoubles(amounts) * 10 * 10);
  for (const invoice::DecimalText* total : VatTotalsIn(*invoice.totals, invoice.currency)) {
    const Dbl written = xpath::ParseDouble(total->text);
    report.Check("BR-CO-14", written && expected && *written == *expected / 100, total->source);
  }
}

// BR-CO-15: BT-112 = BT-109 + BT-110, rounded to cents, with exactly one VAT total in the invoice
// currency. Tested only when BT-5 is given ("every $Currency in ..."). CII also accepts
// BT-112 = BT-109 whatever the VAT total.
void CheckBrCo15(const SemanticInvoice& invoice, CoreReport& report) {
  if (!invoice.currency) return;
  const invoice::DocumentTotals empty;
  const invoice::DocumentTotals& totals = invoice.totals ? *invoice.totals : empty;
  const auto vat_totals = VatTotalsIn(totals, invoice.currency);
  bool holds = false;
  if (vat_totals.size() == 1) {
    const Dec sum = xpath::Plus(DecimalOf(totals.total_without_vat),
                                xpath::ParseDecimal(vat_totals.front()->text));
    holds = xpath::Eq(DecimalOf(totals.total_with_vat), xpath::RoundToCents(sum));
  }
  if (report.cii()) {
    holds =
        holds || xpath::Eq(DecimalOf(totals.total_with_vat), DecimalOf(totals.total_without_vat));
  }
  report.Check("BR-CO-15", holds, invoice.source);
}

// BR-CO-16: BT-115 = BT-112 - BT-113 + BT-114. UBL rounds to cents (BT-115 - BT-114 and
// BT-112 - BT-113 separately when BT-114 is given); CII compares exactly, without rounding.
void CheckBrCo16(const invoice::DocumentTotals& totals, CoreReport& report) {
  const Dec due = DecimalOf(totals.amount_due);
  const Dec with_vat = DecimalOf(totals.total_with_vat);
  const Dec paid = DecimalOf(totals.paid_amount);
  const Dec rounding = DecimalOf(totals.rounding_amount);
  const bool has_paid = Exists(totals.paid_amount);
  const bool has_rounding = Exists(totals.rounding_amount);
  bool holds;
  if (report.ubl()) {
    const Dec payable = has_paid ? xpath::RoundToCents(xpath::Minus(with_vat, paid)) : with_vat;
    const Dec due_before_rounding =
        has_rounding ? xpath::RoundToCents(xpath::Minus(due, rounding)) : due;
    holds = xpath::Eq(due_before_rounding, payable);
  } else {
    Dec expected = with_vat;
    if (has_paid) expected = xpath::Minus(expected, paid);
    if (has_rounding) expected = xpath::Plus(expected, rounding);
    holds = xpath::Eq(due, expected);
  }
  report.Check("BR-CO-16", holds, totals.source);
}

// BR-CO-17: BT-117 = BT-116 x BT-119 / 100 rounded to cents, within one unit either way (strictly
// within in UBL, inclusive in CII); a zero (rounded) rate, or none, wants a tax that rounds to 0.
void CheckBrCo17(const invoice::VatBreakdown& breakdown, CoreReport& report) {
  if (CiiBreakdownRuleShadowed(breakdown, report)) return;
  // The rate of a category whose scheme is not VAT does not count (CII normalizes TypeCode here).
  const Dec rate = IsVatScheme(breakdown.tax_scheme, report.syntax(), /*normalize_cii=*/true)
                       ? DecimalOf(breakdown.rate)
                       : Dec();
  const Dec tax = DecimalOf(breakdown.tax_amount);
  const Dec zero = DecimalOf(0);
  const Dec one = DecimalOf(1);
  const bool tax_rounds_to_zero = xpath::Eq(xpath::Round(tax), zero);
  const Dec expected = xpath::RoundToCents(
      xpath::Times(xpath::Abs(DecimalOf(breakdown.taxable_amount)), xpath::DividePow10(rate, 2)));
  const Dec low = xpath::Minus(xpath::Abs(tax), one);
  const Dec high = xpath::Plus(xpath::Abs(tax), one);
  const bool within = report.ubl() ? xpath::Lt(low, expected) && xpath::Gt(high, expected)
                                   : xpath::Le(low, expected) && xpath::Ge(high, expected);
  const bool holds = (xpath::Eq(xpath::Round(rate), zero) && tax_rounds_to_zero) ||
                     (xpath::Ne(xpath::Round(rate), zero) && within) ||
                     (!rate && tax_rounds_to_zero);
  report.Check("BR-CO-17", holds, breakdown.source);
}

// BR-CO-18: at least one VAT breakdown. UBL tests it once from the root; CII once per line.
void CheckBrCo18(const SemanticInvoice& invoice, CoreReport& report) {
  const bool holds = !invoice.vat_breakdown.empty();
  if (report.ubl()) {
    report.Check("BR-CO-18", holds, invoice.source);
  } else {
    for (const auto& line : invoice.lines) report.Check("BR-CO-18", holds, line.source);
  }
}

// BR-CO-19 / BR-CO-20: a period has a start or an end date. UBL's invoicing period may instead
// carry only the VAT point date code (BT-8, DescriptionCode); CII's BT-8 lives elsewhere.
void CheckPeriods(const SemanticInvoice& invoice, CoreReport& report) {
  if (invoice.period) {
    const invoice::Period& period = *invoice.period;
    const bool code_only = report.ubl() && Exists(period.description_code);
    report.Check("BR-CO-19", Exists(period.start) || Exists(period.end) || code_only,
                 period.source);
  }
  for (const auto& line : invoice.lines) {
    if (line.period) {
      report.Check("BR-CO-20", Exists(line.period->start) || Exists(line.period->end),
                   line.period->source);
    }
  }
}

// BR-CO-21..24: each allowance and charge has a reason or a reason code (as BR-33/38/42/44).
void CheckReasons(const SemanticInvoice& invoice, CoreReport& report) {
  for (const auto& item : invoice.allowances_charges) {
    if (!SelectedByIndicatorText(item, report)) continue;
    report.Check(item.is_charge ? "BR-CO-22" : "BR-CO-21",
                 Exists(item.reason) || Exists(item.reason_code), item.source);
  }
  for (const auto& line : invoice.lines) {
    for (const auto& item : line.allowances_charges) {
      if (!SelectedByIndicatorText(item, report)) continue;
      report.Check(item.is_charge ? "BR-CO-24" : "BR-CO-23",
                   Exists(item.reason) || Exists(item.reason_code), item.source);
    }
  }
}

// BR-CO-26: the seller is identified by BT-29, BT-30 or BT-31. UBL leaves out a
// PartyIdentification whose @schemeID is 'SEPA' (that is BT-90); CII counts ID, GlobalID, the
// legal organisation's ID and the ID[@schemeID='VA'].
void CheckBrCo26(const SemanticInvoice& invoice, CoreReport& report) {
  if (!invoice.seller) return;
  const invoice::Seller& seller = *invoice.seller;
  bool identified = Exists(seller.vat_id) || Exists(seller.legal_registration_id);
  for (const invoice::Identifier& id : seller.identifiers) {
    if (report.cii() || id.scheme != "SEPA") identified = true;
  }
  report.Check("BR-CO-26", identified, seller.source);
}

}  // namespace

void CheckConditionRules(const SemanticInvoice& invoice, CoreReport& report) {
  CheckBrCo03(invoice, report);
  CheckBrCo04(invoice, report);
  CheckBrCo09(invoice, report);
  if (HasMonetarySummation(invoice)) {
    const invoice::DocumentTotals& totals = *invoice.totals;
    CheckBrCo10(invoice, totals, report);
    CheckAllowanceChargeTotal("BR-CO-11", false, invoice, totals.allowance_total, totals, report);
    CheckAllowanceChargeTotal("BR-CO-12", true, invoice, totals.charge_total, totals, report);
    CheckBrCo13(totals, report);
    CheckBrCo16(totals, report);
  }
  CheckBrCo14(invoice, report);
  CheckBrCo15(invoice, report);
  for (const auto& breakdown : invoice.vat_breakdown) CheckBrCo17(breakdown, report);
  CheckBrCo18(invoice, report);
  CheckPeriods(invoice, report);
  CheckReasons(invoice, report);
  CheckBrCo26(invoice, report);
}

}  // namespace choral::rules
