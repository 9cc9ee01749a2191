// PasswordHasher: argon2id hashing and checking of passwords (libsodium).
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace choral::platform {

// Thread-safe. Cost parameters are libsodium's "interactive" limits by default (64 MiB, 2 passes):
// a login costs about 50 ms, which bounds password guessing without slowing people down.
class PasswordHasher {
 public:
  struct Cost {
    unsigned long long ops;
    size_t memory_bytes;
  };
  static Cost Interactive();
  static Cost Minimal();  // for tests only: fast and weak

  explicit PasswordHasher(Cost cost = Interactive()) : cost_(cost) {}

  // The encoded "$argon2id$v=19$m=...,t=...,p=1$salt$hash" string; kInternal if out of memory.
  core::Result<std::string> Hash(std::string_view password) const;
  // True when `password` matches `encoded`; false for a wrong password or a malformed hash.
  bool Verify(std::string_view password, std::string_view encoded) const;

 private:
  Cost cost_;
};

// `bytes` random bytes from the OS, as lower-case hex (2 * bytes characters).
std::string RandomHex(size_t bytes);

// Equal strings, compared in time that does not depend on where they differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace choral::platform
