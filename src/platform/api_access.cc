#include "platform/api_access.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/date.h"
#include "core/paris_time.h"
#include "platform/mail_templates.h"
#include "store/sha256.h"

namespace choral::platform {
namespace {

constexpr size_t kMaxLoginLength = 100;
constexpr size_t kMaxLabelLength = 100;

core::Status RequireManager(const Actor& actor, core::StructureId structure) {
  const ActorStructure* on = actor.On(structure);
  if (on == nullptr || !accounts::IsManager(on->role) || !actor.api_client.empty()) {
    return core::Fail(core::ErrorCode::kPermissionDenied,
                      "only the managers of the structure manage its API access");
  }
  return core::Ok();
}

std::string ActorName(const Actor& actor) {
  return "user:" + std::to_string(actor.user_id.value());
}

core::Status Audit(store::Transaction& tx, const std::string& actor, std::string action,
                   std::string subject, const nlohmann::json& details) {
  auto event = tx.audit().Append(actor, std::move(action), std::move(subject), details.dump());
  if (!event) return core::Fail(event.error());
  return core::Ok();
}

core::Result<std::string> NormaliseLogin(std::string_view login) {
  std::string out;
  for (char c : login) {
    bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                   c == '-' || c == '@';
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
      allowed = true;
    }
    if (!allowed) {
      return core::Fail(
          core::ErrorCode::kInvalidArgument,
          "login " + core::Quoted(login) + " may contain only letters, digits and . _ - @");
    }
    out += c;
  }
  if (out.size() < 3 || out.size() > kMaxLoginLength) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "login must have 3 to " + std::to_string(kMaxLoginLength) + " characters");
  }
  return out;
}

TechnicalAccountView ViewOf(const store::TechnicalAccount& a) {
  return {a.id, a.login, a.password_expires_at, a.created_at, a.revoked_at.has_value()};
}

ApiClientView ViewOf(const store::ApiClient& c) {
  return {c.id, c.client_id, c.label, c.created_at, c.revoked_at.has_value()};
}

// A generated password: 128 random bits in hex, which no dictionary holds.
std::string NewPassword() { return RandomHex(16); }

}  // namespace

ApiAccess::ApiAccess(store::Store& store, const core::Clock& clock, const PasswordHasher& hasher,
                     ApiAccessOptions options)
    : store_(store), clock_(clock), hasher_(hasher), options_(options) {}

core::Result<ApiCredentials> ApiAccess::List(const Actor& actor,
                                             core::StructureId structure) const {
  if (auto allowed = RequireManager(actor, structure); !allowed) return core::Fail(allowed.error());
  ApiCredentials credentials;
  auto read = store_.Read([&](store::Transaction& tx) -> core::Status {
    auto accounts = tx.api_credentials().ListTechnicalAccounts(structure);
    if (!accounts) return core::Fail(accounts.error());
    auto clients = tx.api_credentials().ListClients(structure);
    if (!clients) return core::Fail(clients.error());
    for (const auto& a : *accounts) credentials.technical_accounts.push_back(ViewOf(a));
    for (const auto& c : *clients) credentials.clients.push_back(ViewOf(c));
    return core::Ok();
  });
  if (!read) return core::Fail(read.error());
  return credentials;
}

core::Result<NewTechnicalPassword> ApiAccess::CreateTechnicalAccount(const Actor& actor,
                                                                     core::StructureId structure,
                                                                     std::string_view login) const {
  if (auto allowed = RequireManager(actor, structure); !allowed) return core::Fail(allowed.error());
  auto normalised = NormaliseLogin(login);
  if (!normalised) return core::Fail(normalised.error());
  NewTechnicalPassword created;
  created.password = NewPassword();
  auto hash = hasher_.Hash(created.password);
  if (!hash) return core::Fail(hash.error());
  const core::Timestamp now = clock_.Now();
  store::TechnicalAccount account;
  account.structure_id = structure;
  account.login = *normalised;
  account.password_hash = *hash;
  account.password_expires_at = now + options_.password_lifetime;
  account.created_at = now;
  auto written = store_.Write([&](store::Transaction& tx) -> core::Status {
    auto id = tx.api_credentials().InsertTechnicalAccount(account);
    if (!id) return core::Fail(id.error());
    account.id = *id;
    return Audit(tx, ActorName(actor), "technical_account.created",
                 "technical_account:" + std::to_string(*id),
                 {{"structure", structure.value()}, {"login", account.login}});
  });
  if (!written) return core::Fail(written.error());
  created.account = ViewOf(account);
  return created;
}

core::Result<NewTechnicalPassword> ApiAccess::RotatePassword(const Actor& actor,
                                                             int64_t account_id) const {
  NewTechnicalPassword rotated;
  rotated.password = NewPassword();
  auto hash = hasher_.Hash(rotated.password);
  if (!hash) return core::Fail(hash.error());
  const core::Timestamp now = clock_.Now();
  auto written = store_.Write([&](store::Transaction& tx) -> core::Status {
    auto account = tx.api_credentials().GetTechnicalAccount(account_id);
    if (!account) return core::Fail(account.error());
    if (auto allowed = RequireManager(actor, account->structure_id); !allowed) return allowed;
    if (account->revoked_at) {
      return core::Fail(core::ErrorCode::kConflict,
                        "technical account " + account->login + " is revoked; create a new one");
    }
    account->password_hash = *hash;
    account->password_expires_at = now + options_.password_lifetime;
    account->reminder_sent_at.reset();
    if (auto saved = tx.api_credentials().UpdateTechnicalAccount(*account); !saved) return saved;
    rotated.account = ViewOf(*account);
    return Audit(tx, ActorName(actor), "technical_account.password_rotated",
                 "technical_account:" + std::to_string(account_id), {{"login", account->login}});
  });
  if (!written) return core::Fail(written.error());
  return rotated;
}

core::Status ApiAccess::RevokeTechnicalAccount(const Actor& actor, int64_t account_id) const {
  const core::Timestamp now = clock_.Now();
  return store_.Write([&](store::Transaction& tx) -> core::Status {
    auto account = tx.api_credentials().GetTechnicalAccount(account_id);
    if (!account) return core::Fail(account.error());
    if (auto allowed = RequireManager(actor, account->structure_id); !allowed) return allowed;
    if (account->revoked_at) return core::Ok();
    account->revoked_at = now;
    if (auto saved = tx.api_credentials().UpdateTechnicalAccount(*account); !saved) return saved;
    return Audit(tx, ActorName(actor), "technical_account.revoked",
                 "technical_account:" + std::to_string(account_id), {{"login", account->login}});
  });
}

core::Result<NewApiClient> ApiAccess::CreateClient(const Actor& actor, core::StructureId structure,
                                                   std::string_view label) const {
  if (auto allowed = RequireManager(actor, structure); !allowed) return core::Fail(allowed.error());
  std::string name(label);
  name.erase(0, name.find_first_not_of(" \t"));
  name.erase(name.find_last_not_of(" \t") + 1);
  if (name.empty() || name.size() > kMaxLabelLength) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "label must have 1 to " + std::to_string(kMaxLabelLength) + " characters");
  }
  NewApiClient created;
  created.secret = RandomHex(32);
  store::ApiClient client;
  client.structure_id = structure;
  client.client_id = "choral-" + RandomHex(12);
  client.secret_sha256 = store::Sha256Hex(created.secret);
  client.label = name;
  client.created_at = clock_.Now();
  auto written = store_.Write([&](store::Transaction& tx) -> core::Status {
    auto id = tx.api_credentials().InsertClient(client);
    if (!id) return core::Fail(id.error());
    client.id = *id;
    return Audit(tx, ActorName(actor), "api_client.created", "api_client:" + std::to_string(*id),
                 {{"structure", structure.value()},
                  {"client_id", client.client_id},
                  {"label", client.label}});
  });
  if (!written) return core::Fail(written.error());
  created.client = ViewOf(client);
  return created;
}

core::Status ApiAccess::RevokeClient(const Actor& actor, int64_t client_id) const {
  const core::Timestamp now = clock_.Now();
  return store_.Write([&](store::Transaction& tx) -> core::Status {
    auto client = tx.api_credentials().GetClient(client_id);
    if (!client) return core::Fail(client.error());
    if (auto allowed = RequireManager(actor, client->structure_id); !allowed) return allowed;
    if (client->revoked_at) return core::Ok();
    if (auto revoked = tx.api_credentials().RevokeClient(client_id, now); !revoked) return revoked;
    return Audit(tx, ActorName(actor), "api_client.revoked",
                 "api_client:" + std::to_string(client_id), {{"client_id", client->client_id}});
  });
}

bool ApiAccess::Throttled(const std::string& address, core::Timestamp now) {
  std::lock_guard lock(throttle_mutex_);
  auto it = failures_.find(address);
  if (it == failures_.end()) return false;
  if (now - it->second.window_start >= options_.failure_window) {
    failures_.erase(it);
    return false;
  }
  return it->second.count >= options_.max_token_failures;
}

void ApiAccess::RecordFailure(const std::string& address, core::Timestamp now) {
  std::lock_guard lock(throttle_mutex_);
  Failures& f = failures_[address];
  if (f.count == 0 || now - f.window_start >= options_.failure_window) f = Failures{0, now};
  ++f.count;
}

core::Result<IssuedToken> ApiAccess::IssueToken(std::string_view client_id, std::string_view secret,
                                                std::string_view address) {
  const core::Timestamp now = clock_.Now();
  const std::string key(address);
  if (Throttled(key, now)) {
    return core::Fail(core::ErrorCode::kResourceExhausted,
                      "too many failed attempts; try again in " +
                          std::to_string(options_.failure_window.count()) + " minutes");
  }
  // Hashing first means a secret of any length costs the same; comparing hashes in constant
  // time tells an attacker nothing about how close a guess came.
  const std::string secret_sha256 = store::Sha256Hex(secret);
  IssuedToken issued;
  issued.access_token = RandomHex(32);
  issued.expires_in = options_.token_lifetime.count();
  bool valid = false;
  auto written = store_.Write([&](store::Transaction& tx) -> core::Status {
    valid = false;
    auto client = tx.api_credentials().FindClient(client_id);
    if (!client) return core::Fail(client.error());
    if (!*client || (*client)->revoked_at ||
        !ConstantTimeEquals((*client)->secret_sha256, secret_sha256)) {
      return core::Ok();
    }
    valid = true;
    if (auto swept = tx.api_credentials().DeleteExpiredAccessTokens(now); !swept) {
      return core::Fail(swept.error());
    }
    store::AccessToken token{store::Sha256Hex(issued.access_token), (*client)->id,
                             (*client)->structure_id, now + options_.token_lifetime};
    if (auto saved = tx.api_credentials().InsertAccessToken(token); !saved) return saved;
    return Audit(tx, "api_client:" + std::to_string((*client)->id), "api.token_issued",
                 "api_client:" + std::to_string((*client)->id),
                 {{"expires_in", issued.expires_in}, {"address", key}});
  });
  if (!written) return core::Fail(written.error());
  if (!valid) {
    RecordFailure(key, now);
    return core::Fail(core::ErrorCode::kPermissionDenied, "invalid client credentials");
  }
  return issued;
}

core::Result<Actor> ApiAccess::AuthenticateBearer(std::string_view token) const {
  auto refused = [] {
    return core::Fail(core::ErrorCode::kPermissionDenied, "invalid or expired access token");
  };
  if (token.size() != 64) return refused();
  const core::Timestamp now = clock_.Now();
  Actor actor;
  bool valid = false;
  auto read = store_.Read([&](store::Transaction& tx) -> core::Status {
    auto found = tx.api_credentials().FindAccessToken(store::Sha256Hex(token));
    if (!found) return core::Fail(found.error());
    if (!*found || (*found)->expires_at <= now) return core::Ok();
    auto client = tx.api_credentials().GetClient((*found)->client);
    if (!client) return core::Fail(client.error());
    if (client->revoked_at) return core::Ok();
    auto structure = tx.structures().Get((*found)->structure_id);
    if (!structure) return core::Fail(structure.error());
    if (!structure->active) return core::Ok();
    actor.display_name = client->label;
    actor.api_client = client->client_id;
    actor.structures.push_back(ActorStructure{structure->id,
                                              structure->name,
                                              structure->identifier,
                                              structure->kind,
                                              accounts::Role::kUser,
                                              {}});
    valid = true;
    return core::Ok();
  });
  if (!read) return core::Fail(read.error());
  if (!valid) return refused();
  return actor;
}

core::Result<int> ApiAccess::RemindExpiringPasswords() const {
  const core::Timestamp now = clock_.Now();
  int reminded = 0;
  auto written = store_.Write([&](store::Transaction& tx) -> core::Status {
    reminded = 0;
    auto due = tx.api_credentials().ListPasswordsExpiringBefore(now + options_.reminder_before);
    if (!due) return core::Fail(due.error());
    for (store::TechnicalAccount& account : *due) {
      auto structure = tx.structures().Get(account.structure_id);
      if (!structure) return core::Fail(structure.error());
      auto memberships = tx.memberships().ListByStructure(account.structure_id);
      if (!memberships) return core::Fail(memberships.error());
      const core::Date expires_on = core::ParisDate(account.password_expires_at);
      nlohmann::json params = {{"login", account.login},
                               {"structure", structure->name},
                               {"expires_on", expires_on.ToFrench()}};
      for (const auto& membership : *memberships) {
        if (!membership.IsEffective() || !accounts::IsManager(membership.role)) continue;
        auto user = tx.users().Get(membership.user_id);
        if (!user) return core::Fail(user.error());
        if (!user->active) continue;
        store::OutboxMessage message;
        message.to = user->email;
        message.template_key = std::string(kMailTechnicalPasswordExpiring);
        message.params = params.dump();
        message.created_at = now;
        if (auto queued = tx.outbox().Enqueue(message); !queued) {
          return core::Fail(queued.error());
        }
      }
      account.reminder_sent_at = now;
      if (auto saved = tx.api_credentials().UpdateTechnicalAccount(account); !saved) return saved;
      if (auto a = Audit(tx, "system", "technical_account.expiry_reminded",
                         "technical_account:" + std::to_string(account.id),
                         {{"login", account.login}, {"expires_on", expires_on.ToIso()}});
          !a) {
        return a;
      }
      ++reminded;
    }
    return core::Ok();
  });
  if (!written) return core::Fail(written.error());
  return reminded;
}

}  // namespace choral::platform
