// InvoiceValidator: checks a structured invoice file the way the official order does — the XML
// schema, then the syntax rules and the EN 16931 business rules — and says what it found. The
// engine behind `choral validate`, the public "check an invoice" page and flow integration.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "formats/structured_document.h"
#include "formats/xsd_validator.h"
#include "invoice/semantic_invoice.h"
#include "invoice/validation_finding.h"
#include "pdf/reader_pool.h"

namespace choral::platform {

struct ValidationReport {
  std::string syntax;          // "ubl", "cii", or "facturx" (a PDF carrying CII)
  std::string profile;         // see formats::StructuredDocument::profile(); may be empty
  bool valid = false;          // no fatal finding
  invoice::Findings findings;  // XSD-* first, then the artefact's order; each located
  std::optional<invoice::SemanticInvoice> invoice;  // the model, when the XML could be read
  std::string xml;  // the XML validated (for a Factur-X PDF: the embedded file)
};

class InvoiceValidator {
 public:
  // `xsd` may be null (no schema folder configured): the schema step is then skipped and the
  // report says so with one warning finding "XSD-UNAVAILABLE". `pdf_readers` may be null: a PDF
  // then gets kUnsupported. Both must outlive the validator.
  InvoiceValidator(const formats::XsdValidator* xsd, pdf::ReaderPool* pdf_readers);

  // The file's bytes (UBL, CII, or a Factur-X / ZUGFeRD PDF: its factur-x.xml,
  // zugferd-invoice.xml or xrechnung.xml attachment). An error only when nothing could be
  // validated: kMalformedInput / kInvalidArgument / kUnsupported with a message naming the cause
  // (not XML, a DOCTYPE, too large, a PDF without invoice XML...). Thread-safe.
  core::Result<ValidationReport> Validate(std::string_view bytes) const;

 private:
  const formats::XsdValidator* xsd_;
  pdf::ReaderPool* pdf_readers_;
};

}  // namespace choral::platform
