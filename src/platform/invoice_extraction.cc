#include "platform/invoice_extraction.h"

#include <algorithm>
#include <cctype>

namespace choral::platform {
namespace {

using recognize::Field;

// Names of the XML a Factur-X, ZUGFeRD or XRechnung PDF embeds, in the order they are tried.
bool IsInvoiceXmlName(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return name == "factur-x.xml" || name == "zugferd-invoice.xml" || name == "xrechnung.xml" ||
         name == "order-x.xml" || (name.size() > 4 && name.substr(name.size() - 4) == ".xml");
}

// Page text and XML may differ in case and spacing for the same name or reference.
std::string Comparable(std::string_view value) {
  std::string out;
  for (unsigned char c : value) {
    if (std::isspace(c)) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(static_cast<char>(std::tolower(c)));
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

std::optional<std::string> EmbeddedValue(const formats::InvoiceSummary& s, Field field) {
  switch (field) {
    case Field::kInvoiceNumber:
      return s.invoice_number;
    case Field::kIssueDate:
      return s.issue_date;
    case Field::kDueDate:
      return s.due_date;
    case Field::kDocumentType:
      return s.document_type;
    case Field::kSellerName:
      return s.seller_name;
    case Field::kSellerSiret:
      return s.seller_siret;
    case Field::kSellerSiren:
      return s.seller_siren;
    case Field::kSellerVat:
      return s.seller_vat;
    case Field::kBuyerName:
      return s.buyer_name;
    case Field::kBuyerSiret:
      return s.buyer_siret;
    case Field::kBuyerSiren:
      return s.buyer_siren;
    case Field::kBuyerVat:
      return s.buyer_vat;
    case Field::kBuyerReference:
      return s.buyer_reference;
    case Field::kOrderReference:
      return s.order_reference;
    case Field::kContractReference:
      return s.contract_reference;
    case Field::kCurrency:
      return s.currency;
    case Field::kTotalWithoutVat:
      return s.total_without_vat;
    case Field::kTotalVat:
      return s.total_vat;
    case Field::kTotalWithVat:
      return s.total_with_vat;
    case Field::kAmountDue:
      return s.amount_due;
    case Field::kIban:
      return s.iban;
  }
  return std::nullopt;
}

InvoiceExtractor::InvoiceExtractor(pdf::ReaderPool& readers,
                                   recognize::RecognizerOptions recognizer_options)
    : readers_(readers), recognizer_(recognizer_options) {}

core::Result<InvoiceExtraction> InvoiceExtractor::Extract(std::string_view pdf_bytes) const {
  // The lease ends with the read: recognition runs on this thread, the worker serves another.
  auto document = readers_.ReadText(pdf_bytes);
  if (!document) return core::Fail(document.error());
  InvoiceExtraction extraction;
  extraction.pages = document->page_count;
  extraction.is_scanned = document->is_scanned;
  for (const pdf::Page& page : document->pages) {
    extraction.page_sizes.push_back({page.width, page.height});
  }
  extraction.recognition = recognizer_.Recognize(*document);

  for (const pdf::EmbeddedFile& file : document->embedded_files) {
    if (!IsInvoiceXmlName(file.name)) continue;
    auto summary = formats::ReadInvoiceSummary(file.bytes);
    if (!summary) {
      extraction.embedded_error = file.name + ": " + summary.error().message;
      continue;
    }
    extraction.embedded = std::move(*summary);
    extraction.embedded_error.clear();
    break;
  }
  if (extraction.embedded) {
    for (const auto& [field, found] : extraction.recognition.fields) {
      auto embedded = EmbeddedValue(*extraction.embedded, field);
      if (embedded && Comparable(*embedded) != Comparable(found.value)) {
        extraction.disagreements.push_back(field);
      }
    }
  }
  return extraction;
}

core::Result<std::string> InvoiceExtractor::RenderPagePng(std::string_view pdf_bytes, int page,
                                                          int dpi) const {
  return readers_.RenderPagePng(pdf_bytes, page, dpi);
}

}  // namespace choral::platform
