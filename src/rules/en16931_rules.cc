#include "rules/en16931_rules.h"

#include "rules/en16931_checks.h"

namespace choral::rules {

invoice::Findings CheckEn16931(const invoice::SemanticInvoice& invoice, En16931Syntax syntax) {
  invoice::Findings findings;
  CheckCoreRules(invoice, syntax, findings);
  CheckVatCategoryRules(invoice, syntax, findings);
  CheckCodeListRules(invoice, syntax, findings);
  return findings;
}

}  // namespace choral::rules
