// ApiAccess: how a structure's software gets into the APIs. Managers create technical accounts
// (login, password with an expiry) and OAuth2 clients (client id, secret shown once); a client
// trades its credentials for a short-lived bearer token (RFC 6749 §4.4), which names the actor
// of each API call.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "platform/actor.h"
#include "platform/password_hasher.h"
#include "store/store.h"

namespace choral::platform {

struct ApiAccessOptions {
  std::chrono::seconds token_lifetime{600};        // bearer tokens live 10 minutes
  std::chrono::hours password_lifetime{24 * 365};  // a technical account's password: a year
  std::chrono::hours reminder_before{24 * 15};     // managers are mailed 15 days before expiry
  int max_token_failures = 10;                     // per address, then kResourceExhausted...
  std::chrono::minutes failure_window{15};         // ...until this much time has passed
};

// A technical account as managers see it: never its password hash.
struct TechnicalAccountView {
  int64_t id = 0;
  std::string login;
  core::Timestamp password_expires_at{};
  core::Timestamp created_at{};
  bool revoked = false;
};

// An OAuth2 client as managers see it: never its secret's hash.
struct ApiClientView {
  int64_t id = 0;
  std::string client_id;
  std::string label;
  core::Timestamp created_at{};
  bool revoked = false;
};

struct ApiCredentials {
  std::vector<TechnicalAccountView> technical_accounts;
  std::vector<ApiClientView> clients;
};

// A password or a secret is in these once, to be shown once: Choral keeps only its hash.
struct NewTechnicalPassword {
  TechnicalAccountView account;
  std::string password;
};
struct NewApiClient {
  ApiClientView client;
  std::string secret;
};

struct IssuedToken {
  std::string access_token;  // 256 random bits, hex
  int64_t expires_in = 0;    // seconds
};

// Thread-safe. Holds references: store, clock and hasher must outlive it.
class ApiAccess {
 public:
  ApiAccess(store::Store& store, const core::Clock& clock, const PasswordHasher& hasher,
            ApiAccessOptions options = {});

  // Every method taking an Actor and a structure: kPermissionDenied unless the actor is a
  // manager (main or secondary, approved) of that structure; for an id, of its structure (and
  // kNotFound when there is no such account or client). Changes are audited.

  // The structure's technical accounts and clients, revoked ones included, oldest first.
  core::Result<ApiCredentials> List(const Actor& actor, core::StructureId structure) const;
  // `login`: 3..100 characters of letters, digits and . _ - @, stored in lower case, unique on
  // the platform (kAlreadyExists). The password is generated and expires after
  // password_lifetime.
  core::Result<NewTechnicalPassword> CreateTechnicalAccount(const Actor& actor,
                                                            core::StructureId structure,
                                                            std::string_view login) const;
  // A new generated password with a new expiry; the old one stops working. kConflict when revoked.
  core::Result<NewTechnicalPassword> RotatePassword(const Actor& actor, int64_t account_id) const;
  // Idempotent.
  core::Status RevokeTechnicalAccount(const Actor& actor, int64_t account_id) const;
  // `label`: 1..100 characters, what the client is for. The secret is 256 random bits.
  core::Result<NewApiClient> CreateClient(const Actor& actor, core::StructureId structure,
                                          std::string_view label) const;
  // The client's tokens stop working at once. Idempotent.
  core::Status RevokeClient(const Actor& actor, int64_t client_id) const;

  // OAuth2 client credentials grant. kPermissionDenied "invalid client credentials" alike for an
  // unknown client, a wrong secret or a revoked client; kResourceExhausted once `address` has
  // failed max_token_failures times within failure_window. Audits "api.token_issued".
  core::Result<IssuedToken> IssueToken(std::string_view client_id, std::string_view secret,
                                       std::string_view address);
  // The actor behind a bearer token: the token's structure (role kUser) with api_client set.
  // kPermissionDenied "invalid or expired access token" otherwise.
  core::Result<Actor> AuthenticateBearer(std::string_view token) const;

  // For a daily job: queues a reminder to the managers of each structure whose technical
  // account's password expires within reminder_before (once per password) and returns how many
  // accounts were reminded.
  core::Result<int> RemindExpiringPasswords() const;

 private:
  bool Throttled(const std::string& address, core::Timestamp now);
  void RecordFailure(const std::string& address, core::Timestamp now);

  store::Store& store_;
  const core::Clock& clock_;
  const PasswordHasher& hasher_;
  ApiAccessOptions options_;

  struct Failures {
    int count = 0;
    core::Timestamp window_start{};
  };
  std::mutex throttle_mutex_;
  std::unordered_map<std::string, Failures> failures_;  // by address
};

}  // namespace choral::platform
