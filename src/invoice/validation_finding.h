// ValidationFinding: one rule a structured invoice breaks, as the official EN 16931 validation
// artefacts report it (rule id and flag), with a message a person can act on and where it is.
// Produced by formats (XSD-*, UBL-CR/SR/DT-*, CII-SR/DT-*) and rules (BR-*); shown by platform,
// http, portal and cli.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "invoice/semantic_invoice.h"

namespace choral::invoice {

enum class FindingFlag { kFatal, kWarning };
std::string_view FindingFlagName(FindingFlag flag);  // "fatal" / "warning"

struct ValidationFinding {
  std::string rule;  // "BR-CO-10", "UBL-CR-001", "XSD-CVC-COMPLEX-TYPE-2.4.A"...
  FindingFlag flag = FindingFlag::kFatal;
  std::string message;  // the artefact's text for BR-*, or a sentence naming the element
  // Where: the offset of the offending element in the source (formats::Locate turns it into an
  // XPath and a line once the findings are known), or the XPath/line directly when known.
  SourceOffset source = kNoSource;
  std::string xpath;  // "/Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount"
  int line = 0;       // 1-based; 0 when unknown

  friend bool operator==(const ValidationFinding&, const ValidationFinding&) = default;
};

using Findings = std::vector<ValidationFinding>;

}  // namespace choral::invoice
