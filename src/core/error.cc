#include "core/error.h"

#include <string>
#include <string_view>

namespace choral::core {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "invalid_argument";
    case ErrorCode::kMalformedInput:
      return "malformed_input";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kAlreadyExists:
      return "already_exists";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kPermissionDenied:
      return "permission_denied";
    case ErrorCode::kUnsupported:
      return "unsupported";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kResourceExhausted:
      return "resource_exhausted";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "internal";
}

std::string Error::ToString() const {
  std::string out(ErrorCodeName(code));
  out += ": ";
  out += message;
  return out;
}

std::string Quoted(std::string_view value) {
  // 60 bytes show any identifier, amount or e-mail whole; longer input is most likely garbage or
  // hostile, and repeating it in full would bloat logs and JSON errors.
  constexpr size_t kMaxBytes = 60;
  size_t keep = value.size();
  if (keep > kMaxBytes) {
    keep = kMaxBytes;
    // Back up over UTF-8 continuation bytes so the cut never splits a character.
    while (keep > 0 && (static_cast<unsigned char>(value[keep]) & 0xC0) == 0x80) --keep;
  }
  std::string out;
  out.reserve(keep + 5);
  out += '"';
  for (char c : value.substr(0, keep)) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') out += '\\';
    out += (byte < 0x20 || byte == 0x7F) ? '?' : c;
  }
  if (keep < value.size()) out += "...";
  out += '"';
  return out;
}

}  // namespace choral::core
