// MailDispatcher: sends the outbox. Each pass claims the messages that are due (a lease, so that
// several `choral serve` processes on one PostgreSQL database never send one message twice),
// renders each from mail_templates.h, hands it to a MailSender, and records the outcome: sent,
// failed and retried later with a growing delay, or given up after max_attempts (the row stays,
// with its last error).
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "mail/mail_sender.h"
#include "store/store.h"

namespace choral::platform {

struct MailDispatchOptions {
  std::string from_address;          // envelope sender and From:, required
  std::string from_name = "Choral";  // From: display name
  std::string public_url;            // base of the links in mails, "https://choral.example"
  int batch_size = 20;               // messages claimed per pass
  // How long a claimed message is left to its sender before others may take it: longer than a
  // send can last (SmtpOptions::timeout), or a slow send could be doubled.
  std::chrono::seconds lease{300};
  std::chrono::seconds retry_delay{60};        // after the first failure; doubles each time
  std::chrono::seconds max_retry_delay{3600};  // the doubling stops here
  int max_attempts = 8;                        // then the message is given up
};

struct DispatchReport {
  int claimed = 0;
  int sent = 0;
  int retried = 0;                  // failed, to be tried again
  int abandoned = 0;                // failed for the last time, or cannot be built at all
  std::vector<std::string> errors;  // "outbox 12 to a@b.fr: <why>", one per failure
};

// Thread-safe if `sender` is; references must outlive the dispatcher.
class MailDispatcher {
 public:
  MailDispatcher(store::Store& store, const core::Clock& clock, mail::MailSender& sender,
                 MailDispatchOptions options);

  // One pass over at most batch_size due messages. An error only when the store fails; what
  // happened to each message is in the report and in its outbox row.
  core::Result<DispatchReport> RunOnce() const;

  // Delay before retrying a message that has failed `attempts` times (>= 1).
  std::chrono::seconds RetryDelay(int attempts) const;

  const MailDispatchOptions& options() const { return options_; }

 private:
  store::Store& store_;
  const core::Clock& clock_;
  mail::MailSender& sender_;
  MailDispatchOptions options_;
};

}  // namespace choral::platform
