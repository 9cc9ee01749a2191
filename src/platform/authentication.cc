#include "platform/authentication.h"

#include <nlohmann/json.hpp>

#include "accounts/user.h"
#include "platform/invoice_access.h"
#include "store/sha256.h"

namespace choral::platform {
namespace {

constexpr std::string_view kWrongCredentials = "e-mail or password is wrong";

std::string UserActor(core::UserId id) { return "user:" + std::to_string(id.value()); }

}  // namespace

core::Result<Actor> LoadActor(store::Transaction& tx, core::UserId user_id) {
  auto user = tx.users().Get(user_id);
  if (!user) return core::Fail(user.error());
  if (!user->active) {
    return core::Fail(core::ErrorCode::kPermissionDenied, "this account is deactivated");
  }
  Actor actor;
  actor.user_id = user->id;
  actor.email = user->email;
  actor.display_name = user->DisplayName();
  actor.platform_admin = user->platform_admin;
  auto memberships = tx.memberships().ListByUser(user_id);
  if (!memberships) return core::Fail(memberships.error());
  for (const auto& membership : *memberships) {
    if (!membership.IsEffective()) continue;
    auto structure = tx.structures().Get(membership.structure_id);
    if (!structure) return core::Fail(structure.error());
    if (!structure->active) continue;
    ActorStructure acting{structure->id,   structure->name, structure->identifier,
                          structure->kind, membership.role, {}};
    // The scope is read on every request, so a manager's change applies at once: two small
    // indexed reads per simple user's attachment (managers are never limited: none for them).
    std::vector<std::string> service_codes;
    std::vector<store::SpaceGrant> grants;
    if (!accounts::IsManager(membership.role)) {
      auto limited_to = tx.membership_scopes().Services(membership.id);
      if (!limited_to) return core::Fail(limited_to.error());
      for (core::ServiceId id : *limited_to) {
        auto service = tx.services().Get(id);
        if (!service) return core::Fail(service.error());
        service_codes.push_back(service->code);
      }
      auto spaces = tx.membership_scopes().Spaces(membership.id);
      if (!spaces) return core::Fail(spaces.error());
      grants = std::move(*spaces);
    }
    ApplyScope(acting, std::move(service_codes), grants);
    actor.structures.push_back(std::move(acting));
  }
  return actor;
}

Authentication::Authentication(store::Store& store, const core::Clock& clock,
                               const PasswordHasher& hasher, AuthenticationOptions options)
    : store_(store),
      clock_(clock),
      hasher_(hasher),
      options_(options),
      dummy_hash_(hasher.Hash("no such account").value_or("")),
      failures_(ThrottleOptions{options.max_failures, options.failure_window}) {}

core::Result<LoginResult> Authentication::Login(const LoginRequest& request,
                                                std::string_view previous_session_token) {
  const core::Timestamp now = clock_.Now();
  auto email = accounts::NormaliseEmail(request.email);
  std::string account_key = "account:" + (email ? *email : request.email);
  std::string address_key = "address:" + request.remote_address;
  if (failures_.Throttled(account_key, now) || failures_.Throttled(address_key, now)) {
    return core::Fail(core::ErrorCode::kResourceExhausted,
                      "too many failed attempts; try again in " +
                          std::to_string(options_.failure_window.count()) + " minutes");
  }

  std::optional<accounts::User> user;
  if (email) {
    auto lookup = store_.Read([&](store::Transaction& tx) -> core::Status {
      auto found = tx.users().FindByEmail(*email);
      if (!found) return core::Fail(found.error());
      user = std::move(*found);
      return core::Ok();
    });
    if (!lookup) return core::Fail(lookup.error());
  }
  // Verify against something even when the account does not exist, so that the time taken does
  // not tell an attacker which e-mails have accounts.
  bool password_ok = hasher_.Verify(request.password, user ? user->password_hash : dummy_hash_);
  if (!user || !password_ok || !user->active) {
    failures_.Record(account_key, now);
    failures_.Record(address_key, now);
    if (user) {
      (void)store_.Write([&](store::Transaction& tx) -> core::Status {
        nlohmann::json details = {{"remote_address", request.remote_address},
                                  {"reason", password_ok ? "deactivated" : "wrong password"}};
        auto event = tx.audit().Append(UserActor(user->id), "session.login_failed",
                                       UserActor(user->id), details.dump());
        if (!event) return core::Fail(event.error());
        return core::Ok();
      });
    }
    return core::Fail(core::ErrorCode::kPermissionDenied, std::string(kWrongCredentials));
  }

  LoginResult result;
  result.session_token = RandomHex(32);
  result.csrf_token = RandomHex(32);
  accounts::Session session{store::Sha256Hex(result.session_token), user->id, result.csrf_token,
                            now, now + options_.session_lifetime};
  auto written = store_.Write([&](store::Transaction& tx) -> core::Status {
    // Rotation: the browser's previous session (anyone's, a fixed one included) ends here.
    bool rotated = false;
    if (!previous_session_token.empty() && previous_session_token.size() <= 128) {
      const std::string previous = store::Sha256Hex(previous_session_token);
      auto found = tx.sessions().Find(previous);
      if (!found) return core::Fail(found.error());
      if (*found) {
        if (auto deleted = tx.sessions().Delete(previous); !deleted) return deleted;
        rotated = true;
      }
    }
    if (auto purged = tx.sessions().DeleteExpired(now); !purged) return core::Fail(purged.error());
    if (auto inserted = tx.sessions().Insert(session); !inserted) return inserted;
    // The automatic main-manager re-assignment picks the secondary manager seen last.
    if (auto recorded = tx.logins().Record(user->id, now); !recorded) return recorded;
    nlohmann::json details = {{"remote_address", request.remote_address},
                              {"previous_session_ended", rotated}};
    auto event = tx.audit().Append(UserActor(user->id), "session.login", UserActor(user->id),
                                   details.dump());
    if (!event) return core::Fail(event.error());
    auto actor = LoadActor(tx, user->id);
    if (!actor) return core::Fail(actor.error());
    result.actor = std::move(*actor);
    return core::Ok();
  });
  if (!written) return core::Fail(written.error());
  result.actor.csrf_token = result.csrf_token;
  return result;
}

core::Result<Actor> Authentication::Authenticate(std::string_view session_token) const {
  if (session_token.empty() || session_token.size() > 128) {
    return core::Fail(core::ErrorCode::kPermissionDenied, "not logged in");
  }
  const std::string token_hash = store::Sha256Hex(session_token);
  const core::Timestamp now = clock_.Now();
  Actor actor;
  auto read = store_.Read([&](store::Transaction& tx) -> core::Status {
    auto session = tx.sessions().Find(token_hash);
    if (!session) return core::Fail(session.error());
    if (!*session || (*session)->ExpiredAt(now)) {
      return core::Fail(core::ErrorCode::kPermissionDenied, "session expired; log in again");
    }
    auto loaded = LoadActor(tx, (*session)->user_id);
    if (!loaded) return core::Fail(loaded.error());
    actor = std::move(*loaded);
    actor.csrf_token = (*session)->csrf_token;
    return core::Ok();
  });
  if (!read) return core::Fail(read.error());
  return actor;
}

core::Status Authentication::Logout(std::string_view session_token) {
  if (session_token.empty() || session_token.size() > 128) return core::Ok();
  const std::string token_hash = store::Sha256Hex(session_token);
  return store_.Write([&](store::Transaction& tx) -> core::Status {
    auto session = tx.sessions().Find(token_hash);
    if (!session) return core::Fail(session.error());
    if (!*session) return core::Ok();
    if (auto deleted = tx.sessions().Delete(token_hash); !deleted) return deleted;
    std::string actor = UserActor((*session)->user_id);
    auto event = tx.audit().Append(actor, "session.logout", actor, "{}");
    if (!event) return core::Fail(event.error());
    return core::Ok();
  });
}

}  // namespace choral::platform
