// The outbox on both backends: queued with the change, rolled back with it, claimed by one
// sender at a time, marked sent, retried or given up; and each person's read mark.
#include "store/outbox.h"

#include <condition_variable>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

#include "store/store.h"
#include "store/test_backend.h"

namespace choral::store {
namespace {

class OutboxTest : public StoreTestBase {
 protected:
  OutboxMessage Message(const std::string& to, const std::string& key) {
    OutboxMessage m;
    m.to = to;
    m.template_key = key;
    m.params = R"({"invoice_number":"F-1"})";
    m.created_at = clock_.Now();
    return m;
  }
};

TEST_P(OutboxTest, QueuedMessagesArePendingUntilSent) {
  int64_t first = 0;
  ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
    auto id = tx.outbox().Enqueue(Message("claire@numerique.example", "mail.invoice_deposited"));
    if (!id) return core::Fail(id.error());
    first = *id;
    auto second = tx.outbox().Enqueue(Message("marc@lumen.example", "mail.invoice_status"));
    if (!second) return core::Fail(second.error());
    return core::Ok();
  }));
  ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
    auto pending = tx.outbox().Pending(10);
    if (!pending) return core::Fail(pending.error());
    EXPECT_EQ(pending->size(), 2u);
    EXPECT_EQ(pending->front().template_key, "mail.invoice_deposited");
    EXPECT_EQ(pending->front().params, R"({"invoice_number":"F-1"})");
    if (auto sent = tx.outbox().MarkSent(first, clock_.Now()); !sent) return sent;
    return tx.outbox().MarkFailed(pending->back().id, "SMTP 451 try again", clock_.Now());
  }));
  ASSERT_OK(store_->Read([&](Transaction& tx) -> core::Status {
    auto pending = tx.outbox().Pending(10);
    if (!pending) return core::Fail(pending.error());
    EXPECT_EQ(pending->size(), 1u);
    EXPECT_EQ(pending->front().attempts, 1);
    EXPECT_EQ(pending->front().last_error, "SMTP 451 try again");
    auto to_claire = tx.outbox().SentTo("claire@numerique.example");
    if (!to_claire) return core::Fail(to_claire.error());
    EXPECT_EQ(to_claire->size(), 1u);
    EXPECT_TRUE(to_claire->front().sent_at.has_value());
    return core::Ok();
  }));
}

TEST_P(OutboxTest, AMessageRollsBackWithItsChange) {
  auto failed = store_->Write([&](Transaction& tx) -> core::Status {
    auto id = tx.outbox().Enqueue(Message("claire@numerique.example", "mail.invoice_deposited"));
    if (!id) return core::Fail(id.error());
    return core::Fail(core::ErrorCode::kConflict, "the change it announced failed");
  });
  ASSERT_FALSE(failed);
  ASSERT_OK(store_->Read([&](Transaction& tx) -> core::Status {
    EXPECT_TRUE(tx.outbox().Pending(10).value().empty());
    EXPECT_FALSE(tx.outbox().Enqueue(Message("x@example.fr", "k")));  // read-only
    return core::Ok();
  }));
}

TEST_P(OutboxTest, AClaimedMessageIsLeasedUntilSentRetriedOrGivenUp) {
  using std::chrono::minutes;
  std::vector<int64_t> ids;
  ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
    for (const char* to : {"a@x.example", "b@x.example", "c@x.example"}) {
      auto id = tx.outbox().Enqueue(Message(to, "mail.invoice_status"));
      if (!id) return core::Fail(id.error());
      ids.push_back(*id);
    }
    return core::Ok();
  }));
  const core::Timestamp now = clock_.Now();
  std::vector<OutboxMessage> first;
  ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
    auto claimed = tx.outbox().Claim(now, now + minutes(5), 2);
    if (!claimed) return core::Fail(claimed.error());
    first = *claimed;
    return core::Ok();
  }));
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].id, ids[0]);
  EXPECT_EQ(first[1].id, ids[1]);
  EXPECT_EQ(first[0].next_attempt_at, now + minutes(5));
  ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
    // Leased: only the third is left to claim.
    auto again = tx.outbox().Claim(now, now + minutes(5), 10);
    if (!again) return core::Fail(again.error());
    EXPECT_EQ(again->size(), 1u);
    if (!again->empty()) {
      EXPECT_EQ(again->front().id, ids[2]);
    }
    if (auto s = tx.outbox().MarkSent(ids[0], now); !s) return s;
    if (auto s = tx.outbox().MarkFailed(ids[1], "RCPT refused", now + minutes(1)); !s) return s;
    return tx.outbox().Abandon(ids[2], "RCPT refused", now);
  }));
  ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
    auto early = tx.outbox().Claim(now + std::chrono::seconds(59), now + minutes(10), 10);
    if (!early) return core::Fail(early.error());
    EXPECT_TRUE(early->empty()) << "the retry is not due yet";
    auto due = tx.outbox().Claim(now + minutes(1), now + minutes(10), 10);
    if (!due) return core::Fail(due.error());
    EXPECT_EQ(due->size(), 1u);
    if (due->empty()) return core::Ok();
    EXPECT_EQ(due->front().id, ids[1]);
    EXPECT_EQ(due->front().attempts, 1);
    EXPECT_EQ(due->front().last_error, "RCPT refused");
    return core::Ok();
  }));
  ASSERT_OK(store_->Read([&](Transaction& tx) -> core::Status {
    auto pending = tx.outbox().Pending(10);
    if (!pending) return core::Fail(pending.error());
    EXPECT_EQ(pending->size(), 1u) << "sent and abandoned messages are no longer pending";
    auto to_c = tx.outbox().SentTo("c@x.example");
    if (!to_c) return core::Fail(to_c.error());
    EXPECT_EQ(to_c->front().abandoned_at, now);
    EXPECT_EQ(to_c->front().last_error, "RCPT refused");
    EXPECT_FALSE(tx.outbox().Claim(now, now, 1)) << "claiming writes";
    return core::Ok();
  }));
}

TEST_P(OutboxTest, TwoSendersClaimingAtOnceNeverGetTheSameMessage) {
  // SQLite's single writer serialises claims by construction; PostgreSQL needs SKIP LOCKED.
  if (!postgres()) GTEST_SKIP() << "one writer at a time on SQLite";
  ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
    for (const char* to : {"a@x.example", "b@x.example"}) {
      if (auto id = tx.outbox().Enqueue(Message(to, "mail.invoice_status")); !id) {
        return core::Fail(id.error());
      }
    }
    return core::Ok();
  }));
  const core::Timestamp now = clock_.Now();
  std::mutex mutex;
  std::condition_variable changed;
  bool first_claimed = false, second_done = false;
  std::vector<OutboxMessage> first, second;
  // The first sender keeps its transaction open until the second has claimed.
  std::thread holder([&] {
    EXPECT_OK(store_->Write([&](Transaction& tx) -> core::Status {
      auto claimed = tx.outbox().Claim(now, now + std::chrono::minutes(5), 1);
      if (!claimed) return core::Fail(claimed.error());
      first = *claimed;
      std::unique_lock lock(mutex);
      first_claimed = true;
      changed.notify_all();
      EXPECT_TRUE(changed.wait_for(lock, std::chrono::seconds(20), [&] { return second_done; }))
          << "the second claim waited for the first transaction instead of skipping its row";
      return core::Ok();
    }));
  });
  {
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return first_claimed; });
  }
  EXPECT_OK(store_->Write([&](Transaction& tx) -> core::Status {
    auto claimed = tx.outbox().Claim(now, now + std::chrono::minutes(5), 10);
    if (!claimed) return core::Fail(claimed.error());
    second = *claimed;
    return core::Ok();
  }));
  {
    std::lock_guard lock(mutex);
    second_done = true;
    changed.notify_all();
  }
  holder.join();
  ASSERT_EQ(first.size(), 1u);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_NE(first.front().id, second.front().id);
}

TEST_P(OutboxTest, NotificationsAreListedNewestFirstWithAReadMark) {
  core::UserId claire;
  ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
    accounts::User user;
    user.email = "claire@numerique.example";
    user.first_name = "Claire";
    user.created_at = clock_.Now();
    user.password_hash = "x";
    auto id = tx.users().Insert(user);
    if (!id) return core::Fail(id.error());
    claire = *id;
    for (const char* to :
         {"claire@numerique.example", "marc@lumen.example", "claire@numerique.example"}) {
      if (auto queued = tx.outbox().Enqueue(Message(to, "mail.invoice_status")); !queued) {
        return core::Fail(queued.error());
      }
    }
    return core::Ok();
  }));
  int64_t newest = 0;
  ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
    auto latest = tx.outbox().Latest("claire@numerique.example", 10);
    if (!latest) return core::Fail(latest.error());
    EXPECT_EQ(latest->size(), 2u);
    EXPECT_GT(latest->front().id, latest->back().id);
    newest = latest->front().id;
    EXPECT_EQ(tx.outbox().SeenUpTo(claire).value(), 0);
    EXPECT_EQ(tx.outbox().CountAfter("claire@numerique.example", 0).value(), 2);
    if (auto s = tx.outbox().MarkSeen(claire, newest); !s) return s;
    return tx.outbox().MarkSeen(claire, 1);  // an older page's mark does not move it back
  }));
  ASSERT_OK(store_->Read([&](Transaction& tx) -> core::Status {
    EXPECT_EQ(tx.outbox().SeenUpTo(claire).value(), newest);
    EXPECT_EQ(tx.outbox().CountAfter("claire@numerique.example", newest).value(), 0);
    EXPECT_EQ(tx.outbox().Latest("claire@numerique.example", 1).value().size(), 1u);
    return core::Ok();
  }));
}

INSTANTIATE_TEST_SUITE_P(Backend, OutboxTest, ::testing::Values(BackendFromEnvironment()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace choral::store
