// PLACEHOLDER (remove at merge): a stand-in for platform::InvoiceValidator until branch
// `validate` lands the real one. It reads only the key fields (formats::ReadInvoiceSummary) into
// the model, so that flow integration can be built and tested; it checks no EN 16931 rule
// beyond the presence of the fields the deposit needs.
#include "formats/invoice_summary.h"
#include "platform/invoice_validation.h"

namespace choral::platform {
namespace {

std::optional<invoice::DecimalText> Amount(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  invoice::DecimalText out;
  out.text = *text;
  out.value = invoice::ParseXsDecimal(*text);
  return out;
}

void Require(bool present, const char* rule, const char* what, invoice::Findings& findings) {
  if (present) return;
  invoice::ValidationFinding finding;
  finding.rule = rule;
  finding.message = std::string("An Invoice shall have ") + what + ".";
  findings.push_back(std::move(finding));
}

}  // namespace

InvoiceValidator::InvoiceValidator(const formats::XsdValidator* xsd, pdf::ReaderPool* pdf_readers)
    : xsd_(xsd), pdf_readers_(pdf_readers) {}

core::Result<ValidationReport> InvoiceValidator::Validate(std::string_view bytes) const {
  if (bytes.substr(0, 5) == "%PDF-") {
    return core::Fail(core::ErrorCode::kUnsupported, "Factur-X PDFs are not read yet");
  }
  auto summary = formats::ReadInvoiceSummary(bytes);
  if (!summary) return core::Fail(summary.error());
  ValidationReport report;
  report.syntax = summary->syntax == "UBL" ? "ubl" : "cii";
  report.xml = std::string(bytes);
  invoice::SemanticInvoice model;
  model.number = summary->invoice_number;
  if (summary->issue_date) {
    invoice::DateText date;
    date.text = *summary->issue_date;
    if (auto parsed = core::Date::Parse(*summary->issue_date)) date.value = *parsed;
    model.issue_date = date;
  }
  if (summary->document_type)
    model.type_code = *summary->document_type == "credit_note" ? "381" : "380";
  model.currency = summary->currency;
  model.buyer_reference = summary->buyer_reference;
  model.purchase_order_reference = summary->order_reference;
  if (summary->seller_siret) {
    model.seller.emplace();
    invoice::Identifier id;
    id.value = *summary->seller_siret;
    id.scheme = "0009";
    model.seller->identifiers.push_back(id);
  }
  if (summary->buyer_siret) {
    model.buyer.emplace();
    invoice::Identifier id;
    id.value = *summary->buyer_siret;
    id.scheme = "0009";
    model.buyer->identifier = id;
  }
  invoice::DocumentTotals totals;
  totals.total_without_vat = Amount(summary->total_without_vat);
  totals.total_vat = Amount(summary->total_vat);
  totals.total_with_vat = Amount(summary->total_with_vat);
  totals.amount_due = Amount(summary->amount_due);
  model.totals = totals;
  Require(model.number.has_value(), "BR-02", "an Invoice number (BT-1)", report.findings);
  Require(model.issue_date.has_value(), "BR-03", "an Invoice issue date (BT-2)", report.findings);
  Require(model.currency.has_value(), "BR-05", "an Invoice currency code (BT-5)", report.findings);
  Require(totals.total_with_vat.has_value(), "BR-14", "the Invoice total amount with VAT (BT-112)",
          report.findings);
  report.valid = report.findings.empty();
  report.invoice = std::move(model);
  return report;
}

}  // namespace choral::platform
