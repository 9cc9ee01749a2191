// EN 16931 business rules BR-01..BR-65 and BR-B-01/02, as the official artefacts test them. Each
// function is one rule (or one context holding a few), named by id; where the UBL and CII artefacts
// test a rule differently, the function branches on the syntax and says how they differ.
#include <string>
#include <string_view>

#include "rules/en16931_core_report.h"
#include "rules/xpath_values.h"

namespace choral::rules {
namespace {

using invoice::SemanticInvoice;
using xpath::IsBlank;

// --- The invoice root -------------------------------------------------------------------------

void CheckRootTerms(const SemanticInvoice& invoice, CoreReport& report) {
  const auto root = invoice.source;
  report.Check("BR-01", !IsBlank(invoice.specification_id), root);
  report.Check("BR-02", !IsBlank(invoice.number), root);
  // BR-03: CII reads the date only from a DateTimeString whose @format is '102'.
  bool issue_date = invoice.issue_date && !xpath::IsBlankText(invoice.issue_date->text);
  if (report.cii()) issue_date = issue_date && invoice.issue_date->format == "102";
  report.Check("BR-03", issue_date, root);
  report.Check("BR-04", !IsBlank(invoice.type_code), root);
  report.Check("BR-05", !IsBlank(invoice.currency), root);
  report.Check("BR-06", invoice.seller && !IsBlank(invoice.seller->name), root);
  report.Check("BR-07", invoice.buyer && !IsBlank(invoice.buyer->name), root);
  report.Check("BR-08", invoice.seller && Exists(invoice.seller->address), root);
  report.Check("BR-10", invoice.buyer && Exists(invoice.buyer->address), root);
  report.Check("BR-16", !invoice.lines.empty(), root);
}

// BR-09 / BR-11: UBL tests the country in the context of the postal address (so only when there
// is one); CII tests it from the root, so a missing address fails it too.
void CheckPartyCountries(const SemanticInvoice& invoice, CoreReport& report) {
  auto check = [&](std::string_view id, const std::optional<invoice::PostalAddress>& address) {
    if (report.ubl()) {
      if (address) report.Check(id, !IsBlank(address->country), address->source);
    } else {
      report.Check(id, address && !IsBlank(address->country), invoice.source);
    }
  };
  static const std::optional<invoice::PostalAddress> kNone;
  check("BR-09", invoice.seller ? invoice.seller->address : kNone);
  check("BR-11", invoice.buyer ? invoice.buyer->address : kNone);
}

// BR-62 / BR-63: UBL asks exists(@schemeID) on the EndpointID; CII asks a non-blank @schemeID on
// the first URIUniversalCommunication, from the root.
void CheckElectronicAddress(std::string_view id, const std::optional<invoice::Identifier>& address,
                            invoice::SourceOffset root, CoreReport& report) {
  if (!address) return;
  if (report.ubl()) {
    report.Check(id, Exists(address->scheme), address->source);
  } else {
    report.Check(id, !IsBlank(address->scheme), root);
  }
}

// BR-53: if BT-6 is given, a VAT total in that currency (BT-111) must be. UBL looks for any
// TaxTotal/TaxAmount in that currency from the root; CII, from the monetary summation, also wants
// BT-6 to differ from BT-5.
void CheckAccountingCurrency(const SemanticInvoice& invoice, CoreReport& report) {
  const auto& tax_currency = invoice.vat_accounting_currency;
  auto in_tax_currency = [&](const std::optional<invoice::DecimalText>& amount) {
    return amount && tax_currency && amount->currency == *tax_currency;
  };
  const invoice::DocumentTotals* totals = invoice.totals ? &*invoice.totals : nullptr;
  const bool has_total = totals && (in_tax_currency(totals->total_vat) ||
                                    in_tax_currency(totals->total_vat_accounting));
  if (report.ubl()) {
    report.Check("BR-53", !tax_currency || has_total, invoice.source);
  } else if (totals) {
    report.Check("BR-53", !tax_currency || (has_total && tax_currency != invoice.currency),
                 totals->source);
  }
}

// --- Parties ----------------------------------------------------------------------------------

// BR-17: a payee named like the seller, or identified like it, is the seller. UBL compares with the
// seller's PartyName (BT-28) and PartyIdentification; CII with the seller's Name (BT-27), ID and
// legal organisation ID. Strings compare as written.
void CheckPayee(const SemanticInvoice& invoice, CoreReport& report) {
  if (!invoice.payee) return;
  const invoice::Payee& payee = *invoice.payee;
  const invoice::Seller* seller = invoice.seller ? &*invoice.seller : nullptr;
  bool same_name = false;
  bool same_id = false;
  bool same_legal_id = false;
  if (seller && payee.name) {
    const auto& seller_name = report.ubl() ? seller->trading_name : seller->name;
    same_name = seller_name == payee.name;
  }
  if (seller && payee.identifier) {
    for (const invoice::Identifier& id : seller->identifiers) {
      // CII's ram:ID carries no scheme (the schemed ones are GlobalID, which BR-17 leaves out).
      if (report.cii() && (id.scheme || payee.identifier->scheme)) continue;
      if (id.value == payee.identifier->value) same_id = true;
    }
  }
  if (report.cii() && seller && payee.legal_registration_id && seller->legal_registration_id) {
    same_legal_id = payee.legal_registration_id->value == seller->legal_registration_id->value;
  }
  report.Check("BR-17", Exists(payee.name) && !same_name && !same_id && !same_legal_id,
               payee.source);
}

void CheckTaxRepresentative(const SemanticInvoice& invoice, CoreReport& report) {
  if (!invoice.tax_representative) return;
  const invoice::TaxRepresentative& representative = *invoice.tax_representative;
  const auto context = representative.source;
  report.Check("BR-18", !IsBlank(representative.name), context);
  report.Check("BR-19", Exists(representative.address), context);
  // BR-20: UBL in the context of the address, CII from the party (a missing address fails it).
  if (report.ubl()) {
    if (representative.address) {
      report.Check("BR-20", !IsBlank(representative.address->country),
                   representative.address->source);
    }
  } else {
    report.Check("BR-20", representative.address && !IsBlank(representative.address->country),
                 context);
  }
  // BR-56: UBL asks exists(CompanyID) of the VAT PartyTaxScheme; CII a non-blank
  // ID[@schemeID='VA'].
  report.Check("BR-56",
               report.ubl() ? Exists(representative.vat_id) : !IsBlank(representative.vat_id),
               context);
}

// BR-57: UBL tests exists(Country/IdentificationCode) in the Address; CII a non-blank CountryID.
void CheckDeliveryAddress(const SemanticInvoice& invoice, CoreReport& report) {
  if (!invoice.delivery || !invoice.delivery->address) return;
  const invoice::PostalAddress& address = *invoice.delivery->address;
  if (report.ubl()) {
    report.Check("BR-57", Exists(address.country), address.source);
  } else {
    report.Check("BR-57", !IsBlank(address.country), invoice.delivery->source);
  }
}

// --- Totals, VAT breakdown, periods -----------------------------------------------------------

// BR-12..BR-15, in the context of LegalMonetaryTotal (UBL) or the monetary summation (CII).
void CheckTotalsPresent(const SemanticInvoice& invoice, CoreReport& report) {
  if (!HasMonetarySummation(invoice)) return;
  const invoice::DocumentTotals& totals = *invoice.totals;
  report.Check("BR-12", Exists(totals.line_net_total), totals.source);
  report.Check("BR-13", Exists(totals.total_without_vat), totals.source);
  report.Check("BR-14", Exists(totals.total_with_vat), totals.source);
  report.Check("BR-15", Exists(totals.amount_due), totals.source);
}

void CheckVatBreakdowns(const SemanticInvoice& invoice, CoreReport& report) {
  for (const invoice::VatBreakdown& breakdown : invoice.vat_breakdown) {
    if (CiiBreakdownRuleShadowed(breakdown, report)) continue;
    const auto context = breakdown.source;
    report.Check("BR-45", Exists(breakdown.taxable_amount), context);
    report.Check("BR-46", Exists(breakdown.tax_amount), context);
    // BR-47 / BR-48 look only at a VAT category (TaxScheme / TypeCode 'VAT').
    const bool vat = IsVatScheme(breakdown.tax_scheme, report.syntax());
    report.Check("BR-47", vat && Exists(breakdown.category_code), context);
    // BR-48: a rate, unless the category is 'O' (UBL normalizes the code first, CII does not).
    bool not_subject = false;
    if (vat && breakdown.category_code) {
      not_subject = report.ubl() ? xpath::NormalizeSpace(*breakdown.category_code) == "O"
                                 : *breakdown.category_code == "O";
    }
    report.Check("BR-48", (vat && Exists(breakdown.rate)) || not_subject, context);
  }
}

// BR-29 / BR-30: the end date is not before the start date. UBL compares xs:date values; CII
// compares the texts of format-102 DateTimeStrings as strings (so another format fails the rule).
bool PeriodInOrder(const invoice::Period& period, CoreReport& report) {
  if (!period.start || !period.end) return true;
  if (report.ubl()) {
    // An unreadable date stops the XSLT with an error; no verdict to give here.
    if (!period.start->value || !period.end->value) return true;
    return *period.end->value >= *period.start->value;
  }
  return period.start->format == "102" && period.end->format == "102" &&
         period.end->text >= period.start->text;
}

void CheckInvoicePeriod(const SemanticInvoice& invoice, CoreReport& report) {
  if (!invoice.period) return;
  report.Check("BR-29", PeriodInOrder(*invoice.period, report), invoice.period->source);
}

// --- Document level allowances and charges ----------------------------------------------------

void CheckDocumentAllowanceCharge(const invoice::DocumentAllowanceCharge& item,
                                  CoreReport& report) {
  const bool has_reason = Exists(item.reason) || Exists(item.reason_code);
  const bool vat_category =
      Exists(item.vat_category_code) && IsVatScheme(item.tax_scheme, report.syntax());
  if (!item.is_charge) {
    report.Check("BR-31", Exists(item.amount), item.source);
    report.Check("BR-32", vat_category, item.source);
    report.Check("BR-33", has_reason, item.source);
  } else {
    report.Check("BR-36", Exists(item.amount), item.source);
    report.Check("BR-37", vat_category, item.source);
    report.Check("BR-38", has_reason, item.source);
  }
}

// --- Lines --------------------------------------------------------------------------------------

// BR-27 / BR-28 compare the untyped price with 0, as xs:double; a missing net price fails BR-27.
bool NotNegative(const std::optional<invoice::DecimalText>& price) {
  const xpath::Dbl value = xpath::DoubleOf(price);
  return value && *value >= 0;
}

void CheckLine(const invoice::InvoiceLine& line, CoreReport& report) {
  const auto context = line.source;
  const invoice::Item* item = line.item ? &*line.item : nullptr;
  const invoice::PriceDetails* price = line.price ? &*line.price : nullptr;
  report.Check("BR-21", !IsBlank(line.id), context);
  report.Check("BR-22", Exists(line.quantity), context);
  report.Check("BR-23", Exists(line.quantity_unit), context);
  report.Check("BR-24", Exists(line.net_amount), context);
  report.Check("BR-25", item && !IsBlank(item->name), context);
  report.Check("BR-26", price && Exists(price->net_price), context);
  report.Check("BR-27", price && NotNegative(price->net_price), context);
  report.Check("BR-28", !price || !price->gross_price || NotNegative(price->gross_price), context);

  for (const invoice::LineAllowanceCharge& allowance : line.allowances_charges) {
    if (!SelectedByIndicatorText(allowance, report)) continue;
    const bool has_reason = Exists(allowance.reason) || Exists(allowance.reason_code);
    report.Check(allowance.is_charge ? "BR-43" : "BR-41", Exists(allowance.amount),
                 allowance.source);
    report.Check(allowance.is_charge ? "BR-44" : "BR-42", has_reason, allowance.source);
  }
  if (line.period) report.Check("BR-30", PeriodInOrder(*line.period, report), line.period->source);

  if (!item) return;
  for (const invoice::ItemAttribute& attribute : item->attributes) {
    report.Check("BR-54", Exists(attribute.name) && Exists(attribute.value), attribute.source);
  }
  // BR-64: UBL asks exists(@schemeID) on the StandardItemIdentification/ID; CII a non-blank
  // GlobalID/@schemeID, in the line's context.
  if (item->standard_id) {
    if (report.ubl()) {
      report.Check("BR-64", Exists(item->standard_id->scheme), item->standard_id->source);
    } else {
      report.Check("BR-64", !IsBlank(item->standard_id->scheme), context);
    }
  }
  // BR-65: the same difference, per classification code (@listID).
  for (const invoice::Identifier& classification : item->classification_ids) {
    report.Check("BR-65",
                 report.ubl() ? Exists(classification.scheme) : !IsBlank(classification.scheme),
                 classification.source);
  }
}

// --- Payment
// --------------------------------------------------------------------------------------

bool IsCreditTransferCode(const std::optional<std::string>& code) {
  // The contexts compare the code as written: PaymentMeansCode='30' / TypeCode='30'.
  return code == "30" || code == "58";
}

void CheckPayment(const SemanticInvoice& invoice, CoreReport& report) {
  for (const invoice::PaymentInstructions& means : invoice.payment_instructions) {
    report.Check("BR-49", Exists(means.means_code), means.source);
    if (IsCreditTransferCode(means.means_code)) {
      for (const invoice::CreditTransfer& account : means.credit_transfers) {
        report.Check("BR-50", !IsBlank(account.account_id), account.source);
        // BR-61 in CII: in the context of the account, the account has an ID (even empty).
        if (report.cii()) report.Check("BR-61", Exists(account.account_id), account.source);
      }
    }
    if (report.ubl()) {
      // BR-61 in UBL: in the context of PaymentMeans, a code that means credit transfer (after
      // normalize-space) needs an account with an ID.
      const std::string code = means.means_code ? xpath::NormalizeSpace(*means.means_code) : "";
      bool has_account_id = false;
      for (const invoice::CreditTransfer& account : means.credit_transfers) {
        if (account.account_id) has_account_id = true;
      }
      report.Check("BR-61", (code != "30" && code != "58") || has_account_id, means.source);
    }
    // BR-51: at most 10 characters of a card number (a warning in UBL, fatal in CII).
    if (means.card) {
      const bool short_enough =
          !means.card->primary_account_number ||
          xpath::StringLength(xpath::NormalizeSpace(*means.card->primary_account_number)) <= 10;
      if (report.cii() || means.card->primary_account_number) {
        report.Check("BR-51", short_enough, means.card->source);
      }
    }
  }
}

// --- References ---------------------------------------------------------------------------------

void CheckReferences(const SemanticInvoice& invoice, CoreReport& report) {
  // BR-52: each AdditionalDocumentReference (UBL) / AdditionalReferencedDocument (CII) has a
  // non-blank ID. BT-18 travels in one in both syntaxes; CII also carries BT-17 and the lines'
  // BT-128 in such elements.
  for (const invoice::SupportingDocument& document : invoice.supporting_documents) {
    report.Check("BR-52", !IsBlank(document.reference), document.source);
  }
  if (invoice.invoiced_object_id) {
    report.Check("BR-52", !xpath::IsBlankText(invoice.invoiced_object_id->value),
                 invoice.invoiced_object_id->source);
  }
  if (report.cii()) {
    if (invoice.tender_or_lot_reference) {
      report.Check("BR-52", !IsBlank(invoice.tender_or_lot_reference), invoice.source);
    }
    for (const invoice::InvoiceLine& line : invoice.lines) {
      if (line.object_id) {
        report.Check("BR-52", !xpath::IsBlankText(line.object_id->value), line.object_id->source);
      }
    }
  }
  // BR-55: UBL asks exists(InvoiceDocumentReference/ID); CII a non-blank IssuerAssignedID.
  for (const invoice::PrecedingInvoice& preceding : invoice.preceding_invoices) {
    report.Check("BR-55", report.ubl() ? Exists(preceding.number) : !IsBlank(preceding.number),
                 preceding.source);
  }
}

// --- BR-B: split payment (Italy) --------------------------------------------------------------

// Whether any VAT category code in the invoice is `code`, as written (the tests compare
// //cac:TaxCategory/cbc:ID, //cac:ClassifiedTaxCategory/cbc:ID, //ram:CategoryCode).
bool AnyCategoryCode(const SemanticInvoice& invoice, std::string_view code) {
  for (const auto& breakdown : invoice.vat_breakdown) {
    if (breakdown.category_code == code) return true;
  }
  for (const auto& allowance : invoice.allowances_charges) {
    if (allowance.vat_category_code == code) return true;
  }
  for (const auto& line : invoice.lines) {
    if (line.item && line.item->vat_category_code == code) return true;
  }
  return false;
}

// Whether any country code of the invoice is other than 'IT'. UBL's //cbc:IdentificationCode
// includes the items' country of origin; CII's //ram:CountryID does not (that is
// OriginTradeCountry/ID).
bool AnyCountryOtherThanItaly(const SemanticInvoice& invoice, CoreReport& report) {
  auto foreign = [](const std::optional<invoice::PostalAddress>& address) {
    return address && address->country && *address->country != "IT";
  };
  if (invoice.seller && foreign(invoice.seller->address)) return true;
  if (invoice.buyer && foreign(invoice.buyer->address)) return true;
  if (invoice.tax_representative && foreign(invoice.tax_representative->address)) return true;
  if (invoice.delivery && foreign(invoice.delivery->address)) return true;
  if (report.ubl()) {
    for (const auto& line : invoice.lines) {
      if (line.item && line.item->origin_country && *line.item->origin_country != "IT") {
        return true;
      }
    }
  }
  return false;
}

void CheckSplitPayment(const SemanticInvoice& invoice, CoreReport& report) {
  if (!AnyCategoryCode(invoice, "B")) return;
  report.Check("BR-B-01", !AnyCountryOtherThanItaly(invoice, report), invoice.source);
  report.Check("BR-B-02", !AnyCategoryCode(invoice, "S"), invoice.source);
}

}  // namespace

void CheckBusinessRules(const SemanticInvoice& invoice, CoreReport& report) {
  CheckRootTerms(invoice, report);
  CheckPartyCountries(invoice, report);
  if (invoice.seller) {
    CheckElectronicAddress("BR-62", invoice.seller->electronic_address, invoice.source, report);
  }
  if (invoice.buyer) {
    CheckElectronicAddress("BR-63", invoice.buyer->electronic_address, invoice.source, report);
  }
  CheckAccountingCurrency(invoice, report);
  CheckSplitPayment(invoice, report);
  CheckPayee(invoice, report);
  CheckTaxRepresentative(invoice, report);
  CheckDeliveryAddress(invoice, report);
  CheckTotalsPresent(invoice, report);
  CheckVatBreakdowns(invoice, report);
  CheckInvoicePeriod(invoice, report);
  for (const auto& allowance : invoice.allowances_charges) {
    if (SelectedByIndicatorText(allowance, report)) CheckDocumentAllowanceCharge(allowance, report);
  }
  for (const auto& line : invoice.lines) CheckLine(line, report);
  CheckPayment(invoice, report);
  CheckReferences(invoice, report);
}

}  // namespace choral::rules
