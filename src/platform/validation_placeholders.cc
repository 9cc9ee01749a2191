// PLACEHOLDERS (remove at merge): stand-ins for the rule families other branches write (vat: the
// VAT category rules; the code-list rules), so that the validator, `choral validate` and the
// portal page link before those land. They find nothing.
#include "rules/en16931_checks.h"

namespace choral::rules {

void CheckVatCategoryRules(const invoice::SemanticInvoice&, En16931Syntax, invoice::Findings&) {}
void CheckCodeListRules(const invoice::SemanticInvoice&, En16931Syntax, invoice::Findings&) {}

}  // namespace choral::rules
