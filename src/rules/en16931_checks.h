// The parts of CheckEn16931, one per family of rules, each appending its findings. Internal to
// rules (tests call them one by one).
#pragma once

#include "invoice/semantic_invoice.h"
#include "invoice/validation_finding.h"
#include "rules/en16931_rules.h"

namespace choral::rules {

// BR-01..BR-65, BR-B-*, BR-CO-*, BR-DEC-*: en16931_core_rules.cc.
void CheckCoreRules(const invoice::SemanticInvoice& invoice, En16931Syntax syntax,
                    invoice::Findings& out);
// BR-S/Z/E/AE/IC/G/O/AF/AG-*: en16931_vat_rules.cc.
void CheckVatCategoryRules(const invoice::SemanticInvoice& invoice, En16931Syntax syntax,
                           invoice::Findings& out);
// BR-CL-*, with the code lists of the official artefacts: en16931_code_list_rules.cc.
void CheckCodeListRules(const invoice::SemanticInvoice& invoice, En16931Syntax syntax,
                        invoice::Findings& out);

}  // namespace choral::rules
