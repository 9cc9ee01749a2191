// The portal's notifications: one's own e-mails only, newest first, read once opened.
#include "platform/notification_inbox.h"

#include <gtest/gtest.h>

#include "platform/authentication.h"
#include "platform/demo_data.h"
#include "platform/mail_templates.h"
#include "platform/test_support.h"

namespace choral::platform {
namespace {

class NotificationInboxTest : public ::testing::Test {
 protected:
  NotificationInboxTest() : clock_(testing::At(1'795'000'000'000)), store_(clock_) {
    auto seeded = SeedDemoData(*store_, hasher_);
    EXPECT_TRUE(seeded);
    for (const auto& login : seeded->logins) passwords_[login.email] = login.password;
  }

  Actor LogIn(const std::string& email) {
    Authentication auth(*store_, clock_, hasher_);
    auto login = auth.Login({email, passwords_[email], "127.0.0.1"});
    EXPECT_TRUE(login) << email;
    return login ? login->actor : Actor{};
  }

  void Enqueue(const std::string& to, int64_t invoice_id, const std::string& status) {
    EXPECT_TRUE(store_->Write([&](store::Transaction& tx) -> core::Status {
      store::OutboxMessage m;
      m.to = to;
      m.template_key = std::string(kMailInvoiceStatus);
      m.params = nlohmann::json{
          {"invoice_id", invoice_id},
          {"invoice_number", "F-" + std::to_string(invoice_id)},
          {"status",
           status}}.dump();
      m.created_at = clock_.Now();
      clock_.Advance(std::chrono::minutes(1));
      return tx.outbox().Enqueue(m).map([](int64_t) {});
    }));
  }

  core::FixedClock clock_;
  testing::TempStore store_;
  PasswordHasher hasher_{PasswordHasher::Minimal()};
  std::map<std::string, std::string> passwords_;
};

TEST_F(NotificationInboxTest, ListsOnlyTheActorsOwnMessagesNewestFirstThenMarksThemRead) {
  const std::string marc = "marc.dubois@atelier-lumen.example";
  Enqueue(marc, 1, "SUSPENDUE");
  Enqueue("someone.else@example.fr", 2, "REJETEE");
  Enqueue(marc, 3, "MISE_EN_PAIEMENT");
  Actor actor = LogIn(marc);
  NotificationInbox inbox(*store_);
  EXPECT_EQ(inbox.UnreadCount(actor).value(), 2);

  auto list = inbox.Open(actor);
  ASSERT_TRUE(list) << list.error().ToString();
  ASSERT_EQ(list->items.size(), 2u);
  EXPECT_EQ(list->unread, 2);
  EXPECT_EQ(list->items[0].subject, "Facture F-3 : Mise en paiement");
  EXPECT_EQ(list->items[0].invoice_id, core::InvoiceId(3));
  EXPECT_TRUE(list->items[0].unread);
  EXPECT_EQ(list->items[1].subject, "Facture F-1 : Suspendue");
  EXPECT_LT(list->items[1].at, list->items[0].at);

  EXPECT_EQ(inbox.UnreadCount(actor).value(), 0);
  auto again = inbox.Open(actor);
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->items[0].unread);
  Enqueue(marc, 4, "REJETEE");
  EXPECT_EQ(inbox.UnreadCount(actor).value(), 1);
}

TEST_F(NotificationInboxTest, AnActorWithoutAUserHasNone) {
  NotificationInbox inbox(*store_);
  EXPECT_EQ(inbox.Open(Actor{}).error().code, core::ErrorCode::kPermissionDenied);
}

}  // namespace
}  // namespace choral::platform
