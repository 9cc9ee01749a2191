#include "rules/xpath_values.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

#include "core/xml_text.h"

namespace choral::rules::xpath {
namespace {

using Int128 = __int128;

// 10^38 < 2^127: the largest magnitude of units an XsDecimal holds.
constexpr int kMaxDigits = 38;

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

Int128 Pow10(int digits) {
  Int128 power = 1;
  for (int i = 0; i < digits; ++i) power *= 10;
  return power;
}

Int128 Magnitude(Int128 v) { return v < 0 ? -v : v; }

// Drops trailing zeros of the fraction (the value is unchanged) so later alignments stay small.
XsDecimal Normalized(XsDecimal d) {
  while (d.scale > 0 && d.units % 10 == 0) {
    d.units /= 10;
    --d.scale;
  }
  return d;
}

// a x 10^digits, or nullopt past 38 digits.
std::optional<Int128> ScaleUp(Int128 units, int digits) {
  for (int i = 0; i < digits; ++i) {
    Int128 next;
    if (__builtin_mul_overflow(units, static_cast<Int128>(10), &next)) return std::nullopt;
    if (Magnitude(next) >= Pow10(kMaxDigits)) return std::nullopt;
    units = next;
  }
  return units;
}

// The units of a and b at the larger of their scales.
std::optional<std::pair<Int128, Int128>> Aligned(XsDecimal a, XsDecimal b, int& scale) {
  scale = a.scale > b.scale ? a.scale : b.scale;
  auto au = ScaleUp(a.units, scale - a.scale);
  auto bu = ScaleUp(b.units, scale - b.scale);
  if (!au || !bu) return std::nullopt;
  return std::make_pair(*au, *bu);
}

Dec Checked(Int128 units, int scale) {
  if (Magnitude(units) >= Pow10(kMaxDigits)) return std::nullopt;
  return Normalized(XsDecimal{units, scale});
}

// Floor division by 10^digits.
Int128 FloorDivPow10(Int128 units, int digits, Int128& remainder) {
  const Int128 divisor = Pow10(digits);
  Int128 quotient = units / divisor;
  remainder = units % divisor;
  if (remainder < 0) {
    quotient -= 1;
    remainder += divisor;
  }
  return quotient;
}

}  // namespace

bool IsBlank(const std::optional<std::string>& text) { return !text || IsBlankText(*text); }

size_t StringLength(std::string_view text) {
  size_t length = 0;
  for (char c : text) {
    if (!IsContinuationByte(c)) ++length;
  }
  return length;
}

std::string_view Prefix(std::string_view text, size_t characters) {
  size_t seen = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (IsContinuationByte(text[i])) continue;
    if (seen == characters) return text.substr(0, i);
    ++seen;
  }
  return text;
}

size_t CharactersAfterPoint(std::string_view text) {
  const size_t point = text.find('.');
  return point == std::string_view::npos ? 0 : StringLength(text.substr(point + 1));
}

std::string UpperAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// Not invoice::ParseXsDecimal: the model's core::Decimal holds 18 digits and 9 decimals, and the
// artefacts compute on whatever an invoice writes (a unit price with 12 decimals, a product of two
// amounts), exactly: 38 significant digits at any scale here.
Dec ParseDecimal(std::string_view text) {
  const std::optional<core::XsDecimalDigits> digits = core::SplitXsDecimal(text);
  if (!digits) return std::nullopt;
  Int128 units = 0;
  int scale = 0;
  int significant = 0;
  // Appends one digit; false when it cannot be held exactly.
  auto append = [&](char c, bool after_point) {
    if (after_point) ++scale;
    if (units != 0 || c != '0') ++significant;
    if (significant > kMaxDigits) {
      // Beyond 38 significant digits only zeros of the fraction can be dropped exactly.
      if (!after_point || c != '0') return false;
      --scale;
      return true;
    }
    units = units * 10 + (c - '0');
    return true;
  };
  for (char c : digits->integer) {
    if (!append(c, false)) return std::nullopt;
  }
  for (char c : digits->fraction) {
    if (!append(c, true)) return std::nullopt;
  }
  return Normalized(XsDecimal{digits->negative ? -units : units, scale});
}

Dec DecimalOf(const std::optional<invoice::DecimalText>& amount) {
  if (!amount) return std::nullopt;
  return ParseDecimal(amount->text);
}

Dec DecimalOf(int64_t integer) { return XsDecimal{integer, 0}; }

Dec DecimalOfDouble(std::optional<double> value) {
  if (!value || !std::isfinite(*value)) return std::nullopt;
  // Shortest round-trip text, as JavaScript's String(number) gives it (SaxonJS builds the
  // decimal from that text), in fixed notation so that ParseDecimal reads it.
  char buffer[400];
  auto [end, error] =
      std::to_chars(buffer, buffer + sizeof buffer, *value, std::chars_format::fixed);
  if (error != std::errc()) return std::nullopt;
  return ParseDecimal(std::string_view(buffer, end - buffer));
}

Dec Plus(Dec a, Dec b) {
  if (!a || !b) return std::nullopt;
  int scale = 0;
  auto units = Aligned(*a, *b, scale);
  if (!units) return std::nullopt;
  return Checked(units->first + units->second, scale);
}

Dec Minus(Dec a, Dec b) {
  if (!b) return std::nullopt;
  return Plus(a, XsDecimal{-b->units, b->scale});
}

Dec Times(Dec a, Dec b) {
  if (!a || !b) return std::nullopt;
  Int128 units;
  if (__builtin_mul_overflow(a->units, b->units, &units)) return std::nullopt;
  return Checked(units, a->scale + b->scale);
}

Dec Abs(Dec a) {
  if (!a) return std::nullopt;
  return XsDecimal{Magnitude(a->units), a->scale};
}

Dec Round(Dec a) {
  if (!a) return std::nullopt;
  if (a->scale == 0) return a;
  // Units below 10^38 at more than 38 decimals: |a| < 0.1, which rounds to 0 (and 10^scale would
  // not fit).
  if (a->scale > kMaxDigits) return XsDecimal{};
  Int128 remainder;
  Int128 quotient = FloorDivPow10(a->units, a->scale, remainder);
  if (remainder >= Pow10(a->scale) - remainder) quotient += 1;  // 2 * remainder could overflow
  return XsDecimal{quotient, 0};
}

Dec DividePow10(Dec a, int digits) {
  if (!a) return std::nullopt;
  return Normalized(XsDecimal{a->units, a->scale + digits});
}

Dec RoundToCents(Dec a) { return DividePow10(Round(Times(a, DecimalOf(100))), 2); }

Dec Sum(const std::vector<Dec>& values) {
  Dec total = DecimalOf(0);
  for (const Dec& value : values) {
    if (value) total = Plus(total, value);
  }
  return total;
}

std::optional<std::strong_ordering> Compare(Dec a, Dec b) {
  if (!a || !b) return std::nullopt;
  int scale = 0;
  auto units = Aligned(*a, *b, scale);
  if (!units) {
    // Only the side with fewer decimals is scaled up, and it fails only when it is too large to
    // align: it is then the larger in magnitude, and its sign decides.
    const bool a_scaled = a->scale < b->scale;
    const Int128 larger = a_scaled ? a->units : b->units;
    if (larger < 0) return a_scaled ? std::strong_ordering::less : std::strong_ordering::greater;
    return a_scaled ? std::strong_ordering::greater : std::strong_ordering::less;
  }
  return units->first <=> units->second;
}

bool Eq(Dec a, Dec b) {
  auto order = Compare(a, b);
  return order && *order == 0;
}
bool Ne(Dec a, Dec b) {
  auto order = Compare(a, b);
  return order && *order != 0;
}
bool Lt(Dec a, Dec b) {
  auto order = Compare(a, b);
  return order && *order < 0;
}
bool Le(Dec a, Dec b) {
  auto order = Compare(a, b);
  return order && *order <= 0;
}
bool Gt(Dec a, Dec b) {
  auto order = Compare(a, b);
  return order && *order > 0;
}
bool Ge(Dec a, Dec b) {
  auto order = Compare(a, b);
  return order && *order >= 0;
}

Dbl ParseDouble(std::string_view text) {
  text = core::TrimXmlSpace(text);
  if (text == "INF" || text == "+INF") return HUGE_VAL;
  if (text == "-INF") return -HUGE_VAL;
  if (text == "NaN") return std::nan("");
  // The xs:double lexical form: sign, digits with an optional point, optional exponent.
  size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  size_t mantissa_digits = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++mantissa_digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++mantissa_digits;
  }
  if (mantissa_digits == 0) return std::nullopt;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    size_t exponent_digits = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++exponent_digits;
    if (exponent_digits == 0) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  // strtod rounds correctly, as JavaScript's Number(text) does; from_chars refuses a '+'.
  const std::string copy(text);
  return std::strtod(copy.c_str(), nullptr);
}

Dbl DoubleOf(const std::optional<invoice::DecimalText>& amount) {
  if (!amount) return std::nullopt;
  return ParseDouble(amount->text);
}

Dbl DoubleOfDecimal(Dec value) {
  if (!value) return std::nullopt;
  // Through the decimal's text, as the cast rounds: strtod gives the nearest double.
  const bool negative = value->units < 0;
  unsigned __int128 magnitude = static_cast<unsigned __int128>(Magnitude(value->units));
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  } while (magnitude != 0);
  const std::string text = (negative ? "-" : "") + digits + "e-" + std::to_string(value->scale);
  return std::strtod(text.c_str(), nullptr);
}

Dbl SumDoubles(const std::vector<Dbl>& values) {
  double total = 0;
  for (const Dbl& value : values) {
    if (value) total += *value;
  }
  return total;
}

Dbl RoundDouble(Dbl value) {
  if (!value || !std::isfinite(*value)) return value;
  // floor(x + 0.5) computed without the addition's own rounding (0.49999999999999994 -> 0).
  const double floor = std::floor(*value);
  return *value - floor >= 0.5 ? floor + 1 : floor;
}

}  // namespace choral::rules::xpath
