// The syntax-bound rules of the official EN 16931 artefacts, run over the XML (the model has no
// place for elements the norm does not use): UBL-CR-* (elements a UBL invoice should not carry),
// UBL-SR-* (repetitions and structure), UBL-DT-* (data type attributes) for UBL; CII-SR-* and
// CII-DT-* for CII. Same ids and flags as the artefacts. Internal to formats: callers use
// StructuredDocument::CheckSyntaxRules.
#pragma once

#include <pugixml.hpp>

#include "invoice/validation_finding.h"

namespace choral::formats {

// Each finding's `source` is the offset of the artefact's rule context element.
invoice::Findings CheckUblSyntaxRules(const pugi::xml_node& root);
invoice::Findings CheckCiiSyntaxRules(const pugi::xml_node& root);

}  // namespace choral::formats
