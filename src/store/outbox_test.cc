// The outbox on both backends: queued with the change, rolled back with it, marked sent.
#include "store/outbox.h"

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
    return tx.outbox().MarkFailed(pending->back().id, "SMTP 451 try again");
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

INSTANTIATE_TEST_SUITE_P(Backend, OutboxTest, ::testing::Values(BackendFromEnvironment()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace choral::store
