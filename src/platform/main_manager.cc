#include "platform/main_manager.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "accounts/manager_rules.h"
#include "accounts/user.h"
#include "core/search_fold.h"
#include "directory/identifier_type.h"
#include "platform/mail_templates.h"
#include "platform/manager_access.h"
#include "platform/notifications.h"

namespace choral::platform {
namespace {

using accounts::Role;

std::string Trim(std::string_view text) {
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  return std::string(text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1));
}

// The membership of the structure's current main manager, if any.
core::Result<std::optional<accounts::Membership>> CurrentHolder(store::Transaction& tx,
                                                                core::StructureId structure) {
  auto memberships = tx.memberships().ListByStructure(structure);
  if (!memberships) return core::Fail(memberships.error());
  for (const auto& m : *memberships) {
    if (m.role == Role::kMainManager && m.status != accounts::AttachmentStatus::kDeleted) {
      return std::optional<accounts::Membership>(m);
    }
  }
  return std::optional<accounts::Membership>();
}

// Checks the successor with this login against the hand-over rule; returns their membership.
// `approve_pending`: support appoints someone whose request nobody is left to validate.
core::Result<accounts::Membership> CheckedSuccessor(store::Transaction& tx,
                                                    const accounts::Membership& current,
                                                    const std::string& successor_email,
                                                    bool approve_pending = false) {
  accounts::SuccessorFacts facts;
  auto login = accounts::NormaliseEmail(successor_email);
  if (login) {
    auto user = tx.users().FindByEmail(*login);
    if (!user) return core::Fail(user.error());
    if (*user) {
      facts.account_active = (*user)->active;
      auto membership = tx.memberships().Find((*user)->id, current.structure_id);
      if (!membership) return core::Fail(membership.error());
      facts.membership = *membership;
      if (approve_pending && facts.membership &&
          facts.membership->status == accounts::AttachmentStatus::kPending) {
        facts.membership->status = accounts::AttachmentStatus::kApproved;
      }
    }
  }
  if (auto ok = accounts::CheckSuccessor(current, facts); !ok) return core::Fail(ok.error());
  return *facts.membership;
}

// Moves the role from `from` (when any) to `to`; the previous holder stays secondary manager.
core::Status MoveRole(store::Transaction& tx, const std::optional<accounts::Membership>& from,
                      accounts::Membership to) {
  if (from && from->id != to.id) {
    accounts::Membership previous = *from;
    previous.role = Role::kSecondaryManager;
    if (auto saved = tx.memberships().Update(previous); !saved) return saved;
  }
  to.role = Role::kMainManager;
  return tx.memberships().Update(to);
}

core::Result<std::string> EmailOf(store::Transaction& tx, core::UserId user) {
  auto account = tx.users().Get(user);
  if (!account) return core::Fail(account.error());
  return account->email;
}

}  // namespace

core::Result<std::vector<SuccessorCandidate>> MainManager::Candidates(
    const Actor& actor, core::StructureId structure, const std::string& text) const {
  std::vector<SuccessorCandidate> out;
  const std::string wanted = core::FoldForSearch(Trim(text));
  auto read = store_.Read([&](store::Transaction& tx) -> core::Status {
    auto mine = RequireManager(tx, actor, structure);
    if (!mine) return core::Fail(mine.error());
    if (mine->role != Role::kMainManager) {
      return core::Fail(core::ErrorCode::kPermissionDenied,
                        "only the main manager hands the role over");
    }
    auto memberships = tx.memberships().ListByStructure(structure);
    if (!memberships) return core::Fail(memberships.error());
    for (const auto& m : *memberships) {
      if (m.user_id == actor.user_id || !m.IsEffective()) continue;
      auto user = tx.users().Get(m.user_id);
      if (!user) return core::Fail(user.error());
      if (!user->active) continue;
      if (!wanted.empty() &&
          core::FoldForSearch(user->email + " " + user->DisplayName()).find(wanted) ==
              std::string::npos) {
        continue;
      }
      out.push_back({m.user_id, user->email, user->DisplayName(), m.role});
    }
    return core::Ok();
  });
  if (!read) return core::Fail(read.error());
  std::sort(out.begin(), out.end(), [](const SuccessorCandidate& a, const SuccessorCandidate& b) {
    return a.email < b.email;
  });
  return out;
}

core::Status MainManager::HandOver(const Actor& actor, core::StructureId structure,
                                   const std::string& successor_email) const {
  const core::Timestamp now = clock_.Now();
  return store_.Write([&](store::Transaction& tx) -> core::Status {
    auto mine = RequireManager(tx, actor, structure);
    if (!mine) return core::Fail(mine.error());
    if (mine->role != Role::kMainManager) {
      return core::Fail(core::ErrorCode::kPermissionDenied,
                        "only the main manager hands the role over");
    }
    auto successor = CheckedSuccessor(tx, *mine, successor_email);
    if (!successor) return core::Fail(successor.error());
    if (auto moved = MoveRole(tx, *mine, *successor); !moved) return moved;
    auto successor_login = EmailOf(tx, successor->user_id);
    if (!successor_login) return core::Fail(successor_login.error());
    auto target = tx.structures().Get(structure);
    if (!target) return core::Fail(target.error());
    if (auto a = AuditStructure(tx, actor, "main_manager.handed_over", structure,
                                {{"from", actor.email}, {"to", *successor_login}});
        !a) {
      return a;
    }
    nlohmann::json params = {
        {"structure", target->name}, {"previous", actor.email}, {"successor", *successor_login}};
    if (auto n = NotifyUser(tx, actor.user_id, kMailMainManagerHandedOver, params, now); !n) {
      return n;
    }
    return NotifyUser(tx, successor->user_id, kMailMainManagerHandedOver, params, now);
  });
}

core::Status MainManager::DeactivateAccountByLogin(const Actor& actor,
                                                   const std::string& login) const {
  if (!actor.platform_admin) {
    return core::Fail(core::ErrorCode::kPermissionDenied,
                      "only a platform administrator deactivates another person's account");
  }
  auto email = accounts::NormaliseEmail(login);
  std::optional<core::UserId> user;
  if (email) {
    auto read = store_.Read([&](store::Transaction& tx) -> core::Status {
      auto found = tx.users().FindByEmail(*email);
      if (!found) return core::Fail(found.error());
      if (*found && (*found)->active) user = (*found)->id;
      return core::Ok();
    });
    if (!read) return read;
  }
  if (!user) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "no active account has the login " + core::Quoted(login));
  }
  // A deactivation between this read and the write is caught there (kConflict).
  return DeactivateAccount(actor, *user);
}

core::Status MainManager::DeactivateAccount(const Actor& actor, core::UserId user) const {
  if (actor.user_id != user && !actor.platform_admin) {
    return core::Fail(core::ErrorCode::kPermissionDenied,
                      "only the person or a platform administrator deactivates an account");
  }
  const core::Timestamp now = clock_.Now();
  return store_.Write([&](store::Transaction& tx) -> core::Status {
    auto account = tx.users().Get(user);
    if (!account) return core::Fail(account.error());
    if (!account->active) {
      return core::Fail(core::ErrorCode::kConflict, "the account is already deactivated");
    }
    account->active = false;
    if (auto saved = tx.users().Update(*account); !saved) return saved;
    auto event = tx.audit().Append(AuditActor(actor.user_id), "user.deactivated", AuditActor(user),
                                   nlohmann::json{{"email", account->email}}.dump());
    if (!event) return core::Fail(event.error());
    auto held = tx.memberships().ListByUser(user);
    if (!held) return core::Fail(held.error());
    for (const auto& holder : *held) {
      if (holder.role != Role::kMainManager || !holder.IsEffective()) continue;
      const core::StructureId structure = holder.structure_id;
      auto people = tx.memberships().ListByStructure(structure);
      if (!people) return core::Fail(people.error());
      std::vector<accounts::ReassignmentCandidate> candidates;
      for (const auto& m : *people) {
        auto person = tx.users().Get(m.user_id);
        if (!person) return core::Fail(person.error());
        auto login = tx.logins().Last(m.user_id);
        if (!login) return core::Fail(login.error());
        candidates.push_back({m, person->active, *login});
      }
      auto target = tx.structures().Get(structure);
      if (!target) return core::Fail(target.error());
      std::optional<core::UserId> chosen = accounts::ChooseNewMainManager(candidates);
      if (!chosen) {
        const std::string reason =
            "main manager " + account->email + " deactivated, no secondary manager";
        if (auto flagged = tx.support_flags().Flag({structure, reason, now}); !flagged) {
          return flagged;
        }
        if (auto a = AuditStructure(tx, actor, "structure.flagged_for_support", structure,
                                    {{"reason", reason}});
            !a) {
          return a;
        }
        continue;
      }
      auto successor = tx.memberships().Find(*chosen, structure);
      if (!successor) return core::Fail(successor.error());
      if (auto moved = MoveRole(tx, holder, **successor); !moved) return moved;
      auto successor_login = EmailOf(tx, *chosen);
      if (!successor_login) return core::Fail(successor_login.error());
      if (auto a = AuditStructure(tx, actor, "main_manager.reassigned", structure,
                                  {{"from", account->email},
                                   {"to", *successor_login},
                                   {"reason", "account deactivated"}});
          !a) {
        return a;
      }
      if (auto n = NotifyUser(
              tx, *chosen, kMailMainManagerAssigned,
              {{"structure", target->name},
               {"reason", "le compte de " + account->email +
                              ", gestionnaire principal, a été désactivé ; vous étiez le "
                              "gestionnaire secondaire connecté le plus récemment."}},
              now);
          !n) {
        return n;
      }
    }
    return core::Ok();
  });
}

core::Status MainManager::Assign(const Actor& actor,
                                 const MainManagerAssignment& assignment) const {
  if (!actor.platform_admin) {
    return core::Fail(core::ErrorCode::kPermissionDenied,
                      "only platform support appoints a main manager");
  }
  const std::string reason = Trim(assignment.reason);
  if (reason.empty()) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "the reason is required");
  }
  auto media_type = AttachmentMediaType(assignment.certificate);
  if (!media_type) return core::Fail(media_type.error());
  if (*media_type != "application/pdf" && !media_type->starts_with("image/")) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "the certificate must be a PDF or an image");
  }
  auto siret =
      directory::NormaliseIdentifier(directory::IdentifierType::kSiret, assignment.structure_siret);
  if (!siret) return core::Fail(siret.error());
  auto sha256 = store_.blobs().Put(assignment.certificate.bytes);
  if (!sha256) return core::Fail(sha256.error());
  const core::Timestamp now = clock_.Now();
  return store_.Write([&](store::Transaction& tx) -> core::Status {
    auto found = tx.structures().FindByIdentifier(directory::IdentifierType::kSiret, *siret);
    if (!found) return core::Fail(found.error());
    if (!*found) {
      return core::Fail(core::ErrorCode::kNotFound,
                        "no structure has the SIRET " + core::Quoted(*siret));
    }
    const directory::Structure& target = **found;
    const core::StructureId structure = target.id;
    auto holder = CurrentHolder(tx, structure);
    if (!holder) return core::Fail(holder.error());
    // With no holder at all, the rule still needs someone to differ from: nobody.
    accounts::Membership current = holder->value_or(accounts::Membership{});
    current.structure_id = structure;
    auto successor =
        CheckedSuccessor(tx, current, assignment.successor_email, /*approve_pending=*/true);
    if (!successor) return core::Fail(successor.error());
    if (auto moved = MoveRole(tx, *holder, *successor); !moved) return moved;
    if (auto cleared = tx.support_flags().Clear(structure); !cleared) return cleared;
    auto successor_login = EmailOf(tx, successor->user_id);
    if (!successor_login) return core::Fail(successor_login.error());
    std::string previous;
    if (*holder) {
      auto login = EmailOf(tx, (*holder)->user_id);
      if (!login) return core::Fail(login.error());
      previous = *login;
    }
    nlohmann::json details = {{"from", previous},
                              {"to", *successor_login},
                              {"reason", reason},
                              {"certificate_sha256", *sha256},
                              {"certificate_media_type", *media_type}};
    if (auto a = AuditStructure(tx, actor, "main_manager.assigned", structure, details); !a) {
      return a;
    }
    return NotifyUser(tx, successor->user_id, kMailMainManagerAssigned,
                      {{"structure", target.name}, {"reason", reason}}, now);
  });
}

core::Result<std::vector<FlaggedStructure>> MainManager::Flagged(const Actor& actor) const {
  if (!actor.platform_admin) {
    return core::Fail(core::ErrorCode::kPermissionDenied, "platform administrators only");
  }
  std::vector<FlaggedStructure> out;
  auto read = store_.Read([&](store::Transaction& tx) -> core::Status {
    auto flags = tx.support_flags().List();
    if (!flags) return core::Fail(flags.error());
    for (const auto& flag : *flags) {
      auto structure = tx.structures().Get(flag.structure_id);
      if (!structure) return core::Fail(structure.error());
      out.push_back({flag.structure_id, structure->name, structure->identifier, flag.reason,
                     flag.flagged_at});
    }
    return core::Ok();
  });
  if (!read) return core::Fail(read.error());
  return out;
}

}  // namespace choral::platform
