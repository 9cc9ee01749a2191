#include "rules/xpath_number.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>
#include <system_error>

namespace choral::rules {

namespace {

bool IsXmlBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view TrimXml(std::string_view text) {
  while (!text.empty() && IsXmlBlank(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsXmlBlank(text.back())) text.remove_suffix(1);
  return text;
}

// 10^n for n in [0, 38]; none beyond what __int128 holds.
std::optional<__int128> Pow10(int n) {
  if (n < 0 || n > 38) return std::nullopt;
  __int128 result = 1;
  for (int i = 0; i < n; ++i) result *= 10;
  return result;
}

std::optional<__int128> Scale(__int128 units, int by) {
  std::optional<__int128> factor = Pow10(by);
  if (!factor) return std::nullopt;
  __int128 result;
  if (__builtin_mul_overflow(units, *factor, &result)) return std::nullopt;
  return result;
}

}  // namespace

std::optional<XsDecimal> XsDecimal::Parse(std::string_view text) {
  text = TrimXml(text);
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  __int128 units = 0;
  int scale = 0;
  int digits = 0;
  bool after_point = false;
  for (char c : text) {
    if (c == '.' && !after_point) {
      after_point = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    ++digits;
    if (after_point) {
      if (scale == kMaxScale) continue;  // beyond 30 decimals: truncated, no invoice goes there
      ++scale;
    }
    if (__builtin_mul_overflow(units, 10, &units) ||
        __builtin_add_overflow(units, c - '0', &units)) {
      return std::nullopt;
    }
  }
  if (digits == 0) return std::nullopt;
  return XsDecimal(negative ? -units : units, scale).Normalized();
}

std::optional<XsDecimal> XsDecimal::FromDouble(double value) {
  if (!std::isfinite(value)) return std::nullopt;
  char buffer[64];
  std::to_chars_result result = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (result.ec != std::errc()) return std::nullopt;
  std::string_view text(buffer, result.ptr - buffer);
  size_t e = text.find('e');
  if (e == std::string_view::npos) return Parse(text);
  std::optional<XsDecimal> mantissa = Parse(text.substr(0, e));
  int exponent = std::atoi(std::string(text.substr(e + 1)).c_str());
  if (!mantissa) return std::nullopt;
  if (exponent >= 0) {
    std::optional<__int128> units = Scale(mantissa->units_, exponent);
    if (!units) return std::nullopt;
    return XsDecimal(*units, mantissa->scale_);
  }
  if (mantissa->scale_ - exponent > kMaxScale) return XsDecimal();  // tinier than any amount
  return XsDecimal(mantissa->units_, mantissa->scale_ - exponent);
}

XsDecimal XsDecimal::Normalized() const {
  XsDecimal result = *this;
  while (result.scale_ > 0 && result.units_ % 10 == 0) {
    result.units_ /= 10;
    --result.scale_;
  }
  return result;
}

XsDecimal XsDecimal::Round() const {
  if (scale_ == 0) return *this;
  __int128 unit = *Pow10(scale_);
  // floor(x + 0.5)
  __int128 shifted = units_ + unit / 2;
  __int128 floor = shifted / unit;
  if (shifted % unit != 0 && shifted < 0) --floor;
  return XsDecimal(floor, 0);
}

std::optional<XsDecimal> XsDecimal::DivPow10(int n) const {
  if (scale_ + n > kMaxScale) return std::nullopt;
  return XsDecimal(units_, scale_ + n).Normalized();
}

double XsDecimal::ToDouble() const {
  // Through the decimal text, as a decimal -> double cast rounds: the nearest double.
  bool negative = units_ < 0;
  unsigned __int128 magnitude = negative ? -static_cast<unsigned __int128>(units_) : units_;
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  } while (magnitude != 0);
  std::string text = (negative ? "-" : "") + digits + "e-" + std::to_string(scale_);
  return std::strtod(text.c_str(), nullptr);
}

std::optional<XsDecimal> Add(XsDecimal a, XsDecimal b) {
  int scale = std::max(a.scale_, b.scale_);
  std::optional<__int128> x = Scale(a.units_, scale - a.scale_);
  std::optional<__int128> y = Scale(b.units_, scale - b.scale_);
  __int128 sum;
  if (!x || !y || __builtin_add_overflow(*x, *y, &sum)) return std::nullopt;
  return XsDecimal(sum, scale).Normalized();
}

std::optional<XsDecimal> Subtract(XsDecimal a, XsDecimal b) {
  return Add(a, XsDecimal(-b.units_, b.scale_));
}

std::optional<XsDecimal> Multiply(XsDecimal a, XsDecimal b) {
  __int128 product;
  if (a.scale_ + b.scale_ > XsDecimal::kMaxScale ||
      __builtin_mul_overflow(a.units_, b.units_, &product)) {
    return std::nullopt;
  }
  return XsDecimal(product, a.scale_ + b.scale_).Normalized();
}

std::strong_ordering operator<=>(XsDecimal a, XsDecimal b) {
  int scale = std::max(a.scale_, b.scale_);
  std::optional<__int128> x = Scale(a.units_, scale - a.scale_);
  std::optional<__int128> y = Scale(b.units_, scale - b.scale_);
  // A side too large to align is larger in magnitude than the other: its sign decides.
  if (!x) return a.units_ < 0 ? std::strong_ordering::less : std::strong_ordering::greater;
  if (!y) return b.units_ < 0 ? std::strong_ordering::greater : std::strong_ordering::less;
  return *x <=> *y;
}

void XsSum::Add(const std::optional<XsDecimal>& value) {
  // An absent item adds nothing (fn:sum over the items there are); once a step overflowed the
  // sum stays unknown.
  if (!value || !value_) return;
  value_ = rules::Add(*value_, *value);
}

std::optional<double> ParseXsDouble(std::string_view text) {
  text = TrimXml(text);
  if (text == "INF" || text == "+INF") return HUGE_VAL;
  if (text == "-INF") return -HUGE_VAL;
  if (text == "NaN") return std::nan("");
  // (+|-)?([0-9]+(\.[0-9]*)?|\.[0-9]+)([Ee](+|-)?[0-9]+)?
  size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  int mantissa_digits = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++mantissa_digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++mantissa_digits;
  }
  if (mantissa_digits == 0) return std::nullopt;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    int exponent_digits = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++exponent_digits;
    if (exponent_digits == 0) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  return std::strtod(std::string(text).c_str(), nullptr);
}

double XPathRound(double value) {
  if (!std::isfinite(value)) return value;
  return std::floor(value + 0.5);
}

}  // namespace choral::rules
