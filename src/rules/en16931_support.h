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
using xpath::StringLength;

// Whether a tax category's scheme (what the reader kept of UBL's TaxScheme/ID, CII's TypeCode:
// `tax_scheme`, or `vat_tax_scheme` on an item) is VAT as the artefact of `syntax` filters
// TaxCategory / ApplicableTradeTax: UBL by normalize-space(upper-case(.)) = 'VAT', CII by
// upper-case(.) = 'VAT' (CII's BR-CO-17 normalizes it too: `normalize_cii`). No scheme: not VAT.
bool IsVatScheme(const std::optional<std::string>& scheme, En16931Syntax syntax,
                 bool normalize_cii = false);

// Appends the finding `rule` with the flag and message of the artefact of `syntax` (generated from
// the artefacts: en16931_code_lists_data.cc), located at `source`.
void AddFinding(invoice::Findings& out, std::string_view rule, En16931Syntax syntax,
                invoice::SourceOffset source);

}  // namespace choral::rules
