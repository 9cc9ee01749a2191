// The EN 16931 business rules (BR-*, BR-CO-*, BR-DEC-*, BR-CL-*, the VAT category rules BR-S/Z/E/
// AE/IC/G/O/AF/AG-* and BR-B-*) over the semantic model, with the ids, flags and messages of the
// official CEN validation artefacts (v1.3.16). The syntax-bound rules (UBL-*, CII-*) live in
// formats, next to the XML they are about.
#pragma once

#include "invoice/semantic_invoice.h"
#include "invoice/validation_finding.h"

namespace choral::rules {

// The artefacts word a few rules differently per syntax (and test some over syntax-specific
// structures); the verdicts follow the artefact of the syntax the invoice came in.
enum class En16931Syntax { kUbl, kCii };

// Every broken rule, in the artefact's order; each finding's `source` is the offset of the
// element the artefact's rule context is (the invoice root, a line, a VAT breakdown...).
// Pure; never fails.
invoice::Findings CheckEn16931(const invoice::SemanticInvoice& invoice, En16931Syntax syntax);

}  // namespace choral::rules
