// XsdValidator: the first step of validation in the official order, the XML schema. UBL 2.1
// (maindoc Invoice and CreditNote) and CII D22B (uncoupled) schemas, loaded once with libxml2 from
// a schema folder (the FNFE-MPE fr-rfe layout: UBL/1xsd_UBL2.1/, CII/1xsd-CII_D22B_uncoupled/).
// Schema errors become findings whose rule begins with "XSD-".
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "formats/structured_document.h"
#include "invoice/validation_finding.h"

namespace choral::formats {

class XsdValidator {
 public:
  // kNotFound naming the missing file when `schema_dir` lacks a schema; kMalformedInput when a
  // schema does not compile. Loading takes a while (hundreds of included files): do it once.
  static core::Result<XsdValidator> Load(const std::string& schema_dir);

  XsdValidator(XsdValidator&&) noexcept;
  XsdValidator& operator=(XsdValidator&&) noexcept;
  ~XsdValidator();

  // Validates `xml` (already accepted by StructuredDocument::Parse) against the schema of
  // `syntax`; one fatal finding per schema error, with its line. Thread-safe: each call uses its
  // own validation context over the shared, read-only compiled schemas. No network, no DTD.
  invoice::Findings Validate(std::string_view xml, Syntax syntax) const;

 private:
  struct Impl;
  explicit XsdValidator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace choral::formats
