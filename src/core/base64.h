// Base64 (RFC 4648, standard alphabet, padded): what mail headers (RFC 2047) and the Chorus
// Pro-compatible API (fichierCR, the report as base64) carry.
#pragma once

#include <string>
#include <string_view>

namespace choral::core {

std::string EncodeBase64(std::string_view bytes);

}  // namespace choral::core
