// Password reset on both backends: the link goes only to active accounts (and the answer does
// not tell), works once within the hour, checks the policy and logs every browser out.
#include "platform/password_reset.h"

#include <gtest/gtest.h>

#include "platform/account_test_fixture.h"
#include "platform/authentication.h"

namespace choral::platform {
namespace {

using core::ErrorCode;

constexpr char kEmail[] = "marc@lumen.example";

class PasswordResetTest : public testing::AccountTestBase {
 protected:
  PasswordResetTest() : reset_(*store_, clock_, hasher_), auth_(*store_, clock_, hasher_) {
    EXPECT_TRUE(store_->Write([&](store::Transaction& tx) -> core::Status {
      accounts::User user;
      user.email = kEmail;
      user.first_name = "Marc";
      user.last_name = "Dubois";
      user.password_hash = hasher_.Hash("ancien mot de passe").value();
      auto id = tx.users().Insert(user);
      if (!id) return core::Fail(id.error());
      return core::Ok();
    }));
  }

  bool CanLogIn(const std::string& password) {
    return auth_.Login({kEmail, password, "192.0.2.9"}).has_value();
  }

  PasswordReset reset_;
  Authentication auth_;
};

TEST_F(PasswordResetTest, TheLinkSetsANewPasswordAndEndsEverySession) {
  auto session = auth_.Login({kEmail, "ancien mot de passe", "192.0.2.9"});
  ASSERT_TRUE(session);
  ASSERT_TRUE(reset_.Request("Marc@Lumen.example", "192.0.2.7"));
  auto mails = MailsTo(kEmail);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].template_key, "mail.password_reset");
  std::string token = LastMailParam(kEmail, "reset_token");
  EXPECT_TRUE(reset_.Check(token));

  auto weak = reset_.Reset(token, "trop court");
  ASSERT_TRUE(weak);
  EXPECT_EQ(*weak, (FieldProblems{{"password", "password_too_short"}}));
  auto same_as_email = reset_.Reset(token, "MARC@lumen.example");
  EXPECT_EQ(*same_as_email, (FieldProblems{{"password", "password_is_email"}}));

  auto done = reset_.Reset(token, "nouveau mot de passe");
  ASSERT_TRUE(done) << done.error().ToString();
  EXPECT_TRUE(done->empty());
  EXPECT_FALSE(auth_.Authenticate(session->session_token));
  EXPECT_FALSE(CanLogIn("ancien mot de passe"));
  EXPECT_TRUE(CanLogIn("nouveau mot de passe"));

  auto reused = reset_.Reset(token, "encore un autre mot");
  ASSERT_FALSE(reused);
  EXPECT_EQ(reused.error().code, ErrorCode::kConflict);
  EXPECT_FALSE(reset_.Check(token));
  auto actions = AuditActions();
  for (const char* action : {"user.password_reset_requested", "user.password_reset"}) {
    EXPECT_NE(std::find(actions.begin(), actions.end(), action), actions.end()) << action;
  }
}

TEST_F(PasswordResetTest, TheLinkExpiresAfterAnHour) {
  ASSERT_TRUE(reset_.Request(kEmail, "192.0.2.7"));
  std::string token = LastMailParam(kEmail, "reset_token");
  clock_.Advance(std::chrono::minutes(61));
  auto late = reset_.Reset(token, "nouveau mot de passe");
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::kPermissionDenied);
  EXPECT_TRUE(CanLogIn("ancien mot de passe"));
}

TEST_F(PasswordResetTest, UnknownAddressesGetTheSameAnswerAndNoMail) {
  EXPECT_TRUE(reset_.Request("nobody@nowhere.example", "192.0.2.7"));
  EXPECT_TRUE(MailsTo("nobody@nowhere.example").empty());
  auto malformed = reset_.Request("not an address", "192.0.2.7");
  ASSERT_FALSE(malformed);
  EXPECT_EQ(malformed.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(reset_.Reset(std::string(64, 'f'), "nouveau mot de passe").error().code,
            ErrorCode::kNotFound);
}

TEST_F(PasswordResetTest, RequestsAreThrottledPerAddress) {
  PasswordResetOptions options;
  options.per_address = ThrottleOptions{2, std::chrono::minutes(60)};
  PasswordReset strict(*store_, clock_, hasher_, options);
  ASSERT_TRUE(strict.Request("a@nowhere.example", "192.0.2.7"));
  ASSERT_TRUE(strict.Request("b@nowhere.example", "192.0.2.7"));
  auto throttled = strict.Request("c@nowhere.example", "192.0.2.7");
  ASSERT_FALSE(throttled);
  EXPECT_EQ(throttled.error().code, ErrorCode::kResourceExhausted);
  EXPECT_TRUE(strict.Request("c@nowhere.example", "192.0.2.8"));
}

}  // namespace
}  // namespace choral::platform
