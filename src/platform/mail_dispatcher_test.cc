// MailDispatcher on a real store (SQLite, or PostgreSQL under platform_pgtest) with a sender
// that records what it is given and fails when told to.
#include "platform/mail_dispatcher.h"

#include <gtest/gtest.h>

#include "platform/mail_templates.h"
#include "platform/test_support.h"

namespace choral::platform {
namespace {

class RecordingSender final : public mail::MailSender {
 public:
  core::Status Send(const mail::Message& message) override {
    if (failures_left > 0) {
      --failures_left;
      return core::Fail(failure_code, "RCPT refused: 450 mailbox busy");
    }
    sent.push_back(message);
    return core::Ok();
  }
  std::vector<mail::Message> sent;
  int failures_left = 0;
  core::ErrorCode failure_code = core::ErrorCode::kUnavailable;
};

class MailDispatcherTest : public ::testing::Test {
 protected:
  MailDispatcherTest() : clock_(testing::At(1'795'000'000'000)), store_(clock_) {
    options_.from_address = "noreply@choral.example";
    options_.public_url = "https://choral.example";
    options_.retry_delay = std::chrono::seconds(60);
    options_.max_attempts = 3;
  }

  int64_t Enqueue(const std::string& key, const nlohmann::json& params) {
    int64_t id = 0;
    EXPECT_TRUE(store_->Write([&](store::Transaction& tx) -> core::Status {
      store::OutboxMessage m;
      m.to = "marc.dubois@atelier-lumen.example";
      m.template_key = key;
      m.params = params.dump();
      m.created_at = clock_.Now();
      auto queued = tx.outbox().Enqueue(m);
      if (!queued) return core::Fail(queued.error());
      id = *queued;
      return core::Ok();
    }));
    return id;
  }

  store::OutboxMessage Row(int64_t id) {
    store::OutboxMessage found;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> core::Status {
      auto rows = tx.outbox().SentTo("marc.dubois@atelier-lumen.example");
      if (!rows) return core::Fail(rows.error());
      for (const auto& row : *rows) {
        if (row.id == id) found = row;
      }
      return core::Ok();
    }));
    return found;
  }

  DispatchReport Run(MailDispatcher& dispatcher) {
    auto report = dispatcher.RunOnce();
    EXPECT_TRUE(report) << report.error().ToString();
    return report ? *report : DispatchReport{};
  }

  const nlohmann::json kStatus = {
      {"invoice_id", 7}, {"invoice_number", "FAC-2026-0007"}, {"status", "REJETEE"}};
  core::FixedClock clock_;
  testing::TempStore store_;
  RecordingSender sender_;
  MailDispatchOptions options_;
};

TEST_F(MailDispatcherTest, SendsADueMessageRenderedFromItsTemplateAndMarksItSent) {
  int64_t id = Enqueue(std::string(kMailInvoiceStatus), kStatus);
  MailDispatcher dispatcher(*store_, clock_, sender_, options_);
  DispatchReport report = Run(dispatcher);
  EXPECT_EQ(report.claimed, 1);
  EXPECT_EQ(report.sent, 1);
  ASSERT_EQ(sender_.sent.size(), 1u);
  const mail::Message& sent = sender_.sent.front();
  EXPECT_EQ(sent.from_address, "noreply@choral.example");
  EXPECT_EQ(sent.from_name, "Choral");
  EXPECT_EQ(sent.to, "marc.dubois@atelier-lumen.example");
  EXPECT_EQ(sent.subject, "Facture FAC-2026-0007 : Rejetée");
  EXPECT_NE(sent.body.find("https://choral.example/factures/7"), std::string::npos);
  EXPECT_EQ(sent.message_id,
            "<choral.outbox." + std::to_string(id) + ".1795000000000@choral.example>");
  EXPECT_EQ(Row(id).sent_at, clock_.Now());
  EXPECT_EQ(Run(dispatcher).claimed, 0) << "a sent message is not sent again";
}

TEST_F(MailDispatcherTest, AFailureIsRecordedAndRetriedLaterWithAGrowingDelay) {
  int64_t id = Enqueue(std::string(kMailInvoiceStatus), kStatus);
  sender_.failures_left = 2;
  MailDispatcher dispatcher(*store_, clock_, sender_, options_);
  DispatchReport first = Run(dispatcher);
  EXPECT_EQ(first.retried, 1);
  ASSERT_EQ(first.errors.size(), 1u);
  EXPECT_NE(first.errors.front().find("RCPT refused"), std::string::npos);
  store::OutboxMessage row = Row(id);
  EXPECT_EQ(row.attempts, 1);
  EXPECT_EQ(row.last_error, "RCPT refused: 450 mailbox busy");
  EXPECT_EQ(row.next_attempt_at, clock_.Now() + std::chrono::seconds(60));

  EXPECT_EQ(Run(dispatcher).claimed, 0) << "not due before its retry time";
  clock_.Advance(std::chrono::seconds(60));
  EXPECT_EQ(Run(dispatcher).retried, 1);
  EXPECT_EQ(Row(id).next_attempt_at, clock_.Now() + std::chrono::seconds(120));
  clock_.Advance(std::chrono::seconds(120));
  EXPECT_EQ(Run(dispatcher).sent, 1);
  EXPECT_EQ(Row(id).attempts, 3);
  EXPECT_TRUE(Row(id).sent_at.has_value());
}

TEST_F(MailDispatcherTest, GivesUpAfterMaxAttemptsAndKeepsTheRow) {
  int64_t id = Enqueue(std::string(kMailInvoiceStatus), kStatus);
  sender_.failures_left = 100;
  MailDispatcher dispatcher(*store_, clock_, sender_, options_);
  for (int i = 0; i < 3; ++i) {
    Run(dispatcher);
    clock_.Advance(std::chrono::hours(2));
  }
  store::OutboxMessage row = Row(id);
  EXPECT_EQ(row.attempts, 3);
  EXPECT_TRUE(row.abandoned_at.has_value());
  EXPECT_FALSE(row.sent_at.has_value());
  EXPECT_EQ(row.last_error, "RCPT refused: 450 mailbox busy");
  EXPECT_EQ(Run(dispatcher).claimed, 0);
}

TEST_F(MailDispatcherTest, AMessageThatCannotBeBuiltIsGivenUpAtOnce) {
  int64_t unknown = Enqueue("mail.nothing", nlohmann::json::object());
  MailDispatcher dispatcher(*store_, clock_, sender_, options_);
  DispatchReport report = Run(dispatcher);
  EXPECT_EQ(report.abandoned, 1);
  EXPECT_TRUE(sender_.sent.empty());
  EXPECT_TRUE(Row(unknown).abandoned_at.has_value());
  EXPECT_EQ(Row(unknown).last_error, "no mail template \"mail.nothing\"");
}

TEST_F(MailDispatcherTest, RetryDelaysDoubleUpToTheCap) {
  options_.retry_delay = std::chrono::seconds(30);
  options_.max_retry_delay = std::chrono::seconds(100);
  MailDispatcher dispatcher(*store_, clock_, sender_, options_);
  EXPECT_EQ(dispatcher.RetryDelay(1).count(), 30);
  EXPECT_EQ(dispatcher.RetryDelay(2).count(), 60);
  EXPECT_EQ(dispatcher.RetryDelay(3).count(), 100);
  EXPECT_EQ(dispatcher.RetryDelay(50).count(), 100);
}

}  // namespace
}  // namespace choral::platform
