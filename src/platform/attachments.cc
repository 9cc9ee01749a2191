#include "platform/attachments.h"

#include <algorithm>
#include <charconv>

#include <nlohmann/json.hpp>

#include "accounts/user.h"
#include "directory/identifier_type.h"
#include "platform/mail_templates.h"
#include "platform/manager_access.h"
#include "platform/notifications.h"

namespace choral::platform {
namespace {

using accounts::AttachmentMove;
using accounts::AttachmentStatus;

std::string Trim(std::string_view text) {
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  return std::string(text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1));
}

std::string_view MoveAction(AttachmentMove move) {
  switch (move) {
    case AttachmentMove::kValidate:
      return "attachment.validated";
    case AttachmentMove::kRefuse:
      return "attachment.refused";
    case AttachmentMove::kDeactivate:
      return "attachment.deactivated";
    case AttachmentMove::kReactivate:
      return "attachment.reactivated";
    case AttachmentMove::kDetach:
      return "attachment.detached";
  }
  return "attachment.changed";
}

// What the mail about a deactivation, reactivation or detachment calls it.
std::string_view MoveLabel(AttachmentMove move) {
  switch (move) {
    case AttachmentMove::kValidate:
      return "validé";
    case AttachmentMove::kRefuse:
      return "refusé";
    case AttachmentMove::kDeactivate:
      return "désactivé";
    case AttachmentMove::kReactivate:
      return "réactivé";
    case AttachmentMove::kDetach:
      return "supprimé";
  }
  return "modifié";
}

// Pending first, then by role (main, secondary, user), then by login.
bool ShownBefore(const StructureMember& a, const StructureMember& b) {
  auto rank = [](const StructureMember& m) {
    return std::make_tuple(m.status != AttachmentStatus::kPending, static_cast<int>(m.role),
                           m.email);
  };
  return rank(a) < rank(b);
}

}  // namespace

core::Result<core::MembershipId> Attachments::Request(const Actor& actor,
                                                      const AttachmentRequest& request) const {
  auto siret =
      directory::NormaliseIdentifier(directory::IdentifierType::kSiret, request.structure_siret);
  if (!siret) return core::Fail(siret.error());
  const core::Timestamp now = clock_.Now();
  core::MembershipId id;
  auto written = store_.Write([&](store::Transaction& tx) -> core::Status {
    auto structure = tx.structures().FindByIdentifier(directory::IdentifierType::kSiret, *siret);
    if (!structure) return core::Fail(structure.error());
    if (!*structure || !(*structure)->active) {
      return core::Fail(core::ErrorCode::kNotFound,
                        "no active structure has the SIRET " + core::Quoted(*siret));
    }
    const directory::Structure& target = **structure;
    std::vector<core::ServiceId> services;
    for (const std::string& raw : request.service_codes) {
      std::string code = Trim(raw);
      if (code.empty()) continue;
      auto service = tx.services().FindByCode(target.id, code);
      if (!service) return core::Fail(service.error());
      if (!*service) {
        return core::Fail(core::ErrorCode::kInvalidArgument,
                          "service " + core::Quoted(code) + " does not exist in " + target.name);
      }
      services.push_back((*service)->id);
    }
    auto existing = tx.memberships().Find(actor.user_id, target.id);
    if (!existing) return core::Fail(existing.error());
    if (*existing) {
      accounts::Membership again = **existing;
      if (again.status != AttachmentStatus::kRefused &&
          again.status != AttachmentStatus::kDeleted) {
        return core::Fail(core::ErrorCode::kAlreadyExists,
                          "you are already attached to " + target.name + " or waiting (" +
                              std::string(accounts::AttachmentStatusCode(again.status)) + ")");
      }
      again.status = AttachmentStatus::kPending;
      again.role = accounts::Role::kUser;
      again.created_at = now;
      if (auto saved = tx.memberships().Update(again); !saved) return saved;
      id = again.id;
    } else {
      accounts::Membership fresh;
      fresh.user_id = actor.user_id;
      fresh.structure_id = target.id;
      fresh.role = accounts::Role::kUser;
      fresh.status = AttachmentStatus::kPending;
      fresh.created_at = now;
      auto inserted = tx.memberships().Insert(fresh);
      if (!inserted) return core::Fail(inserted.error());
      id = *inserted;
    }
    if (auto scoped = tx.membership_scopes().SetServices(id, services); !scoped) return scoped;
    nlohmann::json details = {
        {"membership", id.value()}, {"user", actor.email}, {"services", request.service_codes}};
    if (auto a = AuditStructure(tx, actor, "attachment.requested", target.id, details); !a) {
      return a;
    }
    return NotifyManagers(
        tx, target.id, kMailAttachmentRequested,
        {{"structure", target.name}, {"requester", actor.display_name + " (" + actor.email + ")"}},
        now);
  });
  if (!written) return core::Fail(written.error());
  return id;
}

core::Result<std::vector<OwnAttachment>> Attachments::Mine(const Actor& actor) const {
  std::vector<OwnAttachment> out;
  auto read = store_.Read([&](store::Transaction& tx) -> core::Status {
    auto memberships = tx.memberships().ListByUser(actor.user_id);
    if (!memberships) return core::Fail(memberships.error());
    for (const auto& m : *memberships) {
      auto structure = tx.structures().Get(m.structure_id);
      if (!structure) return core::Fail(structure.error());
      out.push_back({m.structure_id, structure->name, structure->identifier, m.role, m.status});
    }
    return core::Ok();
  });
  if (!read) return core::Fail(read.error());
  std::sort(out.begin(), out.end(), [](const OwnAttachment& a, const OwnAttachment& b) {
    return a.structure_name < b.structure_name;
  });
  return out;
}

core::Result<std::vector<StructureMember>> Attachments::Members(const Actor& actor,
                                                                core::StructureId structure) const {
  std::vector<StructureMember> out;
  auto read = store_.Read([&](store::Transaction& tx) -> core::Status {
    if (auto manager = RequireManager(tx, actor, structure); !manager) {
      return core::Fail(manager.error());
    }
    auto memberships = tx.memberships().ListByStructure(structure);
    if (!memberships) return core::Fail(memberships.error());
    auto services = tx.services().ListByStructure(structure);
    if (!services) return core::Fail(services.error());
    for (const auto& m : *memberships) {
      if (m.status == AttachmentStatus::kDeleted) continue;
      auto user = tx.users().Get(m.user_id);
      if (!user) return core::Fail(user.error());
      StructureMember member;
      member.membership_id = m.id;
      member.user_id = m.user_id;
      member.email = user->email;
      member.display_name = user->DisplayName();
      member.account_active = user->active;
      member.role = m.role;
      member.status = m.status;
      member.since = m.created_at;
      auto scope = tx.membership_scopes().Services(m.id);
      if (!scope) return core::Fail(scope.error());
      for (core::ServiceId id : *scope) {
        for (const auto& s : *services) {
          if (s.id == id) member.service_codes.push_back(s.code);
        }
      }
      auto spaces = tx.membership_scopes().Spaces(m.id);
      if (!spaces) return core::Fail(spaces.error());
      member.spaces = std::move(*spaces);
      auto login = tx.logins().Last(m.user_id);
      if (!login) return core::Fail(login.error());
      member.last_login = *login;
      out.push_back(std::move(member));
    }
    return core::Ok();
  });
  if (!read) return core::Fail(read.error());
  std::sort(out.begin(), out.end(), ShownBefore);
  return out;
}

core::Status Attachments::Decide(const Actor& actor, core::MembershipId membership,
                                 AttachmentMove move, const std::string& comment) const {
  const std::string text = Trim(comment);
  if (text.size() > kMaxDecisionCommentBytes) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "the comment must be at most 1000 characters");
  }
  if (move == AttachmentMove::kRefuse && text.empty()) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "a refusal needs a comment");
  }
  const core::Timestamp now = clock_.Now();
  return store_.Write([&](store::Transaction& tx) -> core::Status {
    auto target = tx.memberships().Get(membership);
    if (!target) return core::Fail(target.error());
    if (auto manager = RequireManager(tx, actor, target->structure_id); !manager) {
      return core::Fail(manager.error());
    }
    if (auto allowed = accounts::CheckMove(*target, move); !allowed) return allowed;
    accounts::Membership changed = *target;
    changed.status = accounts::MoveTarget(move);
    if (auto saved = tx.memberships().Update(changed); !saved) return saved;
    auto user = tx.users().Get(changed.user_id);
    if (!user) return core::Fail(user.error());
    auto structure = tx.structures().Get(changed.structure_id);
    if (!structure) return core::Fail(structure.error());
    nlohmann::json details = {{"membership", membership.value()},
                              {"user", user->email},
                              {"from", accounts::AttachmentStatusCode(target->status)},
                              {"to", accounts::AttachmentStatusCode(changed.status)},
                              {"comment", text}};
    if (auto a =
            AuditStructure(tx, actor, std::string(MoveAction(move)), changed.structure_id, details);
        !a) {
      return a;
    }
    nlohmann::json params = {{"structure", structure->name},
                             {"decision", MoveLabel(move)},
                             {"comment", text.empty() ? "aucun" : text}};
    // One call per key, so that mail_templates_test sees every key queued here.
    switch (move) {
      case AttachmentMove::kValidate:
        return NotifyUser(tx, changed.user_id, kMailAttachmentValidated, params, now);
      case AttachmentMove::kRefuse:
        return NotifyUser(tx, changed.user_id, kMailAttachmentRefused, params, now);
      default:
        return NotifyUser(tx, changed.user_id, kMailAttachmentChanged, params, now);
    }
  });
}

core::Result<core::MembershipId> Attachments::AttachDirectly(const Actor& actor,
                                                             core::StructureId structure,
                                                             const std::string& email) const {
  auto login = accounts::NormaliseEmail(email);
  if (!login) return core::Fail(login.error());
  const core::Timestamp now = clock_.Now();
  core::MembershipId id;
  auto written = store_.Write([&](store::Transaction& tx) -> core::Status {
    if (auto manager = RequireManager(tx, actor, structure); !manager) {
      return core::Fail(manager.error());
    }
    auto user = tx.users().FindByEmail(*login);
    if (!user) return core::Fail(user.error());
    if (!*user || !(*user)->active) {
      return core::Fail(core::ErrorCode::kInvalidArgument,
                        "no active account has the login " + core::Quoted(*login));
    }
    auto existing = tx.memberships().Find((*user)->id, structure);
    if (!existing) return core::Fail(existing.error());
    accounts::Membership m;
    if (*existing) {
      m = **existing;
      if (m.status == AttachmentStatus::kApproved || m.status == AttachmentStatus::kDeactivated) {
        return core::Fail(core::ErrorCode::kAlreadyExists,
                          *login + " is already attached to the structure");
      }
      m.role = accounts::Role::kUser;
      m.status = AttachmentStatus::kApproved;
      m.created_at = now;
      if (auto saved = tx.memberships().Update(m); !saved) return saved;
    } else {
      m.user_id = (*user)->id;
      m.structure_id = structure;
      m.role = accounts::Role::kUser;
      m.status = AttachmentStatus::kApproved;
      m.created_at = now;
      auto inserted = tx.memberships().Insert(m);
      if (!inserted) return core::Fail(inserted.error());
      m.id = *inserted;
    }
    id = m.id;
    auto target = tx.structures().Get(structure);
    if (!target) return core::Fail(target.error());
    if (auto a = AuditStructure(tx, actor, "attachment.attached_directly", structure,
                                {{"membership", id.value()}, {"user", *login}});
        !a) {
      return a;
    }
    return NotifyUser(tx, m.user_id, kMailAttachmentValidated,
                      {{"structure", target->name}, {"comment", "rattachement direct"}}, now);
  });
  if (!written) return core::Fail(written.error());
  return id;
}

core::Status Attachments::SetSpaceAccess(const Actor& actor, core::MembershipId membership,
                                         accounts::Space space,
                                         std::optional<accounts::SpaceAccess> access) const {
  return store_.Write([&](store::Transaction& tx) -> core::Status {
    auto target = tx.memberships().Get(membership);
    if (!target) return core::Fail(target.error());
    if (auto manager = RequireManager(tx, actor, target->structure_id); !manager) {
      return core::Fail(manager.error());
    }
    if (!target->IsEffective()) {
      return core::Fail(core::ErrorCode::kConflict, "spaces are granted to validated attachments");
    }
    // An unchanged right is no action: nothing to write, nothing in the history.
    auto current = tx.membership_scopes().Spaces(membership);
    if (!current) return core::Fail(current.error());
    std::optional<accounts::SpaceAccess> before;
    for (const auto& grant : *current) {
      if (grant.space == space) before = grant.access;
    }
    if (before == access) return core::Ok();
    auto changed = access ? tx.membership_scopes().Grant(membership, {space, *access})
                          : tx.membership_scopes().Revoke(membership, space);
    if (!changed) return changed;
    auto user = tx.users().Get(target->user_id);
    if (!user) return core::Fail(user.error());
    nlohmann::json details = {
        {"membership", membership.value()},
        {"user", user->email},
        {"space", accounts::SpaceCode(space)},
        {"access", access ? nlohmann::json(accounts::SpaceAccessCode(*access)) : nullptr}};
    return AuditStructure(tx, actor, "space.access_set", target->structure_id, details);
  });
}

core::Result<std::vector<ManagerAction>> Attachments::History(const Actor& actor,
                                                              core::StructureId structure,
                                                              int limit) const {
  std::vector<ManagerAction> out;
  auto read = store_.Read([&](store::Transaction& tx) -> core::Status {
    if (auto manager = RequireManager(tx, actor, structure); !manager) {
      return core::Fail(manager.error());
    }
    auto events = tx.audit().ListBySubject(StructureSubject(structure), limit);
    if (!events) return core::Fail(events.error());
    std::map<std::string, std::string> emails;
    for (const auto& event : *events) {
      ManagerAction action{event.at, "", event.action, event.details};
      if (event.actor.starts_with("user:")) {
        auto [it, fresh] = emails.try_emplace(event.actor);
        if (fresh) {
          int64_t user_id = 0;
          std::string_view digits = std::string_view(event.actor).substr(5);
          std::from_chars(digits.data(), digits.data() + digits.size(), user_id);
          auto user = tx.users().Get(core::UserId(user_id));
          // A person removed since is still named by the event's own actor field.
          it->second = user ? user->email : event.actor;
        }
        action.actor_email = it->second;
      }
      out.push_back(std::move(action));
    }
    return core::Ok();
  });
  if (!read) return core::Fail(read.error());
  return out;
}

}  // namespace choral::platform
