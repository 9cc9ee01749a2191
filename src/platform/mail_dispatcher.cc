#include "platform/mail_dispatcher.h"

#include <nlohmann/json.hpp>

#include "platform/mail_templates.h"

namespace choral::platform {
namespace {

// "<choral.outbox.12.1795000000000@choral.example>": the same on every try, so that a receiver
// may drop a copy sent again after a lease ran out.
std::string MessageId(const store::OutboxMessage& row, const std::string& from_address) {
  std::string domain = from_address.substr(from_address.find('@') + 1);
  return "<choral.outbox." + std::to_string(row.id) + "." +
         std::to_string(row.created_at.time_since_epoch().count()) + "@" + domain + ">";
}

}  // namespace

MailDispatcher::MailDispatcher(store::Store& store, const core::Clock& clock,
                               mail::MailSender& sender, MailDispatchOptions options)
    : store_(store), clock_(clock), sender_(sender), options_(std::move(options)) {}

std::chrono::seconds MailDispatcher::RetryDelay(int attempts) const {
  std::chrono::seconds delay = options_.retry_delay;
  for (int i = 1; i < attempts && delay < options_.max_retry_delay; ++i) delay *= 2;
  return std::min(delay, options_.max_retry_delay);
}

core::Result<DispatchReport> MailDispatcher::RunOnce() const {
  DispatchReport report;
  std::vector<store::OutboxMessage> claimed;
  const core::Timestamp now = clock_.Now();
  auto took = store_.Write([&](store::Transaction& tx) -> core::Status {
    auto rows = tx.outbox().Claim(now, now + options_.lease, options_.batch_size);
    if (!rows) return core::Fail(rows.error());
    claimed = std::move(*rows);
    return core::Ok();
  });
  if (!took) return core::Fail(took.error());
  report.claimed = static_cast<int>(claimed.size());

  for (const store::OutboxMessage& row : claimed) {
    // A message that cannot be built will not build better later: give it up at once.
    core::Status sent = [&]() -> core::Status {
      nlohmann::json params = nlohmann::json::parse(row.params, nullptr, false);
      auto text = RenderMail(row.template_key, params, options_.public_url);
      if (!text) return core::Fail(core::ErrorCode::kInvalidArgument, text.error().message);
      mail::Message message;
      message.from_address = options_.from_address;
      message.from_name = options_.from_name;
      message.to = row.to;
      message.subject = std::move(text->subject);
      message.body = std::move(text->body);
      message.date = clock_.Now();
      message.message_id = MessageId(row, options_.from_address);
      return sender_.Send(message);
    }();

    // Recorded message by message: a crash loses at most the outcome of the one being sent.
    const core::Timestamp done = clock_.Now();
    const int attempts = row.attempts + 1;
    const bool abandoned = !sent && (sent.error().code == core::ErrorCode::kInvalidArgument ||
                                     attempts >= options_.max_attempts);
    auto recorded = store_.Write([&](store::Transaction& tx) -> core::Status {
      if (sent) return tx.outbox().MarkSent(row.id, done);
      if (abandoned) return tx.outbox().Abandon(row.id, sent.error().message, done);
      return tx.outbox().MarkFailed(row.id, sent.error().message, done + RetryDelay(attempts));
    });
    if (!recorded) return core::Fail(recorded.error());
    if (sent) {
      ++report.sent;
      continue;
    }
    ++(abandoned ? report.abandoned : report.retried);
    report.errors.push_back("outbox " + std::to_string(row.id) + " to " + row.to + ": " +
                            sent.error().message);
  }
  return report;
}

}  // namespace choral::platform
