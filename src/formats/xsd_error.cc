#include "formats/xsd_error.h"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

namespace choral::formats {
namespace {

// The prefixes the UBL and CII specifications use, so that a finding reads the same whatever
// prefixes the producer chose. The UBL document namespaces have none, as in the examples.
constexpr std::array<std::pair<std::string_view, std::string_view>, 10> kPrefixes{{
    {"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2", ""},
    {"urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2", ""},
    {"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2", "cac"},
    {"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2", "cbc"},
    {"urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2", "ext"},
    {"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100", "rsm"},
    {"urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100", "ram"},
    {"urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100", "udt"},
    {"urn:un:unece:uncefact:data:standard:QualifiedDataType:100", "qdt"},
    {"http://www.w3.org/2001/XMLSchema", "xs"},
}};

const std::string_view* KnownPrefix(std::string_view ns) {
  for (const auto& [uri, prefix] : kPrefixes) {
    if (uri == ns) return &prefix;
  }
  return nullptr;
}

constexpr size_t kMaxExpectedNames = 8;
constexpr size_t kMaxQuotedBytes = 80;
constexpr size_t kMaxMessageBytes = 600;

// The longest prefix of `text` of at most `max` bytes that does not split a UTF-8 character.
std::string_view Utf8Prefix(std::string_view text, size_t max) {
  if (text.size() <= max) return text;
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

// "{uri}name" -> "prefix:name" (or "name") for the namespaces of kPrefixes.
std::string ReplaceNamespaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find('{', i);
    if (open == std::string_view::npos) break;
    size_t close = text.find('}', open + 1);
    if (close == std::string_view::npos) break;
    out.append(text.substr(i, open - i));
    const std::string_view* prefix = KnownPrefix(text.substr(open + 1, close - open - 1));
    if (prefix == nullptr) {
      out.append(text.substr(open, close + 1 - open));
    } else if (!prefix->empty()) {
      out.append(*prefix).push_back(':');
    }
    i = close + 1;
  }
  out.append(text.substr(i));
  return out;
}

// "Expected is one of ( a, b, c, ... )" keeps its first kMaxExpectedNames names.
std::string CutExpectedList(std::string text) {
  static constexpr std::string_view kOpen = "Expected is one of ( ";
  size_t open = text.find(kOpen);
  if (open == std::string::npos) return text;
  size_t start = open + kOpen.size();
  size_t close = text.find(" )", start);
  if (close == std::string::npos) return text;
  std::string_view list(text.data() + start, close - start);
  size_t names = std::count(list.begin(), list.end(), ',') + 1;
  if (names <= kMaxExpectedNames) return text;
  size_t cut = 0;
  for (size_t n = 0; n < kMaxExpectedNames; ++n) cut = list.find(',', cut) + 1;
  std::string shorter = text.substr(0, start + cut - 1);
  shorter += ", ... (" + std::to_string(names - kMaxExpectedNames) + " more)";
  shorter += text.substr(close);
  return shorter;
}

// Values quoted from the document ('...') longer than kMaxQuotedBytes are cut: a hostile 10 MB
// text node must not become a 10 MB message.
std::string CutLongQuotes(std::string_view text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find('\'', i);
    if (open == std::string_view::npos) break;
    size_t close = text.find('\'', open + 1);
    if (close == std::string_view::npos) break;
    std::string_view quoted = text.substr(open + 1, close - open - 1);
    out.append(text.substr(i, open + 1 - i));
    if (quoted.size() > kMaxQuotedBytes) {
      out.append(Utf8Prefix(quoted, kMaxQuotedBytes - 20)).append("...");
    } else {
      out.append(quoted);
    }
    out.push_back('\'');
    i = close + 1;
  }
  out.append(text.substr(i));
  return out;
}

// One line: newlines and runs of spaces become one space, other control characters '?'.
std::string OneLine(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (space) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      out.push_back('?');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string QualifiedName(const xmlNode* node) {
  std::string name;
  if (node->ns != nullptr) {
    const std::string_view* prefix =
        node->ns->href ? KnownPrefix(reinterpret_cast<const char*>(node->ns->href)) : nullptr;
    if (prefix != nullptr) {
      if (!prefix->empty()) name.append(*prefix).push_back(':');
    } else if (node->ns->prefix != nullptr) {
      name.append(reinterpret_cast<const char*>(node->ns->prefix)).push_back(':');
    }
  }
  name.append(reinterpret_cast<const char*>(node->name));
  return name;
}

bool SameName(const xmlNode* a, const xmlNode* b) {
  if (a->type != XML_ELEMENT_NODE || !xmlStrEqual(a->name, b->name)) return false;
  const xmlChar* a_ns = a->ns ? a->ns->href : nullptr;
  const xmlChar* b_ns = b->ns ? b->ns->href : nullptr;
  return xmlStrEqual(a_ns, b_ns) || (a_ns == nullptr && b_ns == nullptr);
}

// "[k]" when the element has siblings of its name, as the official artefacts' locations do.
std::string PositionPredicate(const xmlNode* node) {
  size_t before = 0;
  for (const xmlNode* n = node->prev; n != nullptr; n = n->prev) before += SameName(n, node);
  bool after = false;
  for (const xmlNode* n = node->next; n != nullptr && !after; n = n->next)
    after = SameName(n, node);
  if (before == 0 && !after) return "";
  return "[" + std::to_string(before + 1) + "]";
}

}  // namespace

std::string XsdRuleId(int code, std::string_view message) {
  std::string_view name;
  switch (code) {
    case XML_SCHEMAV_ELEMENT_CONTENT:  // cvc-complex-type.2.4
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_4:
      if (message.find("Missing child element") != std::string_view::npos) {
        name = "MISSING-ELEMENT";
      } else if (message.find("not expected") != std::string_view::npos) {
        name = "ELEMENT-NOT-EXPECTED";
      } else {
        name = "ELEMENT-CONTENT";
      }
      break;
    case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_1:
    case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_2:
    case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_3:
      name = "DATATYPE-INVALID";
      break;
    case XML_SCHEMAV_CVC_LENGTH_VALID:
    case XML_SCHEMAV_CVC_MINLENGTH_VALID:
    case XML_SCHEMAV_CVC_MAXLENGTH_VALID:
      name = "LENGTH-INVALID";
      break;
    case XML_SCHEMAV_CVC_MININCLUSIVE_VALID:
    case XML_SCHEMAV_CVC_MAXINCLUSIVE_VALID:
    case XML_SCHEMAV_CVC_MINEXCLUSIVE_VALID:
    case XML_SCHEMAV_CVC_MAXEXCLUSIVE_VALID:
      name = "VALUE-OUT-OF-RANGE";
      break;
    case XML_SCHEMAV_CVC_TOTALDIGITS_VALID:
    case XML_SCHEMAV_CVC_FRACTIONDIGITS_VALID:
      name = "DIGITS-INVALID";
      break;
    case XML_SCHEMAV_CVC_PATTERN_VALID:
      name = "PATTERN-MISMATCH";
      break;
    case XML_SCHEMAV_CVC_ENUMERATION_VALID:
      name = "VALUE-NOT-IN-LIST";
      break;
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_1:  // empty content type
      name = "CONTENT-NOT-EMPTY";
      break;
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_2:  // simple content with element children
    case XML_SCHEMAV_CVC_TYPE_3_1_2:
      name = "CHILD-NOT-ALLOWED";
      break;
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_3:  // element-only content with text
      name = "TEXT-NOT-ALLOWED";
      break;
    case XML_SCHEMAV_CVC_ELT_1:
      name = "ROOT-NOT-DECLARED";
      break;
    case XML_SCHEMAV_CVC_ELT_2:
      name = "ELEMENT-ABSTRACT";
      break;
    case XML_SCHEMAV_CVC_ELT_3_1:
    case XML_SCHEMAV_CVC_ELT_3_2_1:
    case XML_SCHEMAV_CVC_ELT_3_2_2:
      name = "NIL-INVALID";
      break;
    case XML_SCHEMAV_CVC_ELT_4_1:
    case XML_SCHEMAV_CVC_ELT_4_2:
    case XML_SCHEMAV_CVC_ELT_4_3:
      name = "XSI-TYPE-INVALID";
      break;
    case XML_SCHEMAV_CVC_ELT_5_1_1:
    case XML_SCHEMAV_CVC_ELT_5_1_2:
    case XML_SCHEMAV_CVC_ELT_5_2_1:
    case XML_SCHEMAV_CVC_ELT_5_2_2_1:
    case XML_SCHEMAV_CVC_ELT_5_2_2_2_1:
    case XML_SCHEMAV_CVC_ELT_5_2_2_2_2:
      name = "FIXED-VALUE-MISMATCH";
      break;
    case XML_SCHEMAV_CVC_TYPE_3_1_1:  // attributes on an element of simple type
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1:
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_2:
      name = "ATTRIBUTE-NOT-ALLOWED";
      break;
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_4:
      name = "MISSING-ATTRIBUTE";
      break;
    case XML_SCHEMAV_CVC_ATTRIBUTE_3:
    case XML_SCHEMAV_CVC_AU:
      name = "ATTRIBUTE-INVALID";
      break;
    case XML_SCHEMAV_CVC_IDC:
      name = "IDENTITY-CONSTRAINT";
      break;
    default:
      return "XSD-" + std::to_string(code);
  }
  return "XSD-" + std::string(name);
}

std::string CleanXsdMessage(std::string_view message) {
  std::string text = OneLine(CutLongQuotes(CutExpectedList(ReplaceNamespaces(message))));
  if (text.size() > kMaxMessageBytes) {
    text = std::string(Utf8Prefix(text, kMaxMessageBytes - 3)) + "...";
  }
  return text;
}

std::string NodeXPath(const xmlNode* node) {
  std::vector<std::string> steps;
  for (const xmlNode* n = node; n != nullptr; n = n->parent) {
    if (n->type == XML_ATTRIBUTE_NODE) {
      steps.push_back("@" + QualifiedName(n));
    } else if (n->type == XML_ELEMENT_NODE) {
      steps.push_back(QualifiedName(n) + PositionPredicate(n));
    }
  }
  std::string path;
  for (auto step = steps.rbegin(); step != steps.rend(); ++step) path += "/" + *step;
  return path;
}

invoice::ValidationFinding XsdFatal(std::string rule, std::string message, int line) {
  invoice::ValidationFinding finding;
  finding.rule = std::move(rule);
  finding.flag = invoice::FindingFlag::kFatal;
  finding.message = std::move(message);
  finding.line = line;
  return finding;
}

invoice::ValidationFinding XsdFinding(const xmlError& error) {
  std::string_view raw = error.message ? std::string_view(error.message) : std::string_view();
  invoice::ValidationFinding finding;
  finding.rule = XsdRuleId(error.code, raw);
  finding.flag = invoice::FindingFlag::kFatal;
  finding.message = CleanXsdMessage(raw);
  if (finding.message.empty()) finding.message = "schema error " + std::to_string(error.code);
  const auto* node = static_cast<const xmlNode*>(error.node);
  finding.line = error.line > 0 ? error.line : 0;
  if (node != nullptr && (node->type == XML_ELEMENT_NODE || node->type == XML_ATTRIBUTE_NODE)) {
    finding.xpath = NodeXPath(node);
    // libxml2 hands the element for an attribute's error and names the attribute in the text:
    // "Element 'cbc:InvoiceTypeCode', attribute 'foo': ...".
    static constexpr std::string_view kAttribute = "', attribute '";
    size_t at = finding.message.find(kAttribute);
    if (node->type == XML_ELEMENT_NODE && at != std::string::npos) {
      size_t start = at + kAttribute.size();
      size_t end = finding.message.find('\'', start);
      if (end != std::string::npos)
        finding.xpath += "/@" + finding.message.substr(start, end - start);
    }
    if (finding.line == 0) finding.line = static_cast<int>(xmlGetLineNo(node));
  }
  return finding;
}

bool CappedFindings::Add(invoice::ValidationFinding finding) {
  if (full()) {
    ++dropped_;
    return false;
  }
  findings_.push_back(std::move(finding));
  return true;
}

invoice::Findings CappedFindings::Take() && {
  if (dropped_ > 0) {
    findings_.push_back(XsdFatal("XSD-TOO-MANY-ERRORS",
                                 std::to_string(dropped_) + " more schema errors after these " +
                                     std::to_string(findings_.size()) + " are not listed"));
  }
  return std::move(findings_);
}

}  // namespace choral::formats
