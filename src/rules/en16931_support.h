// What the EN 16931 rule families share: the XPath string functions their tests use and the
// making of a finding with the artefact's id, flag and message. Internal to rules.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "invoice/semantic_invoice.h"
#include "invoice/validation_finding.h"
#include "rules/en16931_rules.h"
#include "rules/xpath_values.h"

namespace choral::rules {

using xpath::NormalizeSpace;
using xpath::UpperAscii;
// normalize-space(x) = value for an optional term (absent: normalize-space(()) = '').
bool NormalizedEquals(const std::optional<std::string>& text, std::string_view value);
inline size_t XPathLength(std::string_view text) { return xpath::StringLength(text); }

// Appends the fatal finding `rule` with the message of the artefact of `syntax`, located at
// `source`.
void AddFatal(invoice::Findings& out, std::string_view rule, En16931Syntax syntax,
              invoice::SourceOffset source);

}  // namespace choral::rules
