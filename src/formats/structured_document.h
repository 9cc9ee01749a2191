// StructuredDocument: a UBL 2.1 (Invoice, CreditNote) or UN/CEFACT CII (D16B, D22B) invoice read
// from hostile bytes into the EN 16931 model, with the XML kept so that findings can name the
// element (XPath and line) and the syntax rules (UBL-CR/SR/DT, CII-SR/DT) can run over it.
//
// The XML is parsed with no DTD and no entity expansion (a DOCTYPE is refused outright: XXE and
// billion-laughs cannot happen), under a size and a depth limit. The syntax is sniffed from the
// root element and its namespace, never from a file name.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "invoice/semantic_invoice.h"
#include "invoice/validation_finding.h"

namespace choral::formats {

enum class Syntax { kUbl, kCii };
std::string_view SyntaxName(Syntax syntax);  // "ubl" / "cii"

struct XmlLimits {
  size_t max_bytes = 100 * 1024 * 1024 - 1;  // a 100 MB file is refused with a clear error
  int max_depth = 64;                        // invoices nest about 8 deep
};

class StructuredDocument {
 public:
  // kInvalidArgument: too large, a DOCTYPE, too deep; kMalformedInput "line L, column C: what";
  // kUnsupported naming the root element when it is neither UBL Invoice/CreditNote nor CII.
  static core::Result<StructuredDocument> Parse(std::string_view xml, const XmlLimits& limits = {});

  StructuredDocument(StructuredDocument&&) noexcept;
  StructuredDocument& operator=(StructuredDocument&&) noexcept;
  ~StructuredDocument();

  Syntax syntax() const;
  // The profile when the document names one in BT-24: "MINIMUM", "BASIC WL", "BASIC", "EN16931",
  // "EXTENDED" (Factur-X / ZUGFeRD), "XRECHNUNG", "PEPPOL"...; empty when unknown.
  const std::string& profile() const;
  const invoice::SemanticInvoice& invoice() const;
  // The model, moved out (invoice() is left empty): for a caller done with it here, so that the
  // attachments it carries (megabytes at times) are not copied.
  invoice::SemanticInvoice TakeInvoice();

  // The syntax-bound rules of the official artefacts (UBL-CR-*, UBL-SR-*, UBL-DT-* for UBL;
  // CII-SR-*, CII-DT-* for CII), with their official ids and flags, located.
  invoice::Findings CheckSyntaxRules() const;

  // Fills xpath and line of every finding whose `source` is an offset into this document.
  void Locate(invoice::Findings& findings) const;

 private:
  struct Impl;
  explicit StructuredDocument(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace choral::formats
