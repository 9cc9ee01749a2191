#include "directory/identifier_type.h"

#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "core/siret.h"

namespace choral::directory {
namespace {

constexpr std::array<std::pair<IdentifierType, std::string_view>, 7> kCodes = {{
    {IdentifierType::kSiret, "SIRET"},
    {IdentifierType::kEuOutsideFrance, "UE_HORS_FRANCE"},
    {IdentifierType::kOutsideEu, "HORS_UE"},
    {IdentifierType::kRidet, "RIDET"},
    {IdentifierType::kTahiti, "TAHITI"},
    {IdentifierType::kOther, "AUTRE"},
    {IdentifierType::kIndividual, "PARTICULIER"},
}};

// Foreign identifiers (VAT numbers, RIDET, TAHITI numbers) have too many national shapes to
// check one by one; a length cap and a safe alphabet keep them usable as keys and in file names.
constexpr size_t kMaxOtherLength = 80;

bool IsAsciiBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

std::string_view IdentifierTypeCode(IdentifierType type) {
  for (const auto& [t, code] : kCodes) {
    if (t == type) return code;
  }
  return "AUTRE";  // unreachable for a declared enumerator
}

std::optional<IdentifierType> ParseIdentifierType(std::string_view code) {
  for (const auto& [t, c] : kCodes) {
    if (c == code) return t;
  }
  return std::nullopt;
}

core::Result<std::string> NormaliseIdentifier(IdentifierType type, std::string_view identifier) {
  if (type == IdentifierType::kSiret) {
    core::Result<core::Siret> siret = core::Siret::Parse(identifier);
    if (!siret) return core::Fail(std::move(siret.error()));
    return siret->digits();
  }
  const std::string prefix = "identifier " + core::Quoted(identifier) + " of type " +
                             std::string(IdentifierTypeCode(type));
  std::string_view s = identifier;
  while (!s.empty() && IsAsciiBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiBlank(s.back())) s.remove_suffix(1);
  if (s.empty()) return core::Fail(core::ErrorCode::kInvalidArgument, prefix + " is empty");
  if (s.size() > kMaxOtherLength) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      prefix + " must have at most 80 characters");
  }
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) {
      return core::Fail(core::ErrorCode::kInvalidArgument,
                        prefix + " may contain only letters, digits and '-'");
    }
    out += c;
  }
  return out;
}

}  // namespace choral::directory
