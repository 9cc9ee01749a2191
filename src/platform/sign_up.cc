#include "platform/sign_up.h"

#include <nlohmann/json.hpp>

#include "accounts/user.h"
#include "directory/identifier_type.h"
#include "directory/structure.h"
#include "platform/account_tokens.h"
#include "platform/mail_templates.h"
#include "platform/notifications.h"
#include "platform/password_policy.h"

namespace choral::platform {
namespace {

using accounts::AttachmentStatus;
using accounts::Role;

constexpr size_t kMaxNameLength = 100;
constexpr size_t kMaxCompanyNameLength = 200;

std::string UserActor(core::UserId id) { return "user:" + std::to_string(id.value()); }

std::string Trimmed(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return "";
  size_t end = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(begin, end - begin + 1));
}

core::Status Audit(store::Transaction& tx, core::UserId user, std::string_view action,
                   const nlohmann::json& details) {
  auto event =
      tx.audit().Append(UserActor(user), std::string(action), UserActor(user), details.dump());
  if (!event) return core::Fail(event.error());
  return core::Ok();
}

core::Status QueueActivation(store::Transaction& tx, const accounts::User& user,
                             std::string payload, core::Timestamp now,
                             std::chrono::minutes lifetime) {
  auto token =
      IssueAccountToken(tx, user.id, kActivationPurpose, std::move(payload), now, lifetime);
  if (!token) return core::Fail(token.error());
  nlohmann::json params = {{"first_name", user.first_name},
                           {"activation_token", *token},
                           {"valid_hours", std::to_string(lifetime.count() / 60)}};
  return NotifyAddress(tx, user.email, kMailAccountActivation, params, now);
}

bool HasMainManager(const std::vector<accounts::Membership>& memberships) {
  for (const auto& m : memberships) {
    if (m.IsEffective() && m.role == Role::kMainManager) return true;
  }
  return false;
}

}  // namespace

SignUp::SignUp(store::Store& store, const core::Clock& clock, const PasswordHasher& hasher,
               SignUpOptions options)
    : store_(store),
      clock_(clock),
      hasher_(hasher),
      options_(options),
      per_address_(options.per_address),
      per_email_(options.per_email) {}

core::Result<FieldProblems> SignUp::Check(const SignUpRequest& request, std::string& email,
                                          std::string& identifier) const {
  FieldProblems problems;
  auto normalised = accounts::NormaliseEmail(request.email);
  if (normalised) {
    email = *normalised;
  } else {
    problems.push_back({"email", "email_invalid"});
  }
  std::string first = Trimmed(request.first_name), last = Trimmed(request.last_name);
  if (first.empty()) problems.push_back({"first_name", "first_name_missing"});
  if (first.size() > kMaxNameLength) problems.push_back({"first_name", "name_too_long"});
  if (last.empty()) problems.push_back({"last_name", "last_name_missing"});
  if (last.size() > kMaxNameLength) problems.push_back({"last_name", "name_too_long"});
  if (auto rule = PasswordRuleBroken(request.password, email.empty() ? request.email : email)) {
    problems.push_back({"password", std::string(*rule)});
  }
  std::string company = Trimmed(request.company_name);
  if (company.size() > kMaxCompanyNameLength) {
    problems.push_back({"company_name", "company_name_too_long"});
  }

  auto type = directory::ParseIdentifierType(Trimmed(request.identifier_type));
  if (!type) {
    problems.push_back({"identifier_type", "identifier_type_unknown"});
    return problems;
  }
  auto normal_identifier = directory::NormaliseIdentifier(*type, request.identifier);
  if (!normal_identifier) {
    problems.push_back({"identifier", "identifier_invalid"});
    return problems;
  }
  identifier = *normal_identifier;
  std::optional<directory::Structure> existing;
  auto read = store_.Read([&](store::Transaction& tx) -> core::Status {
    auto found = tx.structures().FindByIdentifier(*type, identifier);
    if (!found) return core::Fail(found.error());
    existing = std::move(*found);
    return core::Ok();
  });
  if (!read) return core::Fail(read.error());
  if (existing && existing->kind == directory::StructureKind::kPublic) {
    problems.push_back({"identifier", "identifier_public"});
  } else if (!existing && company.empty()) {
    problems.push_back({"company_name", "company_name_missing"});
  }
  return problems;
}

core::Result<FieldProblems> SignUp::Register(const SignUpRequest& request) {
  const core::Timestamp now = clock_.Now();
  if (per_address_.Take("address:" + request.remote_address, now)) {
    return core::Fail(core::ErrorCode::kResourceExhausted,
                      "too many sign-ups from this address; try again later");
  }
  std::string email, identifier;
  auto problems = Check(request, email, identifier);
  if (!problems) return core::Fail(problems.error());
  if (!problems->empty()) return problems;

  // Hashed before the transaction (argon2id takes a while), and for an address that already has
  // an account too, so that the time taken does not tell.
  auto hash = hasher_.Hash(request.password);
  if (!hash) return core::Fail(hash.error());
  const bool mail_allowed = !per_email_.Take("email:" + email, now);

  accounts::User user;
  user.email = email;
  user.first_name = Trimmed(request.first_name);
  user.last_name = Trimmed(request.last_name);
  user.password_hash = std::move(*hash);
  user.active = false;  // until the activation link is followed
  user.created_at = now;
  nlohmann::json payload = {
      {"identifier_type", Trimmed(request.identifier_type)},
      {"identifier", identifier},
      {"company_name", Trimmed(request.company_name)},
  };
  auto written = store_.Write([&](store::Transaction& tx) -> core::Status {
    auto existing = tx.users().FindByEmail(email);
    if (!existing) return core::Fail(existing.error());
    if (*existing) {
      const accounts::User& owner = **existing;
      nlohmann::json details = {{"remote_address", request.remote_address}};
      if (auto audited = Audit(tx, owner.id, "user.sign_up_existing", details); !audited) {
        return audited;
      }
      if (!mail_allowed) return core::Ok();
      auto pending = tx.account_tokens().Latest(owner.id, kActivationPurpose);
      if (!pending) return core::Fail(pending.error());
      if (!owner.active && *pending && !(*pending)->used_at) {
        return QueueActivation(tx, owner, (*pending)->payload, now, options_.activation_lifetime);
      }
      return NotifyAddress(tx, owner.email, kMailAccountExists, nlohmann::json::object(), now);
    }
    auto id = tx.users().Insert(user);
    if (!id) return core::Fail(id.error());
    user.id = *id;
    nlohmann::json details = payload;
    details["remote_address"] = request.remote_address;
    if (auto audited = Audit(tx, user.id, "user.signed_up", details); !audited) return audited;
    if (!mail_allowed) return core::Ok();
    return QueueActivation(tx, user, payload.dump(), now, options_.activation_lifetime);
  });
  if (!written) return core::Fail(written.error());
  return FieldProblems{};
}

core::Result<Activation> SignUp::Activate(std::string_view token) {
  const core::Timestamp now = clock_.Now();
  Activation activation;
  auto written = store_.Write([&](store::Transaction& tx) -> core::Status {
    auto claimed = ClaimAccountToken(tx, token, kActivationPurpose, now);
    if (!claimed) return core::Fail(claimed.error());
    auto user = tx.users().Get(claimed->user_id);
    if (!user) return core::Fail(user.error());
    user->active = true;
    if (auto updated = tx.users().Update(*user); !updated) return updated;
    activation.email = user->email;

    auto payload = nlohmann::json::parse(claimed->payload, nullptr, false);
    auto type = directory::ParseIdentifierType(payload.value("identifier_type", ""));
    if (payload.is_discarded() || !type) {
      return core::Fail(core::ErrorCode::kInternal, "activation token carries no structure");
    }
    const std::string identifier = payload.value("identifier", "");
    auto found = tx.structures().FindByIdentifier(*type, identifier);
    if (!found) return core::Fail(found.error());
    directory::Structure structure;
    std::vector<accounts::Membership> members;
    if (*found) {
      structure = std::move(**found);
      if (structure.kind == directory::StructureKind::kPublic) {
        return core::Fail(core::ErrorCode::kConflict,
                          "structure " + structure.identifier +
                              " is a public entity; its accounts are created by administrators");
      }
      auto listed = tx.memberships().ListByStructure(structure.id);
      if (!listed) return core::Fail(listed.error());
      members = std::move(*listed);
    } else {
      structure.identifier_type = *type;
      structure.identifier = identifier;
      structure.kind = directory::StructureKind::kPrivate;
      structure.name = payload.value("company_name", "");
      if (auto valid = directory::ValidateStructure(structure); !valid) return valid;
      auto id = tx.structures().Insert(structure);
      if (!id) return core::Fail(id.error());
      structure.id = *id;
      activation.created_structure = true;
      nlohmann::json details = {{"identifier_type", payload.value("identifier_type", "")},
                                {"identifier", identifier},
                                {"name", structure.name}};
      auto event =
          tx.audit().Append(UserActor(user->id), "structure.created",
                            "structure:" + std::to_string(structure.id.value()), details.dump());
      if (!event) return core::Fail(event.error());
    }

    // The first account on an identifier (the micro-entrepreneur) manages it at once; later
    // ones wait for a manager's approval (FUNCTIONAL.md §3.1, §3.2).
    accounts::Membership membership;
    membership.user_id = user->id;
    membership.structure_id = structure.id;
    membership.created_at = now;
    if (HasMainManager(members)) {
      membership.role = Role::kUser;
      membership.status = AttachmentStatus::kPending;
    } else {
      membership.role = Role::kMainManager;
      membership.status = AttachmentStatus::kApproved;
    }
    auto membership_id = tx.memberships().Insert(membership);
    if (!membership_id) return core::Fail(membership_id.error());
    activation.structure_name = structure.name;
    activation.role = membership.role;
    activation.status = membership.status;

    nlohmann::json details = {{"structure_id", structure.id.value()},
                              {"role", accounts::RoleCode(membership.role)},
                              {"status", accounts::AttachmentStatusCode(membership.status)}};
    if (auto audited = Audit(tx, user->id, "user.activated", details); !audited) return audited;
    if (membership.status == AttachmentStatus::kPending) {
      auto event =
          tx.audit().Append(UserActor(user->id), "membership.requested",
                            "membership:" + std::to_string(membership_id->value()), details.dump());
      if (!event) return core::Fail(event.error());
      // FUNCTIONAL.md §3.2: the structure's managers are told a user waits for their approval.
      return NotifyManagers(tx, structure.id, kMailAttachmentRequested,
                            {{"structure", structure.name},
                             {"requester", user->DisplayName() + " (" + user->email + ")"}},
                            now);
    }
    return core::Ok();
  });
  if (!written) return core::Fail(written.error());
  return activation;
}

core::Status SignUp::ResendActivation(std::string_view email, std::string_view remote_address) {
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
    if (!*user || (*user)->active) return core::Ok();
    // Only an account that never followed its link waits for one: an account an administrator
    // deactivated has used its activation token.
    auto pending = tx.account_tokens().Latest((*user)->id, kActivationPurpose);
    if (!pending) return core::Fail(pending.error());
    if (!*pending || (*pending)->used_at) return core::Ok();
    nlohmann::json details = {{"remote_address", std::string(remote_address)}};
    if (auto audited = Audit(tx, (*user)->id, "user.activation_resent", details); !audited) {
      return audited;
    }
    return QueueActivation(tx, **user, (*pending)->payload, now, options_.activation_lifetime);
  });
}

}  // namespace choral::platform
