#include "directory/structure.h"

#include <string>
#include <string_view>
#include <utility>

namespace choral::directory {
namespace {

constexpr size_t kMaxNameCharacters = 200;

// Counts UTF-8 characters, not bytes: "Société Générale" is 16 characters whatever its encoding
// length, and the limit is the one users see in the portal.
size_t CharacterCount(std::string_view text) {
  size_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

std::string_view StructureKindCode(StructureKind kind) {
  return kind == StructureKind::kPublic ? "PUBLIQUE" : "PRIVEE";
}

std::optional<StructureKind> ParseStructureKind(std::string_view code) {
  if (code == "PUBLIQUE") return StructureKind::kPublic;
  if (code == "PRIVEE") return StructureKind::kPrivate;
  return std::nullopt;
}

core::Status ValidateStructure(const Structure& structure) {
  core::Result<std::string> normalised =
      NormaliseIdentifier(structure.identifier_type, structure.identifier);
  if (!normalised) return core::Fail(std::move(normalised.error()));
  // Stored identifiers are compared byte for byte (uniqueness, look-ups): an unnormalised one
  // would let "732 829 320 00074" and "73282932000074" become two structures.
  if (*normalised != structure.identifier) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "structure identifier " + core::Quoted(structure.identifier) +
                          " is not normalised (expected " + core::Quoted(*normalised) + ")");
  }
  if (IsBlank(structure.name)) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "structure name must not be empty");
  }
  if (CharacterCount(structure.name) > kMaxNameCharacters) {
    return core::Fail(
        core::ErrorCode::kInvalidArgument,
        "structure name " + core::Quoted(structure.name) + " must have at most 200 characters");
  }
  // FUNCTIONAL.md §2.1: the deposit flags describe what a public recipient requires; a private
  // structure receiving them would make deposits to it fail for reasons nobody can see.
  if (structure.kind == StructureKind::kPrivate) {
    const StructureFlags& f = structure.flags;
    const char* flag = f.service_code_required        ? "service_code_required"
                       : f.engagement_number_required ? "engagement_number_required"
                       : f.service_code_or_engagement_required
                           ? "service_code_or_engagement_required"
                       : f.payment_status_not_reported ? "payment_status_not_reported"
                                                       : nullptr;
    if (flag != nullptr) {
      return core::Fail(
          core::ErrorCode::kInvalidArgument,
          std::string("structure flag ") + flag + " may be set only on a PUBLIQUE structure");
    }
  }
  return core::Ok();
}

}  // namespace choral::directory
