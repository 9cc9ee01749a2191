#include "directory/service.h"

#include <string>
#include <string_view>

namespace choral::directory {
namespace {

constexpr size_t kMaxCodeLength = 100;
constexpr size_t kMaxNameCharacters = 200;

// Chorus Pro's codeService alphabet: codes travel in EDI files and URLs, so no spaces.
bool IsCodeCharacter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '/' || c == '.';
}

size_t CharacterCount(std::string_view text) {
  size_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

}  // namespace

bool Service::AcceptsInvoicesOn(core::Date today) const {
  if (!active) return false;
  if (valid_from && today < *valid_from) return false;
  return !valid_to || today <= *valid_to;  // valid_to is inclusive
}

core::Status ValidateService(const Service& service) {
  if (service.code.empty()) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "service code must not be empty");
  }
  if (service.code.size() > kMaxCodeLength) {
    return core::Fail(
        core::ErrorCode::kInvalidArgument,
        "service code " + core::Quoted(service.code) + " must have at most 100 characters");
  }
  for (char c : service.code) {
    if (!IsCodeCharacter(c)) {
      return core::Fail(core::ErrorCode::kInvalidArgument,
                        "service code " + core::Quoted(service.code) +
                            " may contain only letters, digits and - _ / .");
    }
  }
  if (service.name.find_first_not_of(" \t\r\n") == std::string::npos) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "service " + core::Quoted(service.code) + ": name must not be empty");
  }
  if (CharacterCount(service.name) > kMaxNameCharacters) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "service " + core::Quoted(service.code) + ": name " +
                          core::Quoted(service.name) + " must have at most 200 characters");
  }
  if (service.valid_from && service.valid_to && *service.valid_to < *service.valid_from) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "service " + core::Quoted(service.code) + ": valid_from " +
                          service.valid_from->ToIso() + " is after valid_to " +
                          service.valid_to->ToIso());
  }
  return core::Ok();
}

}  // namespace choral::directory
