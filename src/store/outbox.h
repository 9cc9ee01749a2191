// Outbox: e-mails to send, written in the same transaction as the change they announce, and
// sent later by a background job — so a notification is never sent for a change that rolled
// back, nor lost for one that committed. The same rows are the portal's notifications.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"

namespace choral::store {

struct OutboxMessage {
  int64_t id = 0;
  std::string to;            // e-mail address
  std::string template_key;  // mail template of platform/mail_templates.h, "mail.invoice_status"
  std::string params;        // JSON object of the values the template names
  core::Timestamp created_at{};
  std::optional<core::Timestamp> sent_at;
  int attempts = 0;  // tries so far, successful or not
  std::string last_error;
  // Not to be tried before then: after a failure, the retry's time; while a sender holds the
  // message, the end of its lease. The epoch for a new message.
  core::Timestamp next_attempt_at{};
  std::optional<core::Timestamp> abandoned_at;  // given up after too many failures

  friend bool operator==(const OutboxMessage&, const OutboxMessage&) = default;
};

// Bound to one Transaction (see store.h); not thread-safe.
class Outbox {
 public:
  virtual ~Outbox() = default;

  // Queues a message (only to, template_key, params and created_at are read); returns its id.
  virtual core::Result<int64_t> Enqueue(const OutboxMessage& message) = 0;

  // Messages neither sent nor abandoned, oldest first, at most `limit`.
  virtual core::Result<std::vector<OutboxMessage>> Pending(int limit) = 0;

  // Takes up to `limit` due messages (neither sent nor abandoned, next_attempt_at <= now),
  // oldest first, and moves their next_attempt_at to `lease_until`, so that no other sender
  // takes them until then. On PostgreSQL the rows are locked FOR UPDATE SKIP LOCKED: senders
  // in other processes claiming at the same moment get other messages, never these. The lease
  // holds once the caller's transaction commits. Returned messages show the new next_attempt_at.
  virtual core::Result<std::vector<OutboxMessage>> Claim(core::Timestamp now,
                                                         core::Timestamp lease_until,
                                                         int limit) = 0;

  // Every message to `to`, oldest first (what a person was told; tests read it).
  virtual core::Result<std::vector<OutboxMessage>> SentTo(const std::string& to) = 0;

  // The `limit` newest messages to `to`, newest first (the portal's notifications).
  virtual core::Result<std::vector<OutboxMessage>> Latest(const std::string& to, int limit) = 0;

  // How many messages to `to` have an id above `after_id`.
  virtual core::Result<int64_t> CountAfter(const std::string& to, int64_t after_id) = 0;

  // Counts one more attempt. MarkSent: delivered at `at`. MarkFailed: failed with `error`,
  // to be tried again at `retry_at`. Abandon: failed with `error` for the last time at `at`.
  virtual core::Status MarkSent(int64_t id, core::Timestamp at) = 0;
  virtual core::Status MarkFailed(int64_t id, const std::string& error,
                                  core::Timestamp retry_at) = 0;
  virtual core::Status Abandon(int64_t id, const std::string& error, core::Timestamp at) = 0;

  // The id of the newest message `user` has seen in the portal; 0 when none.
  virtual core::Result<int64_t> SeenUpTo(core::UserId user) = 0;
  // Records that `user` has seen messages up to `message_id`; never moves the mark back.
  virtual core::Status MarkSeen(core::UserId user, int64_t message_id) = 0;
};

}  // namespace choral::store
