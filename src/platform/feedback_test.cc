// "Donnez votre avis" through the platform: stored with its audit event, refused when invalid,
// counted and averaged on the administrators' home.
#include "platform/feedback.h"

#include <gtest/gtest.h>

#include "platform/authentication.h"
#include "platform/dashboard.h"
#include "platform/demo_data.h"
#include "platform/test_support.h"

namespace choral::platform {
namespace {

class FeedbackTest : public ::testing::Test {
 protected:
  FeedbackTest()
      : clock_(testing::At(1'795'000'000'000)), store_(clock_), feedback_(*store_, clock_) {
    auto seeded = SeedDemoData(*store_, hasher_);
    EXPECT_TRUE(seeded);
    for (const auto& login : seeded->logins) passwords_[login.email] = login.password;
    supplier_ = LogIn("marc.dubois@atelier-lumen.example");
    admin_ = LogIn("admin@choral.example");
  }

  Actor LogIn(const std::string& email) {
    Authentication auth(*store_, clock_, hasher_);
    auto login = auth.Login({email, passwords_[email], "127.0.0.1"});
    EXPECT_TRUE(login) << email;
    return login->actor;
  }

  int64_t Figure(const std::string& key) {
    auto view = Dashboard(*store_).Home(admin_);
    EXPECT_TRUE(view);
    if (!view) return -1;
    for (const auto& figure : view->figures) {
      if (figure.key == key) return figure.value;
    }
    ADD_FAILURE() << "no figure " << key;
    return -1;
  }

  core::FixedClock clock_;
  testing::TempStore store_;
  PasswordHasher hasher_{PasswordHasher::Minimal()};
  Feedback feedback_;
  std::map<std::string, std::string> passwords_;
  Actor supplier_, admin_;
};

TEST_F(FeedbackTest, AnOpinionIsStoredAuditedAndShownToAdministrators) {
  ASSERT_TRUE(feedback_.Give(supplier_, 5, "  Très simple  ", "deposit"));
  ASSERT_TRUE(feedback_.Give(supplier_, 4, "", "deposit"));
  EXPECT_EQ(Figure("figure.feedback_count"), 2);
  EXPECT_EQ(Figure("figure.feedback_average_tenths"), 45);
  ASSERT_TRUE(store_->Read([&](store::Transaction& tx) -> core::Status {
    auto list = tx.feedback().List(10);
    if (!list) return core::Fail(list.error());
    EXPECT_EQ(list->size(), 2u);
    EXPECT_EQ(list->back().comment, "Très simple");
    EXPECT_EQ(list->back().user_id, supplier_.user_id);
    auto events = tx.audit().List(0, 10'000);
    if (!events) return core::Fail(events.error());
    int given = 0;
    for (const auto& event : *events) given += event.action == "feedback.given" ? 1 : 0;
    EXPECT_EQ(given, 2);
    return core::Ok();
  }));
  auto verified = store_->Verify();
  ASSERT_TRUE(verified);
  EXPECT_TRUE(verified->ok);
}

TEST_F(FeedbackTest, ABadRatingALongCommentOrAnUnknownContextIsRefused) {
  for (int rating : {0, 6, -1}) {
    auto refused = feedback_.Give(supplier_, rating, "", "deposit");
    ASSERT_FALSE(refused) << rating;
    EXPECT_EQ(refused.error().code, core::ErrorCode::kInvalidArgument);
  }
  std::string long_comment;
  for (int i = 0; i < 1000; ++i) long_comment += "é";  // 1000 characters, 2000 bytes: fits
  EXPECT_TRUE(feedback_.Give(supplier_, 3, long_comment, "deposit"));
  auto too_long = feedback_.Give(supplier_, 3, long_comment + "x", "deposit");
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_FALSE(feedback_.Give(supplier_, 3, "\xC3", "deposit"));
  EXPECT_FALSE(feedback_.Give(supplier_, 3, "", "login"));
  EXPECT_EQ(Figure("figure.feedback_count"), 1);
  EXPECT_EQ(Figure("figure.feedback_average_tenths"), 30);
}

}  // namespace
}  // namespace choral::platform
