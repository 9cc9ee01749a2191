#include "store/sha256.h"

#include <cstdlib>

#include <openssl/evp.h>

namespace choral::store {

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  // EVP_Digest only fails when OpenSSL itself is broken (no memory, no SHA-256 provider):
  // nothing a caller could handle, so it is a bug-class failure.
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1 ||
      length != 32) {
    std::abort();
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex(64, '0');
  for (unsigned int i = 0; i < length; ++i) {
    hex[2 * i] = kHex[digest[i] >> 4];
    hex[2 * i + 1] = kHex[digest[i] & 0x0f];
  }
  return hex;
}

bool IsSha256Hex(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

core::Status CheckBlobName(std::string_view sha256) {
  if (!IsSha256Hex(sha256)) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "blob name must be 64 lowercase hex characters (a SHA-256), got '" +
                          std::string(sha256.substr(0, 80)) + "'");
  }
  return core::Ok();
}

}  // namespace choral::store
