// AuditLog and Store::Verify on the backend the environment chooses (test_backend.h).
#include "store/audit_log.h"

#include <thread>

#include <gtest/gtest.h>

#include "store/test_backend.h"

namespace choral::store {
namespace {

class AuditLogTest : public StoreTestBase {
 protected:
  // Appends `n` events, one Write each, the clock moving a second between them.
  void AppendEvents(int n) {
    for (int i = 0; i < n; ++i) {
      clock_.Advance(std::chrono::seconds(1));
      ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
        auto event = tx.audit().Append("user:" + std::to_string(i), "structure.created",
                                       "structure:" + std::to_string(i),
                                       "{\"name\":\"n" + std::to_string(i) + "\"}");
        if (!event) return core::Fail(event.error());
        return core::Ok();
      }));
    }
  }

  VerifyReport MustVerify() {
    auto report = store_->Verify();
    EXPECT_TRUE(report.has_value()) << report.error().ToString();
    return report.value_or(VerifyReport{});
  }
};

TEST(AuditEventHashTest, EncodingIsUnambiguous) {
  AuditEvent a{1,
               core::Timestamp(std::chrono::milliseconds(5)),
               "ab",
               "c",
               "s",
               "{}",
               std::string(kAuditGenesisHash),
               ""};
  AuditEvent b = a;
  b.actor = "a";
  b.action = "bc";
  EXPECT_NE(AuditEventHash(a), AuditEventHash(b));
  AuditEvent c = a;
  c.hash = "ignored";
  EXPECT_EQ(AuditEventHash(a), AuditEventHash(c));
  c.at += std::chrono::milliseconds(1);
  EXPECT_NE(AuditEventHash(a), AuditEventHash(c));
}

TEST_P(AuditLogTest, AppendsAChain) {
  AuditEvent first;
  ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
    auto event = tx.audit().Append("cli", "user.created", "user:1", "{\"email\":\"a@b.fr\"}");
    if (!event) return core::Fail(event.error());
    first = *event;
    return core::Ok();
  }));
  EXPECT_EQ(first.sequence, 1);
  EXPECT_EQ(first.at, clock_.Now());
  EXPECT_EQ(first.previous_hash, std::string(kAuditGenesisHash));
  EXPECT_EQ(first.hash, AuditEventHash(first));
  AppendEvents(4);
  ASSERT_OK(store_->Read([&](Transaction& tx) -> core::Status {
    auto all = tx.audit().List(0, 100);
    EXPECT_TRUE(all.has_value());
    if (!all) return core::Ok();
    EXPECT_EQ(all->size(), 5u);
    EXPECT_EQ(all->front(), first);
    for (size_t i = 1; i < all->size(); ++i) {
      EXPECT_EQ((*all)[i].sequence, static_cast<int64_t>(i + 1));
      EXPECT_EQ((*all)[i].previous_hash, (*all)[i - 1].hash);
      EXPECT_EQ((*all)[i].hash, AuditEventHash((*all)[i]));
    }
    auto page = tx.audit().List(2, 2);
    EXPECT_TRUE(page.has_value() && page->size() == 2 && page->front().sequence == 3);
    return core::Ok();
  }));
  VerifyReport report = MustVerify();
  EXPECT_TRUE(report.ok) << report.first_problem;
  EXPECT_EQ(report.events_checked, 5);
}

TEST_P(AuditLogTest, ReadTransactionCannotAppend) {
  auto status = store_->Read([&](Transaction& tx) -> core::Status {
    auto event = tx.audit().Append("cli", "x", "y", "{}");
    if (!event) return core::Fail(event.error());
    return core::Ok();
  });
  EXPECT_FALSE(status.has_value());
}

TEST_P(AuditLogTest, VerifyDetectsAnEditedEvent) {
  AppendEvents(5);
  *RawSession() << "UPDATE audit_events SET actor = 'user:666' WHERE sequence = 3";
  VerifyReport report = MustVerify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_problem, "audit event 3: hash does not match its content");
  EXPECT_EQ(report.events_checked, 3);
}

TEST_P(AuditLogTest, VerifyDetectsAnEditWhoseHashWasRecomputed) {
  AppendEvents(5);
  auto raw = RawSession();
  std::vector<AuditEvent> events;
  ASSERT_OK(store_->Read([&](Transaction& tx) -> core::Status {
    events = *tx.audit().List(0, 10);
    return core::Ok();
  }));
  AuditEvent forged = events[2];
  forged.details = "{\"name\":\"forged\"}";
  forged.hash = AuditEventHash(forged);
  *raw << "UPDATE audit_events SET details = :d, hash = :h WHERE sequence = 3",
      soci::use(forged.details), soci::use(forged.hash);
  VerifyReport report = MustVerify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_problem, "audit event 4: previous_hash does not match event 3");
}

TEST_P(AuditLogTest, VerifyDetectsADeletedEvent) {
  AppendEvents(5);
  *RawSession() << "DELETE FROM audit_events WHERE sequence = 3";
  VerifyReport report = MustVerify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_problem, "audit sequence jumps from 2 to 4");
}

TEST_P(AuditLogTest, VerifyDetectsTheLastEventDeleted) {
  AppendEvents(5);
  *RawSession() << "DELETE FROM audit_events WHERE sequence = 5";
  VerifyReport report = MustVerify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_problem, "audit chain ends at event 4 but its head records event 5");
}

TEST_P(AuditLogTest, VerifyDetectsReorderedEvents) {
  AppendEvents(5);
  auto raw = RawSession();
  *raw << "UPDATE audit_events SET sequence = -1 WHERE sequence = 2";
  *raw << "UPDATE audit_events SET sequence = 2 WHERE sequence = 4";
  *raw << "UPDATE audit_events SET sequence = 4 WHERE sequence = -1";
  VerifyReport report = MustVerify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_problem, "audit event 2: hash does not match its content");
}

TEST_P(AuditLogTest, ConcurrentAppendsNeverFork) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        EXPECT_OK(store_->Write([&](Transaction& tx) -> core::Status {
          auto event = tx.audit().Append("user:" + std::to_string(t), "ping", "thread", "{}");
          if (!event) return core::Fail(event.error());
          return core::Ok();
        }));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  VerifyReport report = MustVerify();
  EXPECT_TRUE(report.ok) << report.first_problem;
  EXPECT_EQ(report.events_checked, 120);
}

INSTANTIATE_TEST_SUITE_P(Backend, AuditLogTest, ::testing::Values(BackendFromEnvironment()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace choral::store
