// Test helpers for comparing EN 16931 models read from different documents: the byte offsets
// (`source`) differ by construction, the business terms must not.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "invoice/semantic_invoice.h"

namespace choral::formats::testing {

inline void Forget(invoice::SourceOffset& source) { source = invoice::kNoSource; }

// Declared first: the templates below call them (they are found by ordinary lookup only).
inline void Forget(invoice::DecimalText& value);
inline void Forget(invoice::DateText& value);
inline void Forget(invoice::Identifier& value);
inline void Forget(invoice::PostalAddress& value);
inline void Forget(invoice::Contact& value);
inline void Forget(invoice::Seller& value);
inline void Forget(invoice::Buyer& value);
inline void Forget(invoice::Payee& value);
inline void Forget(invoice::TaxRepresentative& value);
inline void Forget(invoice::Period& value);
inline void Forget(invoice::Delivery& value);
inline void Forget(invoice::CreditTransfer& value);
inline void Forget(invoice::PaymentCard& value);
inline void Forget(invoice::DirectDebit& value);
inline void Forget(invoice::PaymentInstructions& value);
inline void Forget(invoice::DocumentAllowanceCharge& value);
inline void Forget(invoice::DocumentTotals& value);
inline void Forget(invoice::VatBreakdown& value);
inline void Forget(invoice::SupportingDocument& value);
inline void Forget(invoice::LineAllowanceCharge& value);
inline void Forget(invoice::PriceDetails& value);
inline void Forget(invoice::ItemAttribute& value);
inline void Forget(invoice::Item& value);
inline void Forget(invoice::InvoiceLine& value);
inline void Forget(invoice::Note& value);
inline void Forget(invoice::PrecedingInvoice& value);

template <typename T>
void Forget(std::optional<T>& value) {
  if (value) Forget(*value);
}
template <typename T>
void Forget(std::vector<T>& values) {
  for (T& value : values) Forget(value);
}

inline void Forget(invoice::DecimalText& value) { Forget(value.source); }
inline void Forget(invoice::DateText& value) { Forget(value.source); }
inline void Forget(invoice::Identifier& value) { Forget(value.source); }
inline void Forget(invoice::PostalAddress& value) { Forget(value.source); }
inline void Forget(invoice::Contact& value) { Forget(value.source); }
inline void Forget(invoice::Seller& value) {
  Forget(value.identifiers);
  Forget(value.legal_registration_id);
  Forget(value.electronic_address);
  Forget(value.address);
  Forget(value.contact);
  Forget(value.source);
}
inline void Forget(invoice::Buyer& value) {
  Forget(value.identifier);
  Forget(value.legal_registration_id);
  Forget(value.electronic_address);
  Forget(value.address);
  Forget(value.contact);
  Forget(value.source);
}
inline void Forget(invoice::Payee& value) {
  Forget(value.identifier);
  Forget(value.legal_registration_id);
  Forget(value.source);
}
inline void Forget(invoice::TaxRepresentative& value) {
  Forget(value.address);
  Forget(value.source);
}
inline void Forget(invoice::Period& value) {
  Forget(value.start);
  Forget(value.end);
  Forget(value.source);
}
inline void Forget(invoice::Delivery& value) {
  Forget(value.location_id);
  Forget(value.actual_delivery_date);
  Forget(value.address);
  Forget(value.source);
}
inline void Forget(invoice::CreditTransfer& value) { Forget(value.source); }
inline void Forget(invoice::PaymentCard& value) { Forget(value.source); }
inline void Forget(invoice::DirectDebit& value) { Forget(value.source); }
inline void Forget(invoice::PaymentInstructions& value) {
  Forget(value.credit_transfers);
  Forget(value.card);
  Forget(value.direct_debit);
  Forget(value.source);
}
inline void Forget(invoice::DocumentAllowanceCharge& value) {
  Forget(value.amount);
  Forget(value.base_amount);
  Forget(value.percentage);
  Forget(value.vat_rate);
  Forget(value.source);
}
inline void Forget(invoice::DocumentTotals& value) {
  for (std::optional<invoice::DecimalText>* amount :
       {&value.line_net_total, &value.allowance_total, &value.charge_total,
        &value.total_without_vat, &value.total_vat, &value.total_vat_accounting,
        &value.total_with_vat, &value.paid_amount, &value.rounding_amount, &value.amount_due}) {
    Forget(*amount);
  }
  // How many VAT total elements the document wrote is a fact of its XML (the rules count them),
  // not a business term: writers write BT-110 and BT-111 once each.
  value.vat_totals_as_written.clear();
  Forget(value.source);
}
inline void Forget(invoice::VatBreakdown& value) {
  Forget(value.taxable_amount);
  Forget(value.tax_amount);
  Forget(value.rate);
  Forget(value.source);
}
inline void Forget(invoice::SupportingDocument& value) { Forget(value.source); }
inline void Forget(invoice::LineAllowanceCharge& value) {
  Forget(value.amount);
  Forget(value.base_amount);
  Forget(value.percentage);
  Forget(value.source);
}
inline void Forget(invoice::PriceDetails& value) {
  Forget(value.net_price);
  Forget(value.discount);
  Forget(value.gross_price);
  Forget(value.base_quantity);
  Forget(value.source);
}
inline void Forget(invoice::ItemAttribute& value) { Forget(value.source); }
inline void Forget(invoice::Item& value) {
  Forget(value.standard_id);
  Forget(value.classification_ids);
  Forget(value.attributes);
  Forget(value.vat_rate);
  Forget(value.vat_source);
  Forget(value.source);
}
inline void Forget(invoice::InvoiceLine& value) {
  Forget(value.object_id);
  Forget(value.quantity);
  Forget(value.net_amount);
  Forget(value.period);
  Forget(value.allowances_charges);
  Forget(value.price);
  Forget(value.item);
  Forget(value.source);
}
inline void Forget(invoice::Note& value) { Forget(value.source); }
inline void Forget(invoice::PrecedingInvoice& value) {
  Forget(value.issue_date);
  Forget(value.source);
}

// The invoice with every `source` offset cleared.
inline invoice::SemanticInvoice WithoutSources(invoice::SemanticInvoice value) {
  value.ubl_credit_note = false;  // a fact of the UBL syntax (the root), not a business term
  // Every coded element as written (CII) is a fact of the XML too: the business terms among them
  // are in their own fields.
  value.codes_as_written.clear();
  Forget(value.issue_date);
  Forget(value.tax_point_date);
  Forget(value.due_date);
  Forget(value.invoiced_object_id);
  Forget(value.notes);
  Forget(value.preceding_invoices);
  Forget(value.seller);
  Forget(value.buyer);
  Forget(value.payee);
  Forget(value.tax_representative);
  Forget(value.delivery);
  Forget(value.period);
  Forget(value.payment_instructions);
  Forget(value.allowances_charges);
  Forget(value.totals);
  Forget(value.vat_breakdown);
  Forget(value.supporting_documents);
  Forget(value.lines);
  Forget(value.source);
  return value;
}

// CII amounts carry no currency (CII-DT-031) but for the VAT totals, so WriteCii writes none: a
// currencyID a document put on another amount does not come back.
inline void DropAmountCurrencies(invoice::SemanticInvoice& invoice) {
  auto drop = [](std::optional<invoice::DecimalText>& amount) {
    if (amount) amount->currency.reset();
  };
  if (invoice.totals) {
    for (auto* amount : {&invoice.totals->line_net_total, &invoice.totals->allowance_total,
                         &invoice.totals->charge_total, &invoice.totals->total_without_vat,
                         &invoice.totals->total_with_vat, &invoice.totals->paid_amount,
                         &invoice.totals->rounding_amount, &invoice.totals->amount_due}) {
      drop(*amount);
    }
  }
  for (invoice::VatBreakdown& breakdown : invoice.vat_breakdown) {
    drop(breakdown.taxable_amount);
    drop(breakdown.tax_amount);
  }
  for (invoice::DocumentAllowanceCharge& charge : invoice.allowances_charges) {
    drop(charge.amount);
    drop(charge.base_amount);
  }
  for (invoice::InvoiceLine& line : invoice.lines) {
    drop(line.net_amount);
    for (invoice::LineAllowanceCharge& charge : line.allowances_charges) {
      drop(charge.amount);
      drop(charge.base_amount);
    }
    if (line.price) {
      drop(line.price->net_price);
      drop(line.price->gross_price);
      drop(line.price->discount);
    }
  }
}

// The first business group or term where two models differ ("" when equal), for test messages.
inline std::string FirstDifference(const invoice::SemanticInvoice& a,
                                   const invoice::SemanticInvoice& b) {
#define CHORAL_COMPARE(field) \
  if (!(a.field == b.field)) return #field
  CHORAL_COMPARE(number);
  CHORAL_COMPARE(issue_date);
  CHORAL_COMPARE(type_code);
  CHORAL_COMPARE(currency);
  CHORAL_COMPARE(vat_accounting_currency);
  CHORAL_COMPARE(tax_point_date);
  CHORAL_COMPARE(tax_point_date_code);
  CHORAL_COMPARE(due_date);
  CHORAL_COMPARE(buyer_reference);
  CHORAL_COMPARE(project_reference);
  CHORAL_COMPARE(contract_reference);
  CHORAL_COMPARE(purchase_order_reference);
  CHORAL_COMPARE(sales_order_reference);
  CHORAL_COMPARE(receiving_advice_reference);
  CHORAL_COMPARE(despatch_advice_reference);
  CHORAL_COMPARE(tender_or_lot_reference);
  CHORAL_COMPARE(invoiced_object_id);
  CHORAL_COMPARE(buyer_accounting_reference);
  CHORAL_COMPARE(payment_terms);
  CHORAL_COMPARE(notes);
  CHORAL_COMPARE(business_process);
  CHORAL_COMPARE(specification_id);
  CHORAL_COMPARE(preceding_invoices);
  CHORAL_COMPARE(seller);
  CHORAL_COMPARE(buyer);
  CHORAL_COMPARE(payee);
  CHORAL_COMPARE(tax_representative);
  CHORAL_COMPARE(delivery);
  CHORAL_COMPARE(period);
  CHORAL_COMPARE(payment_instructions);
  CHORAL_COMPARE(allowances_charges);
  CHORAL_COMPARE(totals);
  CHORAL_COMPARE(vat_breakdown);
  CHORAL_COMPARE(supporting_documents);
  if (a.lines.size() != b.lines.size()) return "lines (count)";
  for (size_t i = 0; i < a.lines.size(); ++i) {
#define CHORAL_COMPARE_LINE(field) \
  if (!(a.lines[i].field == b.lines[i].field)) return "line " + std::to_string(i) + ": " #field
    CHORAL_COMPARE_LINE(id);
    CHORAL_COMPARE_LINE(note);
    CHORAL_COMPARE_LINE(object_id);
    CHORAL_COMPARE_LINE(quantity);
    CHORAL_COMPARE_LINE(quantity_unit);
    CHORAL_COMPARE_LINE(net_amount);
    CHORAL_COMPARE_LINE(order_line_reference);
    CHORAL_COMPARE_LINE(buyer_accounting_reference);
    CHORAL_COMPARE_LINE(period);
    CHORAL_COMPARE_LINE(allowances_charges);
    CHORAL_COMPARE_LINE(price);
    CHORAL_COMPARE_LINE(item);
#undef CHORAL_COMPARE_LINE
  }
  CHORAL_COMPARE(source);
#undef CHORAL_COMPARE
  return "";
}

}  // namespace choral::formats::testing
