// Reads a UBL 2.1 Invoice or CreditNote root element into the EN 16931 model (the mapping of
// EN 16931-3-2). Internal to formats: callers use StructuredDocument.
#pragma once

#include <pugixml.hpp>

#include "invoice/semantic_invoice.h"

namespace choral::formats {

// Never fails: what the document lacks stays absent in the model (the rules report it). Every
// group's `source` is its element's byte offset (pugi::xml_node::offset_debug()).
invoice::SemanticInvoice ReadUbl(const pugi::xml_node& root);

}  // namespace choral::formats
