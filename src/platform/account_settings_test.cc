// "Mon compte" on both backends: names, password change (current password checked, policy,
// every session ended), and the attachments listed whatever their state.
#include "platform/account_settings.h"

#include <gtest/gtest.h>

#include "platform/account_test_fixture.h"
#include "platform/authentication.h"

namespace choral::platform {
namespace {

using core::ErrorCode;

constexpr char kEmail[] = "marc@lumen.example";

class AccountSettingsTest : public testing::AccountTestBase {
 protected:
  AccountSettingsTest() : settings_(*store_, clock_, hasher_), auth_(*store_, clock_, hasher_) {
    EXPECT_TRUE(store_->Write([&](store::Transaction& tx) -> core::Status {
      accounts::User user;
      user.email = kEmail;
      user.first_name = "Marc";
      user.last_name = "Dubois";
      user.password_hash = hasher_.Hash("ancien mot de passe").value();
      auto id = tx.users().Insert(user);
      if (!id) return core::Fail(id.error());
      directory::Structure lumen;
      lumen.identifier = "83412698900013";
      lumen.name = "Atelier Lumen SARL";
      auto structure = tx.structures().Insert(lumen);
      if (!structure) return core::Fail(structure.error());
      accounts::Membership membership;
      membership.user_id = *id;
      membership.structure_id = *structure;
      membership.role = accounts::Role::kUser;
      membership.status = accounts::AttachmentStatus::kPending;
      auto m = tx.memberships().Insert(membership);
      if (!m) return core::Fail(m.error());
      return core::Ok();
    }));
    auto login = auth_.Login({kEmail, "ancien mot de passe", "192.0.2.9"});
    EXPECT_TRUE(login);
    if (login) {
      actor_ = login->actor;
      session_ = login->session_token;
    }
  }

  AccountSettings settings_;
  Authentication auth_;
  Actor actor_;
  std::string session_;
};

TEST_F(AccountSettingsTest, ListsAttachmentsWhateverTheirState) {
  auto profile = settings_.Get(actor_);
  ASSERT_TRUE(profile) << profile.error().ToString();
  EXPECT_EQ(profile->email, kEmail);
  ASSERT_EQ(profile->attachments.size(), 1u);
  EXPECT_EQ(profile->attachments[0].structure_name, "Atelier Lumen SARL");
  EXPECT_EQ(profile->attachments[0].status, accounts::AttachmentStatus::kPending);
}

TEST_F(AccountSettingsTest, UpdatesNamesAndAuditsIt) {
  auto empty = settings_.UpdateProfile(actor_, " ", "Dubois");
  EXPECT_EQ(*empty, (FieldProblems{{"first_name", "first_name_missing"}}));
  auto done = settings_.UpdateProfile(actor_, " Marcel ", "Dubois-Martin");
  ASSERT_TRUE(done);
  EXPECT_TRUE(done->empty());
  EXPECT_EQ(settings_.Get(actor_)->first_name, "Marcel");
  auto actions = AuditActions();
  EXPECT_NE(std::find(actions.begin(), actions.end(), "user.profile_updated"), actions.end());
}

TEST_F(AccountSettingsTest, ChangingThePasswordChecksTheOldOneAndEndsSessions) {
  auto wrong = settings_.ChangePassword(actor_, "pas le bon", "trop court");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(*wrong, (FieldProblems{{"current_password", "current_password_wrong"},
                                   {"new_password", "password_too_short"}}));
  auto common = settings_.ChangePassword(actor_, "ancien mot de passe", "Qwerty123456789");
  EXPECT_EQ(*common, (FieldProblems{{"new_password", "password_common"}}));
  auto done = settings_.ChangePassword(actor_, "ancien mot de passe", "nouveau mot de passe");
  ASSERT_TRUE(done) << done.error().ToString();
  EXPECT_TRUE(done->empty());
  EXPECT_FALSE(auth_.Authenticate(session_));
  EXPECT_TRUE(auth_.Login({kEmail, "nouveau mot de passe", "192.0.2.9"}));
  auto actions = AuditActions();
  EXPECT_NE(std::find(actions.begin(), actions.end(), "user.password_changed"), actions.end());
}

TEST_F(AccountSettingsTest, WrongCurrentPasswordsAreThrottled) {
  AccountSettings strict(*store_, clock_, hasher_, ThrottleOptions{2, std::chrono::minutes(15)});
  ASSERT_TRUE(strict.ChangePassword(actor_, "essai 1", "nouveau mot de passe"));
  ASSERT_TRUE(strict.ChangePassword(actor_, "essai 2", "nouveau mot de passe"));
  auto throttled = strict.ChangePassword(actor_, "ancien mot de passe", "nouveau mot de passe");
  ASSERT_FALSE(throttled);
  EXPECT_EQ(throttled.error().code, ErrorCode::kResourceExhausted);
}

}  // namespace
}  // namespace choral::platform
