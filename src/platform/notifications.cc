#include "platform/notifications.h"

#include "accounts/role.h"
#include "platform/mail_templates.h"

namespace choral::platform {
namespace {

// A message that would not render is refused now, in the change's transaction, rather than
// given up by the mail job later: the outbox holds only messages that can be sent.
core::Status CheckRenders(std::string_view template_key, const nlohmann::json& params) {
  if (auto rendered = RenderMail(template_key, params, ""); !rendered) {
    return core::Fail(core::ErrorCode::kInternal,
                      "notification cannot be rendered: " + rendered.error().message);
  }
  return core::Ok();
}

core::Status EnqueueTo(store::Transaction& tx, std::string_view address,
                       std::string_view template_key, const std::string& params,
                       core::Timestamp now) {
  store::OutboxMessage message;
  message.to = std::string(address);
  message.template_key = std::string(template_key);
  message.params = params;
  message.created_at = now;
  auto queued = tx.outbox().Enqueue(message);
  if (!queued) return core::Fail(queued.error());
  return core::Ok();
}

// A deactivated account reads no mail.
core::Status EnqueueFor(store::Transaction& tx, core::UserId user, std::string_view template_key,
                        const std::string& params, core::Timestamp now) {
  auto account = tx.users().Get(user);
  if (!account) return core::Fail(account.error());
  if (!account->active) return core::Ok();
  return EnqueueTo(tx, account->email, template_key, params, now);
}

// Queues for the approved members of `structure` that `wanted` keeps.
template <typename Keep>
core::Status EnqueueForMembers(store::Transaction& tx, core::StructureId structure,
                               std::string_view template_key, const nlohmann::json& params,
                               core::Timestamp now, Keep wanted) {
  if (auto ok = CheckRenders(template_key, params); !ok) return ok;
  auto memberships = tx.memberships().ListByStructure(structure);
  if (!memberships) return core::Fail(memberships.error());
  const std::string body = params.dump();
  for (const auto& membership : *memberships) {
    if (!membership.IsEffective() || !wanted(membership)) continue;
    if (auto queued = EnqueueFor(tx, membership.user_id, template_key, body, now); !queued) {
      return queued;
    }
  }
  return core::Ok();
}

}  // namespace

core::Status NotifyStructure(store::Transaction& tx, core::StructureId structure,
                             std::string_view template_key, const nlohmann::json& params,
                             core::Timestamp now) {
  return EnqueueForMembers(tx, structure, template_key, params, now,
                           [](const accounts::Membership&) { return true; });
}

core::Status NotifyManagers(store::Transaction& tx, core::StructureId structure,
                            std::string_view template_key, const nlohmann::json& params,
                            core::Timestamp now) {
  return EnqueueForMembers(
      tx, structure, template_key, params, now,
      [](const accounts::Membership& membership) { return accounts::IsManager(membership.role); });
}

core::Status NotifyUser(store::Transaction& tx, core::UserId user, std::string_view template_key,
                        const nlohmann::json& params, core::Timestamp now) {
  if (auto ok = CheckRenders(template_key, params); !ok) return ok;
  return EnqueueFor(tx, user, template_key, params.dump(), now);
}

core::Status NotifyAddress(store::Transaction& tx, std::string_view to,
                           std::string_view template_key, const nlohmann::json& params,
                           core::Timestamp now) {
  if (auto ok = CheckRenders(template_key, params); !ok) return ok;
  return EnqueueTo(tx, to, template_key, params.dump(), now);
}

}  // namespace choral::platform
