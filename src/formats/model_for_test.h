// Test helpers for round trips over the EN 16931 model: clear every `source` offset (they differ
// between a document and its rewrite) and name the first group where two models differ.
// Tests only.
#pragma once

#include <string>

#include "invoice/semantic_invoice.h"

namespace choral::formats::testing {

namespace detail {

// Declared first: the templates below find them by ordinary lookup.
void Clear(invoice::DecimalText& v);
void Clear(invoice::DateText& v);
void Clear(invoice::Identifier& v);
void Clear(invoice::PostalAddress& v);
void Clear(invoice::Contact& v);
void Clear(invoice::Seller& v);
void Clear(invoice::Buyer& v);
void Clear(invoice::Payee& v);
void Clear(invoice::TaxRepresentative& v);
void Clear(invoice::Period& v);
void Clear(invoice::Delivery& v);
void Clear(invoice::CreditTransfer& v);
void Clear(invoice::PaymentCard& v);
void Clear(invoice::DirectDebit& v);
void Clear(invoice::PaymentInstructions& v);
void Clear(invoice::DocumentAllowanceCharge& v);
void Clear(invoice::DocumentTotals& v);
void Clear(invoice::VatBreakdown& v);
void Clear(invoice::SupportingDocument& v);
void Clear(invoice::LineAllowanceCharge& v);
void Clear(invoice::PriceDetails& v);
void Clear(invoice::ItemAttribute& v);
void Clear(invoice::Item& v);
void Clear(invoice::InvoiceLine& v);
void Clear(invoice::Note& v);
void Clear(invoice::PrecedingInvoice& v);
template <typename T>
void Clear(std::optional<T>& v);
template <typename T>
void Clear(std::vector<T>& v);

inline void Clear(invoice::DecimalText& v) { v.source = invoice::kNoSource; }
inline void Clear(invoice::DateText& v) { v.source = invoice::kNoSource; }
inline void Clear(invoice::Identifier& v) { v.source = invoice::kNoSource; }
template <typename T>
void Clear(std::optional<T>& v) {
  if (v) Clear(*v);
}
template <typename T>
void Clear(std::vector<T>& v) {
  for (T& item : v) Clear(item);
}
inline void Clear(invoice::PostalAddress& v) { v.source = invoice::kNoSource; }
inline void Clear(invoice::Contact& v) { v.source = invoice::kNoSource; }
inline void Clear(invoice::Seller& v) {
  Clear(v.identifiers);
  Clear(v.legal_registration_id);
  Clear(v.electronic_address);
  Clear(v.address);
  Clear(v.contact);
  v.source = invoice::kNoSource;
}
inline void Clear(invoice::Buyer& v) {
  Clear(v.identifier);
  Clear(v.legal_registration_id);
  Clear(v.electronic_address);
  Clear(v.address);
  Clear(v.contact);
  v.source = invoice::kNoSource;
}
inline void Clear(invoice::Payee& v) {
  Clear(v.identifier);
  Clear(v.legal_registration_id);
  v.source = invoice::kNoSource;
}
inline void Clear(invoice::TaxRepresentative& v) {
  Clear(v.address);
  v.source = invoice::kNoSource;
}
inline void Clear(invoice::Period& v) {
  Clear(v.start);
  Clear(v.end);
  v.source = invoice::kNoSource;
}
inline void Clear(invoice::Delivery& v) {
  Clear(v.location_id);
  Clear(v.actual_delivery_date);
  Clear(v.address);
  v.source = invoice::kNoSource;
}
inline void Clear(invoice::CreditTransfer& v) { v.source = invoice::kNoSource; }
inline void Clear(invoice::PaymentCard& v) { v.source = invoice::kNoSource; }
inline void Clear(invoice::DirectDebit& v) { v.source = invoice::kNoSource; }
inline void Clear(invoice::PaymentInstructions& v) {
  Clear(v.credit_transfers);
  Clear(v.card);
  Clear(v.direct_debit);
  v.source = invoice::kNoSource;
}
inline void Clear(invoice::DocumentAllowanceCharge& v) {
  Clear(v.amount);
  Clear(v.base_amount);
  Clear(v.percentage);
  Clear(v.vat_rate);
  v.source = invoice::kNoSource;
}
inline void Clear(invoice::DocumentTotals& v) {
  Clear(v.line_net_total);
  Clear(v.allowance_total);
  Clear(v.charge_total);
  Clear(v.total_without_vat);
  Clear(v.total_vat);
  Clear(v.total_vat_accounting);
  Clear(v.total_with_vat);
  Clear(v.paid_amount);
  Clear(v.rounding_amount);
  Clear(v.amount_due);
  v.source = invoice::kNoSource;
}
inline void Clear(invoice::VatBreakdown& v) {
  Clear(v.taxable_amount);
  Clear(v.tax_amount);
  Clear(v.rate);
  v.source = invoice::kNoSource;
}
inline void Clear(invoice::SupportingDocument& v) { v.source = invoice::kNoSource; }
inline void Clear(invoice::LineAllowanceCharge& v) {
  Clear(v.amount);
  Clear(v.base_amount);
  Clear(v.percentage);
  v.source = invoice::kNoSource;
}
inline void Clear(invoice::PriceDetails& v) {
  Clear(v.net_price);
  Clear(v.discount);
  Clear(v.gross_price);
  Clear(v.base_quantity);
  v.source = invoice::kNoSource;
}
inline void Clear(invoice::ItemAttribute& v) { v.source = invoice::kNoSource; }
inline void Clear(invoice::Item& v) {
  Clear(v.standard_id);
  Clear(v.classification_ids);
  Clear(v.attributes);
  Clear(v.vat_rate);
  v.vat_source = invoice::kNoSource;
  v.source = invoice::kNoSource;
}
inline void Clear(invoice::InvoiceLine& v) {
  Clear(v.object_id);
  Clear(v.quantity);
  Clear(v.net_amount);
  Clear(v.period);
  Clear(v.allowances_charges);
  Clear(v.price);
  Clear(v.item);
  v.source = invoice::kNoSource;
}
inline void Clear(invoice::Note& v) { v.source = invoice::kNoSource; }
inline void Clear(invoice::PrecedingInvoice& v) {
  Clear(v.issue_date);
  v.source = invoice::kNoSource;
}

}  // namespace detail

// The model without any source offset.
inline invoice::SemanticInvoice WithoutSources(invoice::SemanticInvoice v) {
  using detail::Clear;
  Clear(v.issue_date);
  Clear(v.tax_point_date);
  Clear(v.due_date);
  Clear(v.invoiced_object_id);
  Clear(v.notes);
  Clear(v.preceding_invoices);
  Clear(v.seller);
  Clear(v.buyer);
  Clear(v.payee);
  Clear(v.tax_representative);
  Clear(v.delivery);
  Clear(v.period);
  Clear(v.payment_instructions);
  Clear(v.allowances_charges);
  Clear(v.totals);
  Clear(v.vat_breakdown);
  Clear(v.supporting_documents);
  Clear(v.lines);
  v.source = invoice::kNoSource;
  return v;
}

// "" when equal (sources ignored); otherwise the first part that differs ("seller", "lines[3]").
inline std::string FirstDifference(const invoice::SemanticInvoice& a,
                                   const invoice::SemanticInvoice& b) {
  invoice::SemanticInvoice x = WithoutSources(a);
  invoice::SemanticInvoice y = WithoutSources(b);
  if (x == y) return "";
#define CHORAL_COMPARE(field) \
  if (!(x.field == y.field)) return #field;
  CHORAL_COMPARE(number)
  CHORAL_COMPARE(issue_date)
  CHORAL_COMPARE(type_code)
  CHORAL_COMPARE(currency)
  CHORAL_COMPARE(vat_accounting_currency)
  CHORAL_COMPARE(tax_point_date)
  CHORAL_COMPARE(tax_point_date_code)
  CHORAL_COMPARE(due_date)
  CHORAL_COMPARE(buyer_reference)
  CHORAL_COMPARE(project_reference)
  CHORAL_COMPARE(contract_reference)
  CHORAL_COMPARE(purchase_order_reference)
  CHORAL_COMPARE(sales_order_reference)
  CHORAL_COMPARE(receiving_advice_reference)
  CHORAL_COMPARE(despatch_advice_reference)
  CHORAL_COMPARE(tender_or_lot_reference)
  CHORAL_COMPARE(invoiced_object_id)
  CHORAL_COMPARE(buyer_accounting_reference)
  CHORAL_COMPARE(payment_terms)
  CHORAL_COMPARE(notes)
  CHORAL_COMPARE(business_process)
  CHORAL_COMPARE(specification_id)
  CHORAL_COMPARE(preceding_invoices)
  CHORAL_COMPARE(seller)
  CHORAL_COMPARE(buyer)
  CHORAL_COMPARE(payee)
  CHORAL_COMPARE(tax_representative)
  CHORAL_COMPARE(delivery)
  CHORAL_COMPARE(period)
  CHORAL_COMPARE(payment_instructions)
  CHORAL_COMPARE(allowances_charges)
  CHORAL_COMPARE(totals)
  CHORAL_COMPARE(vat_breakdown)
  CHORAL_COMPARE(supporting_documents)
#undef CHORAL_COMPARE
  if (x.lines.size() != y.lines.size()) return "lines (count)";
  for (size_t i = 0; i < x.lines.size(); ++i) {
    if (!(x.lines[i] == y.lines[i])) return "lines[" + std::to_string(i) + "]";
  }
  return "the invoice";
}

}  // namespace choral::formats::testing
