// NotificationInbox: the portal's "Notifications" — the e-mails queued to the actor's own
// address, with a read mark per person. An actor sees only messages to their own address.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "platform/actor.h"
#include "store/store.h"

namespace choral::platform {

struct Notification {
  int64_t id = 0;
  std::string subject;  // the e-mail's subject (mail_templates.h)
  core::Timestamp at{};
  std::optional<core::InvoiceId> invoice_id;  // the invoice it is about, if any
  bool unread = false;  // newer than the actor's read mark when the list was opened
};

struct NotificationList {
  std::vector<Notification> items;  // newest first
  int64_t unread = 0;               // how many of all the actor's notifications were unread
};

// Thread-safe; `store` must outlive it.
class NotificationInbox {
 public:
  explicit NotificationInbox(store::Store& store) : store_(store) {}

  // The actor's `limit` newest notifications, then marks everything up to the newest as read
  // (opening the list is reading it). kPermissionDenied for an actor without a user (API client).
  core::Result<NotificationList> Open(const Actor& actor, int limit = 50) const;

  // How many of the actor's notifications are newer than their read mark.
  core::Result<int64_t> UnreadCount(const Actor& actor) const;

 private:
  store::Store& store_;
};

}  // namespace choral::platform
