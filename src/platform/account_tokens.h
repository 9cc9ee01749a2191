// Account tokens: the single-use secrets of the links Choral e-mails (activation, password
// reset). 256 random bits; the store keeps only their SHA-256, so a database leak gives no link.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "store/store.h"

namespace choral::platform {

inline constexpr std::string_view kActivationPurpose = "activation";
inline constexpr std::string_view kPasswordResetPurpose = "password_reset";

// Creates a token for `user` and `purpose` valid for `lifetime`, after marking the user's older
// unused ones for that purpose used (only the newest link works). Returns the token itself, to
// be put in the e-mail and nowhere else.
core::Result<std::string> IssueAccountToken(store::Transaction& tx, core::UserId user,
                                            std::string_view purpose, std::string payload,
                                            core::Timestamp now, std::chrono::minutes lifetime);

// The token for `purpose`, if it can still be used; reads only (a page showing a form for it).
// kNotFound "this link is not valid" for an unknown token, one of another purpose or a malformed
// one; kConflict "this link was already used"; kPermissionDenied "this link has expired".
core::Result<store::AccountToken> CheckAccountToken(store::Transaction& tx, std::string_view token,
                                                    std::string_view purpose, core::Timestamp now);

// Takes the token for `purpose`: CheckAccountToken, then marks it (and its siblings) used and
// returns it.
core::Result<store::AccountToken> ClaimAccountToken(store::Transaction& tx, std::string_view token,
                                                    std::string_view purpose, core::Timestamp now);

}  // namespace choral::platform
