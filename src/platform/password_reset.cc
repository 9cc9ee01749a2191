#include "platform/password_reset.h"

#include <nlohmann/json.hpp>

#include "accounts/user.h"
#include "platform/account_tokens.h"
#include "platform/mail_templates.h"
#include "platform/notifications.h"
#include "platform/password_policy.h"
#include "store/sha256.h"

namespace choral::platform {
namespace {

std::string UserActor(core::UserId id) { return "user:" + std::to_string(id.value()); }

}  // namespace

PasswordReset::PasswordReset(store::Store& store, const core::Clock& clock,
                             const PasswordHasher& hasher, PasswordResetOptions options)
    : store_(store),
      clock_(clock),
      hasher_(hasher),
      options_(options),
      per_address_(options.per_address),
      per_email_(options.per_email) {}

core::Status PasswordReset::Request(std::string_view email, std::string_view remote_address) {
  const core::Timestamp now = clock_.Now();
  if (per_address_.Take("address:" + std::string(remote_address), now)) {
    return core::Fail(core::ErrorCode::kResourceExhausted,
                      "too many requests from this address; try again later");
  }
  auto normalised = accounts::NormaliseEmail(email);
  if (!normalised) return core::Fail(normalised.error());
  if (per_email_.Take("email:" + *normalised, now)) return core::Ok();
  return store_.Write([&](store::Transaction& tx) -> core::Status {
    auto user = tx.users().FindByEmail(*normalised);
    if (!user) return core::Fail(user.error());
    if (!*user || !(*user)->active) return core::Ok();
    auto token = IssueAccountToken(tx, (*user)->id, kPasswordResetPurpose, "{}", now,
                                   options_.link_lifetime);
    if (!token) return core::Fail(token.error());
    nlohmann::json details = {{"remote_address", std::string(remote_address)}};
    auto event = tx.audit().Append(UserActor((*user)->id), "user.password_reset_requested",
                                   UserActor((*user)->id), details.dump());
    if (!event) return core::Fail(event.error());
    nlohmann::json params = {{"reset_token", *token},
                             {"valid_minutes", std::to_string(options_.link_lifetime.count())}};
    return NotifyAddress(tx, (*user)->email, kMailPasswordReset, params, now);
  });
}

core::Status PasswordReset::Check(std::string_view token) const {
  const core::Timestamp now = clock_.Now();
  return store_.Read([&](store::Transaction& tx) -> core::Status {
    auto usable = CheckAccountToken(tx, token, kPasswordResetPurpose, now);
    if (!usable) return core::Fail(usable.error());
    return core::Ok();
  });
}

core::Result<FieldProblems> PasswordReset::Reset(std::string_view token,
                                                 std::string_view new_password) {
  const core::Timestamp now = clock_.Now();
  // The policy needs the account's e-mail (a password equal to it is refused).
  std::string email;
  auto read = store_.Read([&](store::Transaction& tx) -> core::Status {
    auto found = tx.account_tokens().Find(store::Sha256Hex(token));
    if (!found) return core::Fail(found.error());
    if (!*found) return core::Ok();
    auto user = tx.users().Get((*found)->user_id);
    if (!user) return core::Fail(user.error());
    email = user->email;
    return core::Ok();
  });
  if (!read) return core::Fail(read.error());
  if (auto rule = PasswordRuleBroken(new_password, email)) {
    return FieldProblems{{"password", std::string(*rule)}};
  }
  auto hash = hasher_.Hash(new_password);
  if (!hash) return core::Fail(hash.error());
  auto written = store_.Write([&](store::Transaction& tx) -> core::Status {
    auto claimed = ClaimAccountToken(tx, token, kPasswordResetPurpose, now);
    if (!claimed) return core::Fail(claimed.error());
    auto user = tx.users().Get(claimed->user_id);
    if (!user) return core::Fail(user.error());
    if (!user->active) return core::Fail(core::ErrorCode::kNotFound, "this link is not valid");
    user->password_hash = *hash;
    if (auto updated = tx.users().Update(*user); !updated) return updated;
    auto ended = tx.sessions().DeleteByUser(user->id);
    if (!ended) return core::Fail(ended.error());
    nlohmann::json details = {{"sessions_ended", *ended}};
    auto event = tx.audit().Append(UserActor(user->id), "user.password_reset", UserActor(user->id),
                                   details.dump());
    if (!event) return core::Fail(event.error());
    return core::Ok();
  });
  if (!written) return core::Fail(written.error());
  return FieldProblems{};
}

}  // namespace choral::platform
