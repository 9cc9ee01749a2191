#include "rules/en16931_support.h"

#include "rules/en16931_code_lists.h"

namespace choral::rules {

namespace {

bool IsXmlBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

std::string NormalizeSpace(std::string_view text) {
  std::string result;
  result.reserve(text.size());
  bool pending_blank = false;
  for (char c : text) {
    if (IsXmlBlank(c)) {
      pending_blank = !result.empty();
      continue;
    }
    if (pending_blank) result.push_back(' ');
    pending_blank = false;
    result.push_back(c);
  }
  return result;
}

bool NormalizedEquals(const std::optional<std::string>& text, std::string_view value) {
  return NormalizeSpace(text ? *text : std::string_view()) == value;
}

std::string UpperCase(std::string_view text) {
  std::string result(text);
  for (char& c : result) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return result;
}

size_t XPathLength(std::string_view text) {
  size_t length = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++length;
  }
  return length;
}

void AddFatal(invoice::Findings& out, std::string_view rule, En16931Syntax syntax,
              invoice::SourceOffset source) {
  invoice::ValidationFinding finding;
  finding.rule = std::string(rule);
  finding.flag = invoice::FindingFlag::kFatal;
  finding.message = std::string(En16931Message(rule, syntax));
  finding.source = source;
  out.push_back(std::move(finding));
}

}  // namespace choral::rules
