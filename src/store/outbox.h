// Outbox: e-mails to send, written in the same transaction as the change they announce, and
// sent later by a background job — so a notification is never sent for a change that rolled
// back, nor lost for one that committed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"

namespace choral::store {

struct OutboxMessage {
  int64_t id = 0;
  std::string to;            // e-mail address
  std::string template_key;  // message catalogue key of the mail, e.g. "mail.invoice_deposited"
  std::string params;        // JSON object of the values the template names
  core::Timestamp created_at{};
  std::optional<core::Timestamp> sent_at;
  int attempts = 0;
  std::string last_error;

  friend bool operator==(const OutboxMessage&, const OutboxMessage&) = default;
};

// Bound to one Transaction (see store.h); not thread-safe.
class Outbox {
 public:
  virtual ~Outbox() = default;

  // Queues a message (id, sent_at, attempts and last_error ignored); returns its id.
  virtual core::Result<int64_t> Enqueue(const OutboxMessage& message) = 0;

  // Messages not sent yet, oldest first, at most `limit`.
  virtual core::Result<std::vector<OutboxMessage>> Pending(int limit) = 0;

  // Every message to `to`, oldest first (what a person was told; tests read it).
  virtual core::Result<std::vector<OutboxMessage>> SentTo(const std::string& to) = 0;

  virtual core::Status MarkSent(int64_t id, core::Timestamp at) = 0;
  virtual core::Status MarkFailed(int64_t id, const std::string& error) = 0;
};

}  // namespace choral::store
