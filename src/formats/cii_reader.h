// Reads a UN/CEFACT CrossIndustryInvoice root element (D16B, D22B: Factur-X / ZUGFeRD 2 and the
// EN 16931 CII binding of EN 16931-3-3) into the EN 16931 model. Internal to formats: callers use
// StructuredDocument.
#pragma once

#include <pugixml.hpp>

#include "invoice/semantic_invoice.h"

namespace choral::formats {

// Never fails: what the document lacks stays absent in the model (the rules report it). Every
// group's `source` is its element's byte offset (pugi::xml_node::offset_debug()).
invoice::SemanticInvoice ReadCii(const pugi::xml_node& root);

}  // namespace choral::formats
