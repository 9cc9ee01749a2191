// Password policy: what a new password must be (sign-up, reset, change). Old passwords are never
// re-checked: the policy applies when a password is chosen.
#pragma once

#include <optional>
#include <string_view>

namespace choral::platform {

inline constexpr size_t kMinPasswordLength = 12;   // characters (UTF-8 code points)
inline constexpr size_t kMaxPasswordLength = 256;  // bytes: bounds the hashing work per request

// The rule a password breaks, as a stable code the portal turns into a French sentence:
// "password_too_short", "password_too_long", "password_common" (IsCommonPassword),
// "password_is_email" (the login itself, any case). nullopt when the password is acceptable.
std::optional<std::string_view> PasswordRuleBroken(std::string_view password,
                                                   std::string_view email);

// True when `password` is in the common-password list (case-insensitive), alone or followed by
// digits and symbols ("Password2024!").
bool IsCommonPassword(std::string_view password);

}  // namespace choral::platform
