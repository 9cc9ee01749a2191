#include "rules/en16931_support.h"

#include "rules/en16931_code_lists.h"

namespace choral::rules {

bool NormalizedEquals(const std::optional<std::string>& text, std::string_view value) {
  return NormalizeSpace(text ? *text : std::string_view()) == value;
}

bool IsVatScheme(const std::optional<std::string>& scheme, En16931Syntax syntax,
                 bool normalize_cii) {
  if (!scheme) return false;
  const std::string upper = UpperAscii(*scheme);
  if (syntax == En16931Syntax::kUbl || normalize_cii) return NormalizeSpace(upper) == "VAT";
  return upper == "VAT";
}

void AddFinding(invoice::Findings& out, std::string_view rule, En16931Syntax syntax,
                invoice::SourceOffset source) {
  const En16931Assert artefact = En16931RuleAssert(rule, syntax);
  invoice::ValidationFinding finding;
  finding.rule = std::string(rule);
  finding.flag = artefact.flag;
  finding.message = std::string(artefact.message);
  finding.source = source;
  out.push_back(std::move(finding));
}

}  // namespace choral::rules
