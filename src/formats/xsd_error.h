// How a libxml2 error becomes an XSD finding: a short stable rule id ("XSD-ELEMENT-NOT-EXPECTED"),
// libxml2's message made readable (namespaces shown as the usual cbc:/cac:/ram: prefixes, long
// "expected" lists cut, hostile values bounded), and where: line and XPath of the node. Internal
// to formats.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "invoice/validation_finding.h"

namespace choral::formats {

// "XSD-" and a code for libxml2's error `code` (an xmlParserErrors value); the message tells
// apart what libxml2 files under one code ("not expected" and "missing child" share one).
// Unmapped codes give "XSD-" and the number.
std::string XsdRuleId(int code, std::string_view message);

// libxml2's message, one line, at most about 600 bytes, "{urn:...CommonBasicComponents-2}ID"
// written "cbc:ID", lists of expected elements cut after 8 names.
std::string CleanXsdMessage(std::string_view message);

// "/Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount", with the usual prefixes whatever the
// document's own; "/Invoice/cbc:Note/@languageID" for an attribute. Empty for null.
std::string NodeXPath(const xmlNode* node);

// A fatal finding of `rule` saying `message`, at `line` when known.
invoice::ValidationFinding XsdFatal(std::string rule, std::string message, int line = 0);

// A fatal finding from `error`: rule, clean message, line, and the XPath of its node if any.
invoice::ValidationFinding XsdFinding(const xmlError& error);

// Keeps at most `cap` findings, so a hostile document cannot flood a report; past the cap, one
// XSD-TOO-MANY-ERRORS finding says how many were left out.
class CappedFindings {
 public:
  explicit CappedFindings(size_t cap) : cap_(cap) {}
  // True while the finding was kept.
  bool Add(invoice::ValidationFinding finding);
  bool full() const { return findings_.size() >= cap_; }
  bool empty() const { return findings_.empty(); }
  invoice::Findings Take() &&;

 private:
  size_t cap_;
  size_t dropped_ = 0;
  invoice::Findings findings_;
};

}  // namespace choral::formats
