#include "platform/invoice_validation.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "rules/en16931_rules.h"

namespace choral::platform {
namespace {

using core::ErrorCode;
using core::Fail;

// Factur-X 1.0 §6 and ZUGFeRD 2.x name the XML these ways (XRechnung-in-PDF the third), in the
// order the official tools look for them.
constexpr std::array<std::string_view, 3> kInvoiceXmlNames = {"factur-x.xml", "zugferd-invoice.xml",
                                                              "xrechnung.xml"};

std::string Lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// ISO 32000-1 7.5.2: the header may follow a little junk, within the first 1024 bytes. An XML
// document cannot contain "%PDF-" before its root element in any sensible way, but a PDF must
// have it there: sniffing on it alone is safe.
bool LooksLikePdf(std::string_view bytes) {
  return bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos;
}

bool StartsLikeXml(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  size_t first = bytes.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && bytes[first] == '<';
}

// The invoice XML among the attachments: by its official name first; then, as the official
// tools do, any *.xml attachment; then any attachment that is XML (poppler-cpp cuts a name
// written in UTF-16 down to its byte order mark, and some ZUGFeRD producers write them so).
pdf::EmbeddedFile* InvoiceXmlOf(pdf::DocumentText& document) {
  for (std::string_view wanted : kInvoiceXmlNames) {
    for (pdf::EmbeddedFile& file : document.embedded_files) {
      if (Lowercase(file.name) == wanted) return &file;
    }
  }
  for (pdf::EmbeddedFile& file : document.embedded_files) {
    std::string name = Lowercase(file.name);
    if (name.size() > 4 && name.compare(name.size() - 4, 4, ".xml") == 0) return &file;
  }
  for (pdf::EmbeddedFile& file : document.embedded_files) {
    if (StartsLikeXml(file.bytes)) return &file;
  }
  return nullptr;
}

// The profile a Factur-X PDF declares in its XMP (Factur-X 1.0 §6.2.2: fx:ConformanceLevel, as
// an element or an attribute), in the spelling of StructuredDocument::profile(): "EN 16931"
// becomes "EN16931". "" when absent. A plain search: the packet is untrusted and only this one
// value is wanted.
std::string XmpConformanceLevel(std::string_view xmp) {
  constexpr std::string_view kName = ":ConformanceLevel";  // prefixed: fx:, zf:, ...
  // The PDF/A extension schema that declares the property names it too, as element content
  // (<pdfaProperty:name>ConformanceLevel</...>): only the property itself, "<fx:ConformanceLevel>"
  // or 'fx:ConformanceLevel="..."', is wanted.
  size_t start = std::string_view::npos;
  char close = 0;
  for (size_t at = xmp.find(kName); at != std::string_view::npos; at = xmp.find(kName, at + 1)) {
    size_t after = at + kName.size();
    if (after + 1 >= xmp.size()) break;
    if (xmp[after] == '>') {
      start = after, close = '<';
      break;
    }
    if (xmp[after] == '=' && (xmp[after + 1] == '"' || xmp[after + 1] == '\'')) {
      start = after + 1, close = xmp[after + 1];
      break;
    }
  }
  if (start == std::string_view::npos) return "";
  size_t end = xmp.find(close, start + 1);
  if (end == std::string_view::npos || end - start > 40) return "";
  std::string value;
  for (char c : xmp.substr(start + 1, end - start - 1)) {
    if (c == '\n' || c == '\r' || c == '\t') continue;
    value.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  while (!value.empty() && value.back() == ' ') value.pop_back();
  while (!value.empty() && value.front() == ' ') value.erase(value.begin());
  if (value == "EN 16931" || value == "COMFORT") return "EN16931";
  return value;
}

bool HasFatal(const invoice::Findings& findings) {
  return std::any_of(findings.begin(), findings.end(), [](const invoice::ValidationFinding& f) {
    return f.flag == invoice::FindingFlag::kFatal;
  });
}

void Append(invoice::Findings& to, invoice::Findings&& from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

}  // namespace

InvoiceValidator::InvoiceValidator(const formats::XsdValidator* xsd, pdf::ReaderPool* pdf_readers)
    : xsd_(xsd), pdf_readers_(pdf_readers) {}

core::Result<ValidationReport> InvoiceValidator::Validate(std::string_view bytes) const {
  if (bytes.empty()) return Fail(ErrorCode::kInvalidArgument, "the file is empty");
  ValidationReport report;
  std::string xmp_profile;
  if (LooksLikePdf(bytes)) {
    if (pdf_readers_ == nullptr) {
      return Fail(ErrorCode::kUnsupported, "PDF files cannot be checked here: send the XML");
    }
    auto document = pdf_readers_->ReadAttachments(bytes);
    if (!document) return Fail(document.error());
    pdf::EmbeddedFile* file = InvoiceXmlOf(*document);
    if (file == nullptr) {
      return Fail(ErrorCode::kUnsupported,
                  "the PDF has no factur-x.xml, zugferd-invoice.xml or xrechnung.xml attachment: "
                  "it is not a Factur-X or ZUGFeRD invoice");
    }
    report.syntax = "facturx";
    report.xml = std::move(file->bytes);
    xmp_profile = XmpConformanceLevel(document->xmp_metadata);
  } else {
    report.xml = std::string(bytes);
  }

  // Parsing first: it is the guard against hostile XML (no DTD, limits) that every later step,
  // the schema included, relies on. The findings still come in the official order.
  auto document = formats::StructuredDocument::Parse(report.xml);
  if (!document) return Fail(document.error());
  if (report.syntax.empty()) report.syntax = std::string(formats::SyntaxName(document->syntax()));
  report.profile = !document->profile().empty() ? document->profile() : xmp_profile;

  // The official order: schema, then the schematron (syntax and business rules). Every step
  // runs even when an earlier one failed, as the artefacts' own test harness does.
  if (xsd_ != nullptr) {
    report.findings = xsd_->Validate(report.xml, document->syntax());
  } else {
    invoice::ValidationFinding unavailable;
    unavailable.rule = "XSD-UNAVAILABLE";
    unavailable.flag = invoice::FindingFlag::kWarning;
    unavailable.message = "the XML schema was not checked: no schemas are loaded";
    report.findings.push_back(std::move(unavailable));
  }
  Append(report.findings, document->CheckSyntaxRules());
  Append(report.findings,
         rules::CheckEn16931(document->invoice(), document->syntax() == formats::Syntax::kUbl
                                                      ? rules::En16931Syntax::kUbl
                                                      : rules::En16931Syntax::kCii));
  document->Locate(report.findings);
  report.valid = !HasFatal(report.findings);
  report.invoice = document->invoice();
  return report;
}

}  // namespace choral::platform
