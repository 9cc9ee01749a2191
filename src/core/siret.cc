#include "core/siret.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>

namespace choral::core {
namespace {

// La Poste's SIREN: its establishments follow the sum-of-digits rule (see siret.h).
constexpr std::string_view kLaPosteSiren = "356000000";

// Keeps the digits of an identifier typed with group separators ("732 829 320 00074",
// "732.829.320", no-break spaces from a PDF). Returns false on any other character.
bool ExtractDigits(std::string_view text, std::string* digits) {
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      // Cap the copy: anything past 14 digits is already wrong, whatever its length.
      if (digits->size() <= 14) *digits += c;
      ++i;
    } else if (c == ' ' || c == '.') {
      ++i;
    } else if (text.substr(i, 2) == "\xC2\xA0") {  // U+00A0 no-break space
      i += 2;
    } else if (text.substr(i, 3) == "\xE2\x80\xAF") {  // U+202F narrow no-break space
      i += 3;
    } else {
      return false;
    }
  }
  return true;
}

Result<std::string> ParseDigits(std::string_view text, const char* what, size_t count) {
  std::string digits;
  if (!ExtractDigits(text, &digits)) {
    return Fail(ErrorCode::kInvalidArgument, std::string(what) + " " + Quoted(text) +
                                                 " may contain only digits, spaces and dots");
  }
  if (digits.size() != count) {
    return Fail(ErrorCode::kInvalidArgument, std::string(what) + " " + Quoted(text) +
                                                 " must have " + std::to_string(count) + " digits");
  }
  return digits;
}

Error ChecksumFailure(std::string_view what, std::string_view text) {
  return Error{ErrorCode::kInvalidArgument,
               std::string(what) + " " + Quoted(text) + " fails its checksum"};
}

// "732829320" -> "732 829 320"; `digits` holds 9 or 14 digits.
std::string Grouped(const std::string& digits) {
  std::string out = digits.substr(0, 3) + ' ' + digits.substr(3, 3) + ' ' + digits.substr(6, 3);
  if (digits.size() > 9) out += ' ' + digits.substr(9);
  return out;
}

}  // namespace

bool LuhnValid(std::string_view digits) {
  // From the right, every second digit is doubled, and a two-digit product counts as the sum
  // of its digits (x2 - 9).
  int sum = 0;
  bool doubled = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (doubled) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    doubled = !doubled;
  }
  return sum % 10 == 0;
}

Result<Siren> Siren::Parse(std::string_view text) {
  Result<std::string> digits = ParseDigits(text, "SIREN", 9);
  if (!digits) return Fail(std::move(digits.error()));
  if (!LuhnValid(*digits)) return Fail(ChecksumFailure("SIREN", text));
  return Siren(std::move(*digits));
}

std::string Siren::ToDisplay() const { return Grouped(digits_); }

Result<Siret> Siret::Parse(std::string_view text) {
  Result<std::string> digits = ParseDigits(text, "SIRET", 14);
  if (!digits) return Fail(std::move(digits.error()));
  const std::string_view siren = std::string_view(*digits).substr(0, 9);
  bool valid = LuhnValid(*digits);
  if (!valid && siren == kLaPosteSiren) {
    int sum = 0;
    for (char c : *digits) sum += c - '0';
    valid = sum % 5 == 0;
  }
  // The SIREN carries its own check digit; a SIRET whose first nine digits fail it is mistyped
  // even when the fourteen happen to pass, and siren() relies on it.
  if (!valid || !LuhnValid(siren)) return Fail(ChecksumFailure("SIRET", text));
  return Siret(std::move(*digits));
}

Siren Siret::siren() const {
  Result<Siren> siren = Siren::Parse(std::string_view(digits_).substr(0, 9));
  if (!siren) {
    std::fprintf(stderr, "choral: Siret %s holds an invalid SIREN\n", digits_.c_str());
    std::abort();  // Parse checked it: a broken invariant
  }
  return *std::move(siren);
}

std::string Siret::ToDisplay() const { return Grouped(digits_); }

}  // namespace choral::core
