#include "platform/notifications.h"

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

core::Status NotifyAddress(store::Transaction& tx, std::string_view to,
                           std::string_view template_key, const nlohmann::json& params,
                           core::Timestamp now) {
  if (auto rendered = RenderMail(template_key, params, ""); !rendered) {
    return core::Fail(core::ErrorCode::kInternal,
                      "notification cannot be rendered: " + rendered.error().message);
  }
  store::OutboxMessage message;
  message.to = std::string(to);
  message.template_key = std::string(template_key);
  message.params = params.dump();
  message.created_at = now;
  auto queued = tx.outbox().Enqueue(message);
  if (!queued) return core::Fail(queued.error());
  return core::Ok();
}

}  // namespace choral::platform
