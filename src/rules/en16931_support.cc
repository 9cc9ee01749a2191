#include "rules/en16931_support.h"

#include "rules/en16931_code_lists.h"

namespace choral::rules {

bool NormalizedEquals(const std::optional<std::string>& text, std::string_view value) {
  return NormalizeSpace(text ? *text : std::string_view()) == value;
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
