#include "platform/notifications.h"

#include "accounts/role.h"
#include "platform/mail_templates.h"

namespace choral::platform {

core::Status NotifyStructure(store::Transaction& tx, core::StructureId structure,
                             std::string_view template_key, const nlohmann::json& params,
                             core::Timestamp now) {
  if (auto rendered = RenderMail(template_key, params, ""); !rendered) {
    return core::Fail(core::ErrorCode::kInternal,
                      "notification cannot be rendered: " + rendered.error().message);
  }
  auto memberships = tx.memberships().ListByStructure(structure);
  if (!memberships) return core::Fail(memberships.error());
  const std::string body = params.dump();
  for (const auto& membership : *memberships) {
    if (!membership.IsEffective()) continue;
    auto user = tx.users().Get(membership.user_id);
    if (!user) return core::Fail(user.error());
    if (!user->active) continue;
    store::OutboxMessage message;
    message.to = user->email;
    message.template_key = std::string(template_key);
    message.params = body;
    message.created_at = now;
    auto queued = tx.outbox().Enqueue(message);
    if (!queued) return core::Fail(queued.error());
  }
  return core::Ok();
}

namespace {

core::Status CheckRenders(std::string_view template_key, const nlohmann::json& params) {
  if (auto rendered = RenderMail(template_key, params, ""); !rendered) {
    return core::Fail(core::ErrorCode::kInternal,
                      "notification cannot be rendered: " + rendered.error().message);
  }
  return core::Ok();
}

core::Status Enqueue(store::Transaction& tx, core::UserId user, std::string_view template_key,
                     const std::string& body, core::Timestamp now) {
  auto account = tx.users().Get(user);
  if (!account) return core::Fail(account.error());
  if (!account->active) return core::Ok();
  store::OutboxMessage message;
  message.to = account->email;
  message.template_key = std::string(template_key);
  message.params = body;
  message.created_at = now;
  auto queued = tx.outbox().Enqueue(message);
  if (!queued) return core::Fail(queued.error());
  return core::Ok();
}

}  // namespace

core::Status NotifyUser(store::Transaction& tx, core::UserId user, std::string_view template_key,
                        const nlohmann::json& params, core::Timestamp now) {
  if (auto ok = CheckRenders(template_key, params); !ok) return ok;
  return Enqueue(tx, user, template_key, params.dump(), now);
}

core::Status NotifyManagers(store::Transaction& tx, core::StructureId structure,
                            std::string_view template_key, const nlohmann::json& params,
                            core::Timestamp now) {
  if (auto ok = CheckRenders(template_key, params); !ok) return ok;
  auto memberships = tx.memberships().ListByStructure(structure);
  if (!memberships) return core::Fail(memberships.error());
  const std::string body = params.dump();
  for (const auto& membership : *memberships) {
    if (!membership.IsEffective() || !accounts::IsManager(membership.role)) continue;
    if (auto queued = Enqueue(tx, membership.user_id, template_key, body, now); !queued) {
      return queued;
    }
  }
  return core::Ok();
}

}  // namespace choral::platform
