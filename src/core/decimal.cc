#include "core/decimal.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace choral::core {
namespace {

// 128-bit intermediates: a product of two values of up to 10^18 units is up to 10^36 units, and
// rescaling 10^18 units by 10^9 gives 10^27; both fit in 127 bits, so no step below can overflow
// before the result is checked against kMaxUnits.
using Int128 = __int128;

constexpr int64_t kPow10[] = {
    1,
    10,
    100,
    1'000,
    10'000,
    100'000,
    1'000'000,
    10'000'000,
    100'000'000,
    1'000'000'000,
    10'000'000'000,
    100'000'000'000,
    1'000'000'000'000,
    10'000'000'000'000,
    100'000'000'000'000,
    1'000'000'000'000'000,
    10'000'000'000'000'000,
    100'000'000'000'000'000,
    1'000'000'000'000'000'000,
};

Int128 Abs(Int128 v) { return v < 0 ? -v : v; }

// Divides by 10^digits, rounding half away from zero (French accounting's "arrondi
// commercial": 2.345 -> 2.35, -2.345 -> -2.35).
Int128 DivideRounded(Int128 units, int digits) {
  const Int128 divisor = kPow10[digits];
  Int128 quotient = units / divisor;  // truncates toward zero
  const Int128 remainder = units % divisor;
  if (2 * Abs(remainder) >= divisor) quotient += units < 0 ? -1 : 1;
  return quotient;
}

[[noreturn]] void AbortOverflow(const char* op, Decimal a, Decimal b) {
  // Parse refuses anything this large, so reaching here means a computation went wrong: stop
  // rather than put a wrong amount on an invoice.
  std::fprintf(stderr, "choral: Decimal overflow: %s %s %s exceeds 10^18 units\n",
               a.ToString().c_str(), op, b.ToString().c_str());
  std::abort();
}

// Brings an exact 128-bit result back to 64 bits. Trailing zeros are dropped first (that loses
// nothing), so 1000000000.000000000 * 10 still fits; a result still too big is a bug.
Decimal Fit(Int128 units, int scale, const char* op, Decimal a, Decimal b) {
  while (Abs(units) > Decimal::kMaxUnits && scale > 0 && units % 10 == 0) {
    units /= 10;
    --scale;
  }
  if (Abs(units) > Decimal::kMaxUnits) AbortOverflow(op, a, b);
  return Decimal::FromUnits(static_cast<int64_t>(units), scale);
}

Int128 Rescale(Decimal d, int scale) {
  return static_cast<Int128>(d.units()) * kPow10[scale - d.scale()];
}

bool IsAsciiBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Thousands separators as a family: any space counts as one kind, so "1 234 567" may mix plain
// and no-break spaces (as word processors do) but not spaces and dots.
enum class Separator { kSpace, kDot, kComma };

// Length in bytes of the separator starting at s[i], or 0 when there is none.
size_t SeparatorAt(std::string_view s, size_t i, Separator* kind) {
  const char c = s[i];
  if (c == ' ') {
    *kind = Separator::kSpace;
    return 1;
  }
  if (c == '.') {
    *kind = Separator::kDot;
    return 1;
  }
  if (c == ',') {
    *kind = Separator::kComma;
    return 1;
  }
  if (s.substr(i, 2) == "\xC2\xA0" || s.substr(i, 3) == "\xE2\x80\xAF") {  // U+00A0, U+202F
    *kind = Separator::kSpace;
    return c == '\xC2' ? 2 : 3;
  }
  return 0;
}

}  // namespace

void Decimal::AbortInvalid(int64_t units, int scale) {
  std::fprintf(stderr, "choral: invalid Decimal: %lld units at scale %d\n",
               static_cast<long long>(units), scale);
  std::abort();
}

Result<Decimal> Decimal::Parse(std::string_view text) {
  auto fail = [text](const char* why) {
    return Fail(ErrorCode::kInvalidArgument, "decimal " + Quoted(text) + " " + why);
  };

  std::string_view s = text;
  while (!s.empty() && IsAsciiBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiBlank(s.back())) s.remove_suffix(1);
  if (s.empty()) return fail("is empty");
  bool negative = false;
  if (s.front() == '-' || s.front() == '+') {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }

  // Split into runs of digits and the separators between them. Sixteen runs hold any number
  // below 10^18 written with thousands separators; more can only be too large or garbage.
  constexpr int kMaxRuns = 16;
  struct Run {
    size_t begin = 0;
    size_t length = 0;
  };
  Run runs[kMaxRuns];
  Separator separators[kMaxRuns] = {};  // separators[i] sits between runs[i] and runs[i + 1]
  int run_count = 0;
  size_t i = 0;
  while (true) {
    if (run_count == kMaxRuns) return fail("has too many digit groups");
    Run& run = runs[run_count++];
    run.begin = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    run.length = i - run.begin;
    if (run.length == 0) {
      Separator unused;
      if (i == s.size()) return fail(run_count == 1 ? "has no digits" : "ends with a separator");
      if (SeparatorAt(s, i, &unused) > 0) return fail("has a separator not between digits");
      return fail("has a character that is not a digit or a separator");
    }
    if (i == s.size()) break;
    const size_t width = SeparatorAt(s, i, &separators[run_count - 1]);
    if (width == 0) return fail("has a character that is not a digit or a separator");
    i += width;
  }

  // The decimal mark is the last separator when it is a '.' or ',' used nowhere else.
  int integer_runs = run_count;
  if (run_count >= 2) {
    const Separator last = separators[run_count - 2];
    const bool grouping =
        last == Separator::kSpace || std::count(separators, separators + run_count - 2, last) > 0;
    if (!grouping) {
      if (runs[run_count - 1].length > kMaxScale) return fail("has more than 9 decimals");
      integer_runs = run_count - 1;
    }
  }
  // The others group the integer part by three, all of one kind.
  for (int r = 1; r < integer_runs; ++r) {
    if (separators[r - 1] != separators[0]) return fail("mixes thousands separators");
    if (runs[r].length != 3) return fail("has a thousands group without exactly 3 digits");
  }
  if (integer_runs > 1 && runs[0].length > 3) {
    return fail("has a thousands group without exactly 3 digits");
  }

  // The value only grows digit by digit, so checking after each one stops long digit strings
  // before they could overflow even 128 bits.
  Int128 units = 0;
  for (int r = 0; r < run_count; ++r) {
    for (size_t k = runs[r].begin; k < runs[r].begin + runs[r].length; ++k) {
      units = units * 10 + (s[k] - '0');
      if (units > kMaxUnits) return fail("is too large");
    }
  }
  const int scale = integer_runs == run_count ? 0 : static_cast<int>(runs[run_count - 1].length);
  return Decimal(static_cast<int64_t>(negative ? -units : units), scale);
}

Decimal Decimal::Round(int scale) const {
  if (scale < 0 || scale > kMaxScale) AbortInvalid(units_, scale);
  if (scale >= scale_) {
    // Padding must keep the asked-for scale (callers read units() as cents), so no Fit here.
    const Int128 units = Rescale(*this, scale);
    if (Abs(units) > kMaxUnits) AbortOverflow("rounded to scale", *this, FromInteger(scale));
    return Decimal(static_cast<int64_t>(units), scale);
  }
  return Decimal(static_cast<int64_t>(DivideRounded(units_, scale_ - scale)), scale);
}

Decimal Decimal::operator-() const { return Decimal(-units_, scale_); }

Decimal operator+(Decimal a, Decimal b) {
  const int scale = std::max(a.scale_, b.scale_);
  return Fit(Rescale(a, scale) + Rescale(b, scale), scale, "+", a, b);
}

Decimal operator-(Decimal a, Decimal b) {
  const int scale = std::max(a.scale_, b.scale_);
  return Fit(Rescale(a, scale) - Rescale(b, scale), scale, "-", a, b);
}

Decimal operator*(Decimal a, Decimal b) {
  Int128 units = static_cast<Int128>(a.units_) * b.units_;
  int scale = a.scale_ + b.scale_;
  if (scale > Decimal::kMaxScale) {
    units = DivideRounded(units, scale - Decimal::kMaxScale);
    scale = Decimal::kMaxScale;
  }
  return Fit(units, scale, "*", a, b);
}

bool operator==(Decimal a, Decimal b) {
  const int scale = std::max(a.scale_, b.scale_);
  return Rescale(a, scale) == Rescale(b, scale);
}

std::strong_ordering operator<=>(Decimal a, Decimal b) {
  const int scale = std::max(a.scale_, b.scale_);
  const Int128 x = Rescale(a, scale);
  const Int128 y = Rescale(b, scale);
  return x < y ? std::strong_ordering::less
               : (x > y ? std::strong_ordering::greater : std::strong_ordering::equal);
}

std::string Decimal::ToString(int min_scale) const {
  // |units_| <= 10^18 < 2^63, so negating never overflows.
  std::string digits = std::to_string(units_ < 0 ? -units_ : units_);
  if (static_cast<int>(digits.size()) <= scale_) {
    digits.insert(0, static_cast<size_t>(scale_ + 1) - digits.size(), '0');
  }
  std::string out;
  if (units_ < 0) out += '-';
  const size_t integer_digits = digits.size() - static_cast<size_t>(scale_);
  out.append(digits, 0, integer_digits);
  const int decimals = std::max(scale_, min_scale);
  if (decimals > 0) {
    out += '.';
    out.append(digits, integer_digits, std::string::npos);
    out.append(static_cast<size_t>(decimals - scale_), '0');
  }
  return out;
}

std::string Decimal::ToFrench() const {
  const Decimal cents = RoundToCents();
  const std::string plain = cents.ToString(2);  // "-1234.56"
  const size_t sign = cents.IsNegative() ? 1 : 0;
  const size_t dot = plain.size() - 3;
  std::string out(plain, 0, sign);
  for (size_t k = sign; k < dot; ++k) {
    if (k > sign && (dot - k) % 3 == 0) out += ' ';
    out += plain[k];
  }
  out += ',';
  out.append(plain, dot + 1, 2);
  return out;
}

}  // namespace choral::core
