#include "formats/structured_document.h"

#include <algorithm>
#include <mutex>
#include <unordered_map>
#include <utility>
#include <vector>

#include <pugixml.hpp>

#include "formats/cii_reader.h"
#include "formats/syntax_rules.h"
#include "formats/ubl_reader.h"
#include "formats/xml_access.h"

namespace choral::formats {
namespace {

constexpr std::string_view kUblInvoiceNamespace =
    "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
constexpr std::string_view kUblCreditNoteNamespace =
    "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
constexpr std::string_view kCiiNamespace =
    "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";

constexpr const char* kDoctypeRefused = "a DOCTYPE is not allowed (XML external entities)";

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// Whether the prolog (what precedes the root element) declares a DOCTYPE. A cheap look at the
// bytes before parsing, for the ASCII-compatible encodings; the parsed tree is checked too (a
// UTF-16 document's DOCTYPE is only seen there).
bool PrologHasDoctype(std::string_view xml) {
  size_t at = 0;
  if (StartsWith(xml, "\xEF\xBB\xBF")) at = 3;  // UTF-8 byte order mark
  while (at < xml.size()) {
    size_t open = xml.find('<', at);
    if (open == std::string_view::npos) return false;
    std::string_view rest = xml.substr(open);
    if (StartsWith(rest, "<!--")) {
      size_t close = xml.find("-->", open + 4);
      if (close == std::string_view::npos) return false;
      at = close + 3;
    } else if (StartsWith(rest, "<?")) {
      size_t close = xml.find("?>", open + 2);
      if (close == std::string_view::npos) return false;
      at = close + 2;
    } else {
      return StartsWith(rest, "<!DOCTYPE") || StartsWith(rest, "<!doctype");
    }
  }
  return false;
}

// 1-based line and column of a byte offset.
std::pair<int, int> LineAndColumn(std::string_view xml, size_t offset) {
  offset = std::min(offset, xml.size());
  std::string_view before = xml.substr(0, offset);
  int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
  size_t line_start = before.rfind('\n');
  size_t column = line_start == std::string_view::npos ? offset : offset - line_start - 1;
  return {line, static_cast<int>(column) + 1};
}

// The deepest element nesting, walked without recursion (a hostile depth must not blow the
// stack); stops as soon as `limit` is passed.
bool DeeperThan(const pugi::xml_node& root, int limit) {
  auto first_element = [](pugi::xml_node node) {
    while (node && node.type() != pugi::node_element) node = node.next_sibling();
    return node;
  };
  pugi::xml_node node = root;
  int depth = 1;
  while (true) {
    if (depth > limit) return true;
    if (pugi::xml_node child = first_element(node.first_child())) {
      node = child;
      ++depth;
      continue;
    }
    // No element child: the next element sibling, climbing up as needed.
    while (node != root) {
      if (pugi::xml_node sibling = first_element(node.next_sibling())) {
        node = sibling;
        break;
      }
      node = node.parent();
      --depth;
    }
    if (node == root) return false;
  }
}

// BT-24 as Factur-X / ZUGFeRD, XRechnung and Peppol name their profiles.
std::string ProfileOf(std::string_view id) {
  std::string trimmed = xml::Trimmed(id);
  std::string_view spec = trimmed;
  if (spec.find("peppol.eu:2017:poacc:billing") != std::string_view::npos) return "PEPPOL";
  if (spec.find("xrechnung") != std::string_view::npos) return "XRECHNUNG";
  if (EndsWith(spec, ":minimum")) return "MINIMUM";
  if (EndsWith(spec, ":basicwl")) return "BASIC WL";
  if (EndsWith(spec, ":basic")) return "BASIC";
  if (spec.find(":extended") != std::string_view::npos) return "EXTENDED";
  if (spec == "urn:cen.eu:en16931:2017" || EndsWith(spec, ":en16931")) return "EN16931";
  return "";
}

// "/Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount": names as the document writes them, an
// index only where an element has siblings of the same name.
std::string XPathOf(const pugi::xml_node& element) {
  std::vector<std::string> steps;
  for (pugi::xml_node node = element; node && node.type() == pugi::node_element;
       node = node.parent()) {
    std::string step = node.name();
    pugi::xml_node parent = node.parent();
    if (parent && parent.type() == pugi::node_element) {
      int position = 0;
      int count = 0;
      for (pugi::xml_node sibling = parent.child(node.name()); sibling;
           sibling = sibling.next_sibling(node.name())) {
        ++count;
        if (sibling == node) position = count;
      }
      if (count > 1) step += "[" + std::to_string(position) + "]";
    }
    steps.push_back(std::move(step));
  }
  std::string xpath;
  for (auto step = steps.rbegin(); step != steps.rend(); ++step) xpath += "/" + *step;
  return xpath;
}

}  // namespace

std::string_view SyntaxName(Syntax syntax) { return syntax == Syntax::kUbl ? "ubl" : "cii"; }

struct StructuredDocument::Impl {
  // The bytes as received, then parsed in place by pugixml (which writes into them): the tree's
  // names and texts point here, and offsets into it are the document's.
  std::string xml;
  pugi::xml_document document;
  Syntax syntax = Syntax::kUbl;
  std::string profile;
  invoice::SemanticInvoice invoice;
  // Where each line starts, counted before the parse changed the bytes.
  std::vector<size_t> line_starts;

  // Built on the first Locate() that has something to locate.
  std::once_flag index_once;
  std::unordered_map<invoice::SourceOffset, pugi::xml_node> element_at;

  void IndexLines() {
    line_starts.push_back(0);
    for (size_t at = xml.find('\n'); at != std::string::npos; at = xml.find('\n', at + 1)) {
      line_starts.push_back(at + 1);
    }
  }

  void BuildIndex() {
    pugi::xml_node root = document.document_element();
    for (pugi::xml_node node = root; node;) {
      if (node.type() == pugi::node_element) element_at.emplace(xml::OffsetOf(node), node);
      if (node.first_child()) {
        node = node.first_child();
        continue;
      }
      while (node && node != root && !node.next_sibling()) node = node.parent();
      if (!node || node == root) break;
      node = node.next_sibling();
    }
  }

  int LineOf(invoice::SourceOffset offset) const {
    auto after =
        std::upper_bound(line_starts.begin(), line_starts.end(), static_cast<size_t>(offset));
    return static_cast<int>(after - line_starts.begin());
  }
};

core::Result<StructuredDocument> StructuredDocument::Parse(std::string_view xml,
                                                           const XmlLimits& limits) {
  if (xml.size() > limits.max_bytes) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "the XML is " + std::to_string(xml.size()) + " bytes, more than the " +
                          std::to_string(limits.max_bytes) + " bytes allowed");
  }
  if (PrologHasDoctype(xml)) return core::Fail(core::ErrorCode::kInvalidArgument, kDoctypeRefused);

  auto impl = std::make_unique<Impl>();
  impl->xml.assign(xml);
  impl->IndexLines();
  // No DTD processing: pugixml expands only the predefined entities and character references.
  // parse_doctype keeps a DOCTYPE as a node so that it can be refused whatever the encoding.
  // In place: the copy above is the only one (pugixml would make its own).
  pugi::xml_parse_result parsed = impl->document.load_buffer_inplace(
      impl->xml.data(), impl->xml.size(), pugi::parse_default | pugi::parse_doctype);
  if (!parsed) {
    auto [line, column] = LineAndColumn(xml, static_cast<size_t>(parsed.offset));
    return core::Fail(core::ErrorCode::kMalformedInput, "line " + std::to_string(line) +
                                                            ", column " + std::to_string(column) +
                                                            ": " + parsed.description());
  }
  for (pugi::xml_node node : impl->document.children()) {
    if (node.type() == pugi::node_doctype) {
      return core::Fail(core::ErrorCode::kInvalidArgument, kDoctypeRefused);
    }
  }
  pugi::xml_node root = impl->document.document_element();
  if (!root) return core::Fail(core::ErrorCode::kMalformedInput, "the XML has no root element");
  if (DeeperThan(root, limits.max_depth)) {
    return core::Fail(
        core::ErrorCode::kInvalidArgument,
        "the XML nests elements more than " + std::to_string(limits.max_depth) + " deep");
  }

  std::string_view local_name = xml::LocalName(root);
  std::string_view name_space = xml::NamespaceOf(root);
  if ((local_name == "Invoice" && name_space == kUblInvoiceNamespace) ||
      (local_name == "CreditNote" && name_space == kUblCreditNoteNamespace)) {
    impl->syntax = Syntax::kUbl;
    impl->invoice = ReadUbl(root);
    impl->profile = ProfileOf(xml::StringValue(xml::Child(root, "CustomizationID")));
  } else if (local_name == "CrossIndustryInvoice" && name_space == kCiiNamespace) {
    impl->syntax = Syntax::kCii;
    impl->invoice = ReadCii(root);
    impl->profile = ProfileOf(xml::StringValue(
        xml::Path(root, "ExchangedDocumentContext/GuidelineSpecifiedDocumentContextParameter/ID")));
  } else {
    return core::Fail(core::ErrorCode::kUnsupported,
                      "the root element " + core::Quoted(root.name()) + " (namespace " +
                          core::Quoted(name_space) +
                          ") is neither a UBL Invoice or CreditNote nor a CII "
                          "CrossIndustryInvoice");
  }
  return StructuredDocument(std::move(impl));
}

StructuredDocument::StructuredDocument(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
StructuredDocument::StructuredDocument(StructuredDocument&&) noexcept = default;
StructuredDocument& StructuredDocument::operator=(StructuredDocument&&) noexcept = default;
StructuredDocument::~StructuredDocument() = default;

Syntax StructuredDocument::syntax() const { return impl_->syntax; }
const std::string& StructuredDocument::profile() const { return impl_->profile; }
const invoice::SemanticInvoice& StructuredDocument::invoice() const { return impl_->invoice; }
invoice::SemanticInvoice StructuredDocument::TakeInvoice() { return std::move(impl_->invoice); }

invoice::Findings StructuredDocument::CheckSyntaxRules() const {
  pugi::xml_node root = impl_->document.document_element();
  invoice::Findings findings =
      impl_->syntax == Syntax::kUbl ? CheckUblSyntaxRules(root) : CheckCiiSyntaxRules(root);
  Locate(findings);
  return findings;
}

void StructuredDocument::Locate(invoice::Findings& findings) const {
  bool any = std::any_of(findings.begin(), findings.end(),
                         [](const auto& finding) { return finding.source >= 0; });
  if (!any) return;
  std::call_once(impl_->index_once, [this] { impl_->BuildIndex(); });
  for (invoice::ValidationFinding& finding : findings) {
    if (finding.source < 0 || static_cast<size_t>(finding.source) > impl_->xml.size()) continue;
    auto element = impl_->element_at.find(finding.source);
    if (finding.xpath.empty() && element != impl_->element_at.end()) {
      finding.xpath = XPathOf(element->second);
    }
    if (finding.line == 0) finding.line = impl_->LineOf(finding.source);
  }
}

}  // namespace choral::formats
