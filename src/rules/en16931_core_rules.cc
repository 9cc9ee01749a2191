// CheckCoreRules: the EN 16931 rules of the norm itself (BR-nn, BR-B-nn, BR-CO-nn, BR-DEC-nn), by
// family: en16931_business_rules.cc, en16931_condition_rules.cc, en16931_decimal_rules.cc.
#include "rules/en16931_checks.h"
#include "rules/en16931_core_report.h"

namespace choral::rules {

void CheckCoreRules(const invoice::SemanticInvoice& invoice, En16931Syntax syntax,
                    invoice::Findings& out) {
  CoreReport report(syntax, out);
  CheckBusinessRules(invoice, report);
  CheckConditionRules(invoice, report);
  CheckDecimalRules(invoice, report);
}

}  // namespace choral::rules
