// XML text as XML Schema and XPath read it: XML's four whitespace characters (not the locale's,
// nor Unicode's), trimming, normalize-space(), and the xs:decimal lexical form. Shared by the
// model's decimals (invoice), the readers and syntax rules (formats) and the EN 16931 rules'
// XPath values (rules). Locale-free.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace choral::core {

// #x20, #x9, #xD, #xA: the whitespace of XML, XML Schema's whiteSpace facet and XPath's \s.
constexpr bool IsXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// `text` without its leading and trailing XML whitespace (what a schema's collapse facet and a
// cast to a number ignore).
std::string_view TrimXmlSpace(std::string_view text);

// XPath normalize-space(s): runs of XML whitespace collapsed to one space, the ends trimmed.
std::string NormalizeSpace(std::string_view text);

// An xs:decimal's lexical form cut into its parts: surrounding XML whitespace, an optional sign,
// digits with at most one '.', at least one digit, no exponent. The digits stay as written
// (leading and trailing zeros kept), so that each reader decides how many it can hold.
struct XsDecimalDigits {
  bool negative = false;
  std::string_view integer;   // before the point; empty in ".5"
  std::string_view fraction;  // after the point; empty in "5." and "5"
};
// None when `text` is not an xs:decimal ("1e3", "1,5", "", ".", "+").
std::optional<XsDecimalDigits> SplitXsDecimal(std::string_view text);

}  // namespace choral::core
