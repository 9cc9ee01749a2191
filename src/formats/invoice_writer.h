// Writes the EN 16931 model as UBL 2.1 or UN/CEFACT CII D16B XML. Reading what was written gives
// the same model back (every business term kept; tested by round trips over the corpus).
#pragma once

#include <string>

#include "invoice/semantic_invoice.h"

namespace choral::formats {

// A UBL Invoice, or a CreditNote when BT-3 is a credit-note code.
std::string WriteUbl(const invoice::SemanticInvoice& invoice);
// A CrossIndustryInvoice (the Factur-X EN16931 profile's structure).
std::string WriteCii(const invoice::SemanticInvoice& invoice);

}  // namespace choral::formats
