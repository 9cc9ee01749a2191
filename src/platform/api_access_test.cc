#include "platform/api_access.h"

#include <gtest/gtest.h>

#include "platform/authentication.h"
#include "platform/demo_data.h"
#include "platform/mail_templates.h"
#include "platform/test_support.h"
#include "store/sha256.h"

namespace choral::platform {
namespace {

using std::chrono::hours;
using std::chrono::seconds;

class ApiAccessTest : public ::testing::Test {
 protected:
  ApiAccessTest()
      : clock_(testing::At(1'790'000'000'000)),
        store_(clock_),
        hasher_(PasswordHasher::Minimal()),
        access_(*store_, clock_, hasher_) {
    EXPECT_TRUE(SeedDemoData(*store_, hasher_));
    manager_ = ActorOf("claire.martin@numerique.example");     // main manager, ministry
    secondary_ = ActorOf("hugo.bernard@numerique.example");    // secondary manager, ministry
    user_ = ActorOf("ines.petit@numerique.example");           // simple user, ministry
    supplier_ = ActorOf("marc.dubois@atelier-lumen.example");  // manager elsewhere
    ministry_ = manager_.structures.at(0).id;
  }

  Actor ActorOf(const std::string& email) {
    Actor actor;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> core::Status {
      auto user = tx.users().FindByEmail(email);
      if (!user || !*user) return core::Fail(core::ErrorCode::kNotFound, email);
      auto loaded = LoadActor(tx, (*user)->id);
      if (!loaded) return core::Fail(loaded.error());
      actor = *loaded;
      return core::Ok();
    }));
    return actor;
  }

  // Everything the store holds for the API credentials, as text: no secret may be in it.
  std::string StoredText() {
    std::string text;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> core::Status {
      auto clients = tx.api_credentials().ListClients(ministry_);
      auto accounts = tx.api_credentials().ListTechnicalAccounts(ministry_);
      auto events = tx.audit().List(0, 1000);
      if (!clients || !accounts || !events) return core::Fail(core::ErrorCode::kInternal, "read");
      for (const auto& c : *clients) text += c.client_id + c.secret_sha256 + c.label;
      for (const auto& a : *accounts) text += a.login + a.password_hash;
      for (const auto& e : *events) text += e.details;
      return core::Ok();
    }));
    return text;
  }

  core::FixedClock clock_;
  testing::TempStore store_;
  PasswordHasher hasher_;
  ApiAccess access_;
  Actor manager_, secondary_, user_, supplier_;
  core::StructureId ministry_;
};

TEST_F(ApiAccessTest, OnlyManagersOfTheStructureManageItsAccess) {
  EXPECT_TRUE(access_.CreateClient(manager_, ministry_, "ERP"));
  EXPECT_TRUE(access_.CreateTechnicalAccount(secondary_, ministry_, "erp-ministere"));
  for (const Actor* who : {&user_, &supplier_}) {
    EXPECT_EQ(access_.List(*who, ministry_).error().code, core::ErrorCode::kPermissionDenied);
    EXPECT_EQ(access_.CreateClient(*who, ministry_, "x").error().code,
              core::ErrorCode::kPermissionDenied);
    EXPECT_EQ(access_.CreateTechnicalAccount(*who, ministry_, "pirate").error().code,
              core::ErrorCode::kPermissionDenied);
  }
  auto listed = access_.List(manager_, ministry_);
  ASSERT_TRUE(listed) << listed.error().ToString();
  ASSERT_EQ(listed->clients.size(), 1u);
  ASSERT_EQ(listed->technical_accounts.size(), 1u);
  EXPECT_EQ(access_.RevokeClient(user_, listed->clients[0].id).error().code,
            core::ErrorCode::kPermissionDenied);
  EXPECT_EQ(access_.RotatePassword(supplier_, listed->technical_accounts[0].id).error().code,
            core::ErrorCode::kPermissionDenied);
  EXPECT_EQ(access_.RevokeClient(manager_, 999).error().code, core::ErrorCode::kNotFound);
}

TEST_F(ApiAccessTest, SecretsAreShownOnceAndNeverStoredInClear) {
  auto client = access_.CreateClient(manager_, ministry_, "ERP comptable");
  ASSERT_TRUE(client) << client.error().ToString();
  EXPECT_EQ(client->secret.size(), 64u);  // 256 bits
  auto account = access_.CreateTechnicalAccount(manager_, ministry_, "ERP-Ministere");
  ASSERT_TRUE(account) << account.error().ToString();
  EXPECT_EQ(account->account.login, "erp-ministere");
  EXPECT_EQ(account->account.password_expires_at, clock_.Now() + hours(24 * 365));
  auto token = access_.IssueToken(client->client.client_id, client->secret, "10.0.0.1");
  ASSERT_TRUE(token) << token.error().ToString();

  std::string stored = StoredText();
  EXPECT_EQ(stored.find(client->secret), std::string::npos);
  EXPECT_EQ(stored.find(account->password), std::string::npos);
  EXPECT_EQ(stored.find(token->access_token), std::string::npos);
  EXPECT_NE(stored.find(store::Sha256Hex(client->secret)), std::string::npos);
  std::string hash;
  ASSERT_TRUE(store_->Read([&](store::Transaction& tx) -> core::Status {
    auto stored_account = tx.api_credentials().GetTechnicalAccount(account->account.id);
    if (!stored_account) return core::Fail(stored_account.error());
    hash = stored_account->password_hash;
    return core::Ok();
  }));
  EXPECT_TRUE(hasher_.Verify(account->password, hash));

  EXPECT_EQ(access_.CreateTechnicalAccount(manager_, ministry_, "erp-ministere").error().code,
            core::ErrorCode::kAlreadyExists);
  EXPECT_EQ(access_.CreateTechnicalAccount(manager_, ministry_, "a b").error().code,
            core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(access_.CreateClient(manager_, ministry_, "  ").error().code,
            core::ErrorCode::kInvalidArgument);
}

TEST_F(ApiAccessTest, TokensActForTheStructureUntilTheyExpire) {
  auto client = access_.CreateClient(manager_, ministry_, "ERP");
  ASSERT_TRUE(client);
  auto token = access_.IssueToken(client->client.client_id, client->secret, "10.0.0.1");
  ASSERT_TRUE(token);
  EXPECT_EQ(token->expires_in, 600);
  auto actor = access_.AuthenticateBearer(token->access_token);
  ASSERT_TRUE(actor) << actor.error().ToString();
  EXPECT_EQ(actor->api_client, client->client.client_id);
  ASSERT_EQ(actor->structures.size(), 1u);
  EXPECT_EQ(actor->structures[0].id, ministry_);
  EXPECT_EQ(actor->structures[0].role, accounts::Role::kUser);
  // A token cannot manage API access, even of its own structure.
  EXPECT_EQ(access_.CreateClient(*actor, ministry_, "x").error().code,
            core::ErrorCode::kPermissionDenied);

  clock_.Advance(seconds(599));
  EXPECT_TRUE(access_.AuthenticateBearer(token->access_token));
  clock_.Advance(seconds(1));
  EXPECT_EQ(access_.AuthenticateBearer(token->access_token).error().code,
            core::ErrorCode::kPermissionDenied);
  EXPECT_FALSE(access_.AuthenticateBearer("not a token"));
  EXPECT_FALSE(access_.AuthenticateBearer(std::string(64, 'a')));
}

TEST_F(ApiAccessTest, RevokedOrWrongCredentialsAreRefusedAlike) {
  auto client = access_.CreateClient(manager_, ministry_, "ERP");
  ASSERT_TRUE(client);
  auto token = access_.IssueToken(client->client.client_id, client->secret, "10.0.0.1");
  ASSERT_TRUE(token);
  auto wrong = access_.IssueToken(client->client.client_id, client->secret + "x", "10.0.0.1");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, core::ErrorCode::kPermissionDenied);
  auto unknown = access_.IssueToken("choral-nobody", client->secret, "10.0.0.1");
  EXPECT_EQ(unknown.error().message, wrong.error().message);

  ASSERT_TRUE(access_.RevokeClient(manager_, client->client.id));
  ASSERT_TRUE(access_.RevokeClient(manager_, client->client.id));  // idempotent
  EXPECT_FALSE(access_.AuthenticateBearer(token->access_token));   // at once
  auto revoked = access_.IssueToken(client->client.client_id, client->secret, "10.0.0.1");
  EXPECT_EQ(revoked.error().message, wrong.error().message);
  auto listed = access_.List(manager_, ministry_);
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->clients.at(0).revoked);
}

TEST_F(ApiAccessTest, FailuresFromOneAddressAreThrottled) {
  auto client = access_.CreateClient(manager_, ministry_, "ERP");
  ASSERT_TRUE(client);
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(access_.IssueToken(client->client.client_id, "guess", "10.6.6.6").error().code,
              core::ErrorCode::kPermissionDenied);
  }
  EXPECT_EQ(access_.IssueToken(client->client.client_id, client->secret, "10.6.6.6").error().code,
            core::ErrorCode::kResourceExhausted);
  EXPECT_TRUE(access_.IssueToken(client->client.client_id, client->secret, "10.0.0.2"));
  clock_.Advance(std::chrono::minutes(15));
  EXPECT_TRUE(access_.IssueToken(client->client.client_id, client->secret, "10.6.6.6"));
}

TEST_F(ApiAccessTest, PasswordsRotateAndTheirExpiryIsRemindedOnce) {
  auto account = access_.CreateTechnicalAccount(manager_, ministry_, "erp");
  ASSERT_TRUE(account);
  auto reminded = access_.RemindExpiringPasswords();
  ASSERT_TRUE(reminded) << reminded.error().ToString();
  EXPECT_EQ(*reminded, 0);

  clock_.Advance(hours(24 * (365 - 15) + 1));
  reminded = access_.RemindExpiringPasswords();
  ASSERT_TRUE(reminded) << reminded.error().ToString();
  EXPECT_EQ(*reminded, 1);
  EXPECT_EQ(*access_.RemindExpiringPasswords(), 0);  // once per password
  std::vector<std::string> to;
  ASSERT_TRUE(store_->Read([&](store::Transaction& tx) -> core::Status {
    auto pending = tx.outbox().Pending(100);
    if (!pending) return core::Fail(pending.error());
    for (const auto& m : *pending) {
      if (m.template_key == kMailTechnicalPasswordExpiring) to.push_back(m.to);
    }
    return core::Ok();
  }));
  // The two managers, not the simple user.
  EXPECT_EQ(to, (std::vector<std::string>{"claire.martin@numerique.example",
                                          "hugo.bernard@numerique.example"}));

  auto rotated = access_.RotatePassword(secondary_, account->account.id);
  ASSERT_TRUE(rotated) << rotated.error().ToString();
  EXPECT_NE(rotated->password, account->password);
  EXPECT_EQ(rotated->account.password_expires_at, clock_.Now() + hours(24 * 365));
  ASSERT_TRUE(access_.RevokeTechnicalAccount(manager_, account->account.id));
  EXPECT_EQ(access_.RotatePassword(manager_, account->account.id).error().code,
            core::ErrorCode::kConflict);
  auto mail =
      RenderMail(kMailTechnicalPasswordExpiring,
                 {{"login", "erp"}, {"structure", "Ministère"}, {"expires_on", "01/02/2027"}}, "");
  ASSERT_TRUE(mail) << mail.error().ToString();
  EXPECT_NE(mail->body.find("expire le 01/02/2027"), std::string::npos);
}

}  // namespace
}  // namespace choral::platform
