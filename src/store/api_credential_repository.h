// ApiCredentialRepository: what a structure's software signs in to the APIs with: technical
// accounts (login and password), OAuth2 clients (client id and secret) and the short-lived bearer
// tokens issued to those clients. Only hashes of passwords, secrets and tokens are kept.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"

namespace choral::store {

// compte technique: a login for a program acting for the structure.
struct TechnicalAccount {
  int64_t id = 0;
  core::StructureId structure_id;
  std::string login;          // unique on the platform
  std::string password_hash;  // argon2id (platform/password_hasher.h)
  core::Timestamp password_expires_at{};
  // The expiry reminder of the current password was queued then; nullopt: not yet.
  std::optional<core::Timestamp> reminder_sent_at;
  core::Timestamp created_at{};
  std::optional<core::Timestamp> revoked_at;

  friend bool operator==(const TechnicalAccount&, const TechnicalAccount&) = default;
};

// An OAuth2 client (RFC 6749 §2.3.1 client credentials) of the structure.
struct ApiClient {
  int64_t id = 0;
  core::StructureId structure_id;
  std::string client_id;      // public, unique
  std::string secret_sha256;  // hex SHA-256 of the secret (256 random bits: no salt needed)
  std::string label;          // what the manager calls it ("ERP comptable")
  core::Timestamp created_at{};
  std::optional<core::Timestamp> revoked_at;

  friend bool operator==(const ApiClient&, const ApiClient&) = default;
};

struct AccessToken {
  std::string token_sha256;  // hex SHA-256 of the bearer token
  int64_t client = 0;        // ApiClient::id
  core::StructureId structure_id;
  core::Timestamp expires_at{};

  friend bool operator==(const AccessToken&, const AccessToken&) = default;
};

// Bound to one Transaction (see store.h); not thread-safe.
class ApiCredentialRepository {
 public:
  virtual ~ApiCredentialRepository() = default;

  // Returns the new id. kAlreadyExists when the login is taken; kNotFound when the structure
  // does not exist.
  virtual core::Result<int64_t> InsertTechnicalAccount(const TechnicalAccount& account) = 0;
  // Saves password_hash, password_expires_at, reminder_sent_at and revoked_at. kNotFound.
  virtual core::Status UpdateTechnicalAccount(const TechnicalAccount& account) = 0;
  // kNotFound naming the id.
  virtual core::Result<TechnicalAccount> GetTechnicalAccount(int64_t id) = 0;
  virtual core::Result<std::optional<TechnicalAccount>> FindTechnicalAccount(
      std::string_view login) = 0;
  // The structure's accounts, revoked ones included, in id order.
  virtual core::Result<std::vector<TechnicalAccount>> ListTechnicalAccounts(
      core::StructureId structure) = 0;
  // Accounts not revoked, not yet reminded, whose password expires before `cutoff`; id order.
  virtual core::Result<std::vector<TechnicalAccount>> ListPasswordsExpiringBefore(
      core::Timestamp cutoff) = 0;

  // Returns the new id. kAlreadyExists when the client id is taken; kNotFound for the structure.
  virtual core::Result<int64_t> InsertClient(const ApiClient& client) = 0;
  // kNotFound naming the id.
  virtual core::Result<ApiClient> GetClient(int64_t id) = 0;
  virtual core::Result<std::optional<ApiClient>> FindClient(std::string_view client_id) = 0;
  // The structure's clients, revoked ones included, in id order.
  virtual core::Result<std::vector<ApiClient>> ListClients(core::StructureId structure) = 0;
  // Marks the client revoked at `at` and deletes its tokens. kNotFound naming the id.
  virtual core::Status RevokeClient(int64_t id, core::Timestamp at) = 0;

  // kAlreadyExists when the hash is taken (a collision of 256-bit random tokens: never).
  virtual core::Status InsertAccessToken(const AccessToken& token) = 0;
  // Expired tokens are returned too: the caller compares expires_at with its clock.
  virtual core::Result<std::optional<AccessToken>> FindAccessToken(
      std::string_view token_sha256) = 0;
  // Deletes tokens with expires_at <= now; returns how many.
  virtual core::Result<int64_t> DeleteExpiredAccessTokens(core::Timestamp now) = 0;
};

}  // namespace choral::store
