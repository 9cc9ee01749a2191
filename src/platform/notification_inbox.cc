#include "platform/notification_inbox.h"

#include <nlohmann/json.hpp>

#include "platform/mail_templates.h"

namespace choral::platform {
namespace {

core::Status RequireUser(const Actor& actor) {
  if (actor.user_id.value() <= 0 || actor.email.empty()) {
    return core::Fail(core::ErrorCode::kPermissionDenied,
                      "notifications belong to people who log in");
  }
  return core::Ok();
}

Notification FromRow(const store::OutboxMessage& row, int64_t seen_up_to) {
  Notification n;
  n.id = row.id;
  n.at = row.created_at;
  n.unread = row.id > seen_up_to;
  nlohmann::json params = nlohmann::json::parse(row.params, nullptr, false);
  // Links in the portal are relative: the public URL only matters in e-mails.
  auto text = RenderMail(row.template_key, params, "");
  n.subject = text ? text->subject : row.template_key;
  if (params.is_object() && params.contains("invoice_id") && params["invoice_id"].is_number()) {
    n.invoice_id = core::InvoiceId(params["invoice_id"].get<int64_t>());
  }
  return n;
}

}  // namespace

core::Result<NotificationList> NotificationInbox::Open(const Actor& actor, int limit) const {
  if (auto allowed = RequireUser(actor); !allowed) return core::Fail(allowed.error());
  NotificationList list;
  auto opened = store_.Write([&](store::Transaction& tx) -> core::Status {
    auto seen = tx.outbox().SeenUpTo(actor.user_id);
    if (!seen) return core::Fail(seen.error());
    auto unread = tx.outbox().CountAfter(actor.email, *seen);
    if (!unread) return core::Fail(unread.error());
    list.unread = *unread;
    auto rows = tx.outbox().Latest(actor.email, limit);
    if (!rows) return core::Fail(rows.error());
    for (const store::OutboxMessage& row : *rows) list.items.push_back(FromRow(row, *seen));
    if (list.items.empty() || list.items.front().id <= *seen) return core::Ok();
    return tx.outbox().MarkSeen(actor.user_id, list.items.front().id);
  });
  if (!opened) return core::Fail(opened.error());
  return list;
}

core::Result<int64_t> NotificationInbox::UnreadCount(const Actor& actor) const {
  if (auto allowed = RequireUser(actor); !allowed) return core::Fail(allowed.error());
  int64_t count = 0;
  auto read = store_.Read([&](store::Transaction& tx) -> core::Status {
    auto seen = tx.outbox().SeenUpTo(actor.user_id);
    if (!seen) return core::Fail(seen.error());
    auto unread = tx.outbox().CountAfter(actor.email, *seen);
    if (!unread) return core::Fail(unread.error());
    count = *unread;
    return core::Ok();
  });
  if (!read) return core::Fail(read.error());
  return count;
}

}  // namespace choral::platform
