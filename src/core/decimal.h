// Decimal: an exact decimal number for money and quantities. Never double.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace choral::core {

// A signed decimal held as an integer count of 10^-scale units, scale in [0, kMaxScale].
// Sums, differences and products are exact (a product's scale is the sum of the scales, capped
// at kMaxScale by rounding half away from zero); values beyond +/- 10^18 units are refused by
// Parse and abort in arithmetic (a bug, never reachable from an invoice that passed Parse).
// Equality and ordering compare values, so 1.5 == 1.50. Immutable; thread-safe.
class Decimal {
 public:
  static constexpr int kMaxScale = 9;
  // The largest magnitude of units() (whatever the scale).
  static constexpr int64_t kMaxUnits = 1'000'000'000'000'000'000;

  constexpr Decimal() = default;

  // Parses both machine and French forms: "1234.56", "-1234.56", "1 234,56", "1.234,56",
  // "1,234.56", with optional non-breaking or narrow spaces as thousands separators. The last
  // '.' or ',' followed by 1..9 digits is the decimal mark, unless that character also appears
  // earlier ("1.234.567" is an integer); other separators must all be of one kind and group by
  // three ("1,234" is therefore 1.234). Leading and trailing ASCII blanks are ignored; a leading
  // '-' or '+' is allowed. The scale is the number of decimals written ("1.50" has scale 2).
  // kInvalidArgument naming the text otherwise ("" and "12,3,4" included).
  static Result<Decimal> Parse(std::string_view text);

  // REQUIRES: |units| <= kMaxUnits and 0 <= scale <= kMaxScale; aborts otherwise (a bug).
  static constexpr Decimal FromUnits(int64_t units, int scale) { return Decimal(units, scale); }
  static constexpr Decimal FromCents(int64_t cents) { return Decimal(cents, 2); }
  static constexpr Decimal FromInteger(int64_t value) { return Decimal(value, 0); }

  int64_t units() const { return units_; }
  int scale() const { return scale_; }
  bool IsNegative() const { return units_ < 0; }
  bool IsZero() const { return units_ == 0; }

  // Rounds half away from zero ("half-up" as French accounting means it: 2.345 -> 2.35,
  // -2.345 -> -2.35) to `scale` decimals. A smaller scale than the current one rounds; a larger
  // one pads with zeros. REQUIRES: 0 <= scale <= kMaxScale.
  Decimal Round(int scale) const;
  Decimal RoundToCents() const { return Round(2); }

  Decimal operator-() const;
  friend Decimal operator+(Decimal a, Decimal b);
  friend Decimal operator-(Decimal a, Decimal b);
  friend Decimal operator*(Decimal a, Decimal b);
  friend bool operator==(Decimal a, Decimal b);
  friend std::strong_ordering operator<=>(Decimal a, Decimal b);

  // Machine form with at least `min_scale` decimals: "1234.56", "-0.50", "12".
  std::string ToString(int min_scale = 0) const;
  // French display form with cents: "1 234,56" (narrow no-break space U+202F as thousands
  // separator is what typographers want, but a plain space is what users type: plain space).
  std::string ToFrench() const;

 private:
  // Checks the invariant even in FromUnits/FromCents: an out-of-range scale would index past the
  // powers-of-ten table, and oversized units would overflow the 128-bit arithmetic's guarantees.
  constexpr Decimal(int64_t units, int scale) : units_(units), scale_(scale) {
    if (scale < 0 || scale > kMaxScale || units > kMaxUnits || units < -kMaxUnits) {
      AbortInvalid(units, scale);
    }
  }
  [[noreturn]] static void AbortInvalid(int64_t units, int scale);

  int64_t units_ = 0;
  int scale_ = 0;
};

}  // namespace choral::core
