// SHA-256 as lowercase hex: the name of a blob, the link of the audit chain, the key of a session.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace choral::store {

// The SHA-256 digest of `bytes` as 64 lowercase hex characters. Thread-safe; never fails (an
// OpenSSL failure to hash is a bug and aborts).
std::string Sha256Hex(std::string_view bytes);

// True when `text` is exactly 64 lowercase hex characters, the shape Sha256Hex returns.
bool IsSha256Hex(std::string_view text);

// Ok when `sha256` can name a blob (IsSha256Hex): a name from outside never reaches a path or a
// query otherwise. kInvalidArgument quoting (the start of) the bad name.
core::Status CheckBlobName(std::string_view sha256);

}  // namespace choral::store
