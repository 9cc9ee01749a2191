// The numbers of the EN 16931 artefacts' XPath 2.0 tests, computed the way the schematron does,
// so that a verdict on the edge of a tolerance is the artefact's verdict: xs:decimal arithmetic
// (exact), XPath round() (half towards positive infinity), and the xs:double arithmetic XPath
// falls into when a test compares or adds untyped element text to a number (CII: "BasisAmount - 1",
// "BasisAmount = ..."). Internal to rules.
#pragma once

#include <compare>
#include <optional>
#include <string_view>

namespace choral::rules {

// An xs:decimal: units * 10^-scale, exact. Wide (128-bit) so that sums and products of invoice
// amounts never overflow; an operation whose result would not fit yields std::nullopt (a value
// no invoice carries, treated like an absent one), never an abort.
class XsDecimal {
 public:
  static constexpr int kMaxScale = 30;

  constexpr XsDecimal() = default;
  static XsDecimal FromInteger(long long value) { return XsDecimal(value, 0); }

  // xs:decimal(text) of an element's text: leading and trailing XML blanks ignored, then an
  // optional sign, digits with at most one '.', no exponent. None when not that (the artefact
  // would stop on a cast error there) or too long to hold.
  static std::optional<XsDecimal> Parse(std::string_view text);
  // xs:decimal(d) of an xs:double: the shortest decimal that reads back as d (what SaxonJS
  // produces); none for NaN and infinities.
  static std::optional<XsDecimal> FromDouble(double value);

  bool IsZero() const { return units_ == 0; }
  XsDecimal Abs() const { return units_ < 0 ? XsDecimal(-units_, scale_) : *this; }
  // XPath fn:round: to the nearest integer, halves towards positive infinity (2.5 -> 3, -2.5 ->
  // -2).
  XsDecimal Round() const;
  // x div 10^n for n >= 0 (exact: "div 100" in the artefacts).
  std::optional<XsDecimal> DivPow10(int n) const;
  double ToDouble() const;

  friend std::optional<XsDecimal> Add(XsDecimal a, XsDecimal b);
  friend std::optional<XsDecimal> Subtract(XsDecimal a, XsDecimal b);
  friend std::optional<XsDecimal> Multiply(XsDecimal a, XsDecimal b);
  friend std::strong_ordering operator<=>(XsDecimal a, XsDecimal b);
  friend bool operator==(XsDecimal a, XsDecimal b) { return (a <=> b) == 0; }

 private:
  constexpr XsDecimal(__int128 units, int scale) : units_(units), scale_(scale) {}
  // Drops trailing zero decimals (keeps products' scales small).
  XsDecimal Normalized() const;

  __int128 units_ = 0;
  int scale_ = 0;
};

// The sum of `XsDecimal`s, none as soon as one step would not fit (fn:sum; 0 for no items).
class XsSum {
 public:
  void Add(const std::optional<XsDecimal>& value);
  std::optional<XsDecimal> value() const { return value_; }

 private:
  std::optional<XsDecimal> value_ = XsDecimal();
};

// xs:double(text) of untyped element text, as XPath casts it: blanks trimmed, xs:double lexical
// form (decimal digits, optional exponent, INF, -INF, NaN). None when the text is not that.
std::optional<double> ParseXsDouble(std::string_view text);

// XPath fn:round on an xs:double: floor(x + 0.5), NaN and infinities unchanged.
double XPathRound(double value);

}  // namespace choral::rules
