// The few XPath 2.0 value semantics the EN 16931 artefacts' tests rely on, so that the native rules
// reach the same verdicts as the official XSLT run by SaxonJS: string functions counted in code
// points, exact xs:decimal arithmetic, xs:double arithmetic where a test sums untyped nodes, and
// XPath's round() (half towards positive infinity). Internal to rules.
//
// An absent value is std::nullopt, as XPath's empty sequence: arithmetic on it gives nullopt and
// every comparison with it is false, exactly as `() = 1` is false in XPath.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/xml_text.h"
#include "invoice/semantic_invoice.h"

namespace choral::rules::xpath {

// normalize-space(s): XML whitespace runs collapsed to one space, trimmed.
using core::NormalizeSpace;
// normalize-space(s) = '' (an absent term counts as blank, as normalize-space(()) is '').
bool IsBlank(const std::optional<std::string>& text);
inline bool IsBlankText(std::string_view text) { return NormalizeSpace(text).empty(); }
// string-length(s): in characters (Unicode code points of the UTF-8 text), not bytes.
size_t StringLength(std::string_view text);
// substring(s, 1, n): the first n characters.
std::string_view Prefix(std::string_view text, size_t characters);
// string-length(substring-after(s, '.')): the characters written after the first '.', 0 when
// there is none (the BR-DEC-* tests are about the text as written, blanks included).
size_t CharactersAfterPoint(std::string_view text);
// upper-case(s) for the ASCII letters the tax scheme tests compare ('VAT').
std::string UpperAscii(std::string_view text);

// An xs:decimal, exact (SaxonJS uses arbitrary precision decimals): units x 10^-scale. Values
// too large for 38 digits are not representable; the operations below then give nullopt, so a
// total nobody can write in an invoice makes its rule fail rather than abort.
struct XsDecimal {
  __int128 units = 0;
  int scale = 0;
};
using Dec = std::optional<XsDecimal>;

// xs:decimal(text): blanks trimmed, optional sign, digits with an optional point; nullopt when
// the text is not an xs:decimal (XPath would stop with an error: the schema checks come first).
Dec ParseDecimal(std::string_view text);
Dec DecimalOf(const std::optional<invoice::DecimalText>& amount);
Dec DecimalOf(int64_t integer);
// xs:decimal(d) of an xs:double as SaxonJS casts it: the shortest text that reads back as d.
Dec DecimalOfDouble(std::optional<double> value);

Dec Plus(Dec a, Dec b);
Dec Minus(Dec a, Dec b);
Dec Times(Dec a, Dec b);
Dec Abs(Dec a);
// round(a): to an integer, halves towards positive infinity (round(-2.5) is -2).
Dec Round(Dec a);
// round(a * 10 * 10) div 100, the artefacts' rounding to two decimals.
Dec RoundToCents(Dec a);
// a div 10^digits (exact).
Dec DividePow10(Dec a, int digits);
// sum(values): 0 for none; an absent member is skipped, as sum() skips the empty sequence.
Dec Sum(const std::vector<Dec>& values);

// General comparisons: false when either side is absent. Exact at any magnitude: a value too
// large to align with the other's decimals is the larger in magnitude.
std::optional<std::strong_ordering> Compare(Dec a, Dec b);
bool Eq(Dec a, Dec b);
bool Ne(Dec a, Dec b);
bool Lt(Dec a, Dec b);
bool Le(Dec a, Dec b);
bool Gt(Dec a, Dec b);
bool Ge(Dec a, Dec b);

// xs:double, for the tests that compare or sum untyped nodes (XPath casts those to xs:double).
using Dbl = std::optional<double>;
// xs:double(text): trimmed; decimal or exponent form, INF, -INF, NaN; nullopt otherwise.
Dbl ParseDouble(std::string_view text);
Dbl DoubleOf(const std::optional<invoice::DecimalText>& amount);
// xs:double(d) of an xs:decimal: the nearest double (where an artefact compares a decimal sum
// with untyped text, e.g. CII's BasisAmount).
Dbl DoubleOfDecimal(Dec value);
// sum() of untyped nodes: the doubles added in document order.
Dbl SumDoubles(const std::vector<Dbl>& values);
// round(d) on an xs:double: halves towards positive infinity.
Dbl RoundDouble(Dbl value);

}  // namespace choral::rules::xpath
