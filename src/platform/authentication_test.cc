#include "platform/authentication.h"

#include <gtest/gtest.h>

#include "platform/test_support.h"
#include "store/sha256.h"

namespace choral::platform {
namespace {

using testing::At;

class AuthenticationTest : public ::testing::Test {
 protected:
  AuthenticationTest()
      : clock_(At(1'790'000'000'000)),
        store_(clock_),
        hasher_(PasswordHasher::Minimal()),
        auth_(*store_, clock_, hasher_, Options()) {
    auto written = store_->Write([&](store::Transaction& tx) -> core::Status {
      directory::Structure structure;
      structure.identifier = "83412698900013";
      structure.name = "Atelier Lumen SARL";
      auto structure_id = tx.structures().Insert(structure);
      if (!structure_id) return core::Fail(structure_id.error());
      accounts::User user;
      user.email = "marc.dubois@atelier-lumen.example";
      user.first_name = "Marc";
      user.last_name = "Dubois";
      user.password_hash = hasher_.Hash("un mot de passe").value();
      auto user_id = tx.users().Insert(user);
      if (!user_id) return core::Fail(user_id.error());
      user_id_ = *user_id;
      accounts::Membership membership;
      membership.user_id = *user_id;
      membership.structure_id = *structure_id;
      membership.role = accounts::Role::kMainManager;
      membership.status = accounts::AttachmentStatus::kApproved;
      auto id = tx.memberships().Insert(membership);
      if (!id) return core::Fail(id.error());
      return core::Ok();
    });
    EXPECT_TRUE(written) << written.error().ToString();
  }

  static AuthenticationOptions Options() {
    AuthenticationOptions options;
    options.max_failures = 3;
    options.failure_window = std::chrono::minutes(10);
    options.session_lifetime = std::chrono::hours(1);
    return options;
  }

  core::Result<LoginResult> Login(std::string password, std::string address = "192.0.2.1") {
    return auth_.Login({"Marc.Dubois@Atelier-Lumen.example ", std::move(password), address});
  }

  std::vector<std::string> AuditActions() {
    std::vector<std::string> actions;
    auto read = store_->Read([&](store::Transaction& tx) -> core::Status {
      auto events = tx.audit().List(0, 100);
      if (!events) return core::Fail(events.error());
      for (const auto& e : *events) actions.push_back(e.action);
      return core::Ok();
    });
    EXPECT_TRUE(read);
    return actions;
  }

  core::FixedClock clock_;
  testing::TempStore store_;
  PasswordHasher hasher_;
  Authentication auth_;
  core::UserId user_id_;
};

TEST_F(AuthenticationTest, LoginOpensASessionThatAuthenticates) {
  auto login = Login("un mot de passe");
  ASSERT_TRUE(login) << login.error().ToString();
  EXPECT_EQ(login->session_token.size(), 64u);
  EXPECT_EQ(login->actor.user_id, user_id_);
  EXPECT_EQ(login->actor.display_name, "Marc Dubois");
  ASSERT_EQ(login->actor.structures.size(), 1u);
  EXPECT_EQ(login->actor.structures[0].role, accounts::Role::kMainManager);
  EXPECT_TRUE(login->actor.ActsForSupplier());
  EXPECT_FALSE(login->actor.ActsForPublicEntity());

  auto actor = auth_.Authenticate(login->session_token);
  ASSERT_TRUE(actor) << actor.error().ToString();
  EXPECT_EQ(actor->email, "marc.dubois@atelier-lumen.example");
  EXPECT_EQ(actor->csrf_token, login->csrf_token);
  EXPECT_EQ(AuditActions(), std::vector<std::string>{"session.login"});
}

TEST_F(AuthenticationTest, WrongPasswordAndUnknownAccountLookAlike) {
  auto wrong = Login("pas le bon");
  ASSERT_FALSE(wrong);
  auto unknown = auth_.Login({"nobody@example.fr", "un mot de passe", "192.0.2.9"});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(wrong.error().code, core::ErrorCode::kPermissionDenied);
  EXPECT_EQ(wrong.error().message, unknown.error().message);
  EXPECT_EQ(AuditActions(), std::vector<std::string>{"session.login_failed"});
}

TEST_F(AuthenticationTest, ThrottlesAnAccountAfterRepeatedFailures) {
  for (int i = 0; i < 3; ++i) {
    EXPECT_FALSE(Login("faux", "192.0.2." + std::to_string(10 + i)));
  }
  auto blocked = Login("un mot de passe", "198.51.100.7");
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code, core::ErrorCode::kResourceExhausted);
  clock_.Advance(std::chrono::minutes(11));
  EXPECT_TRUE(Login("un mot de passe", "198.51.100.7"));
}

TEST_F(AuthenticationTest, ThrottlesAnAddressGuessingManyAccounts) {
  for (int i = 0; i < 3; ++i) {
    EXPECT_FALSE(auth_.Login({"user" + std::to_string(i) + "@example.fr", "x", "203.0.113.5"}));
  }
  auto blocked = Login("un mot de passe", "203.0.113.5");
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code, core::ErrorCode::kResourceExhausted);
  EXPECT_TRUE(Login("un mot de passe", "203.0.113.6"));
}

TEST_F(AuthenticationTest, SessionExpires) {
  auto login = Login("un mot de passe");
  ASSERT_TRUE(login);
  clock_.Advance(std::chrono::minutes(59));
  EXPECT_TRUE(auth_.Authenticate(login->session_token));
  clock_.Advance(std::chrono::minutes(2));
  auto expired = auth_.Authenticate(login->session_token);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, core::ErrorCode::kPermissionDenied);
}

TEST_F(AuthenticationTest, LogoutEndsTheSession) {
  auto login = Login("un mot de passe");
  ASSERT_TRUE(login);
  ASSERT_TRUE(auth_.Logout(login->session_token));
  EXPECT_FALSE(auth_.Authenticate(login->session_token));
  EXPECT_TRUE(auth_.Logout(login->session_token));  // idempotent
  EXPECT_EQ(AuditActions(), (std::vector<std::string>{"session.login", "session.logout"}));
}

TEST_F(AuthenticationTest, UnknownOrOversizedTokensAreRefused) {
  EXPECT_FALSE(auth_.Authenticate(""));
  EXPECT_FALSE(auth_.Authenticate(std::string(64, 'a')));
  EXPECT_FALSE(auth_.Authenticate(std::string(10000, 'a')));
}

TEST_F(AuthenticationTest, DeactivatedAccountCannotLogInNorKeepItsSession) {
  auto login = Login("un mot de passe");
  ASSERT_TRUE(login);
  ASSERT_TRUE(store_->Write([&](store::Transaction& tx) -> core::Status {
    auto user = tx.users().Get(user_id_);
    if (!user) return core::Fail(user.error());
    user->active = false;
    return tx.users().Update(*user);
  }));
  EXPECT_FALSE(auth_.Authenticate(login->session_token));
  auto again = Login("un mot de passe");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, core::ErrorCode::kPermissionDenied);
}

TEST_F(AuthenticationTest, LoginRotatesTheBrowsersSession) {
  auto first = Login("un mot de passe");
  ASSERT_TRUE(first);
  LoginRequest again{"marc.dubois@atelier-lumen.example", "un mot de passe", "192.0.2.1"};
  auto second = auth_.Login(again, first->session_token);
  ASSERT_TRUE(second);
  EXPECT_NE(second->session_token, first->session_token);
  EXPECT_NE(second->csrf_token, first->csrf_token);
  EXPECT_FALSE(auth_.Authenticate(first->session_token));  // the old one of that browser ended
  EXPECT_TRUE(auth_.Authenticate(second->session_token));
}

TEST_F(AuthenticationTest, LoginPurgesExpiredSessions) {
  auto old = Login("un mot de passe");
  ASSERT_TRUE(old);
  clock_.Advance(std::chrono::hours(2));
  ASSERT_TRUE(Login("un mot de passe"));
  ASSERT_TRUE(store_->Read([&](store::Transaction& tx) -> core::Status {
    auto found = tx.sessions().Find(store::Sha256Hex(old->session_token));
    EXPECT_TRUE(found && !found->has_value());
    return core::Ok();
  }));
}

}  // namespace
}  // namespace choral::platform
