// Opinions on both backends: stored, listed newest first, counted and averaged.
#include "store/feedback_repository.h"

#include <gtest/gtest.h>

#include "store/store.h"
#include "store/test_backend.h"

namespace choral::store {
namespace {

class FeedbackRepositoryTest : public StoreTestBase {
 protected:
  core::UserId AddUser() {
    core::UserId id;
    EXPECT_TRUE(store_->Write([&](Transaction& tx) -> core::Status {
      accounts::User u;
      u.email = "marc@lumen.example";
      u.first_name = "Marc";
      u.last_name = "Dubois";
      u.password_hash = "x";
      auto user = tx.users().Insert(u);
      if (!user) return core::Fail(user.error());
      id = *user;
      return core::Ok();
    }));
    return id;
  }

  core::Result<int64_t> Give(core::UserId user, int rating, const std::string& comment,
                             int64_t at_seconds) {
    core::Result<int64_t> id = 0;
    auto status = store_->Write([&](Transaction& tx) -> core::Status {
      id = tx.feedback().Insert(
          {0, user, rating, comment, "deposit", clock_.Now() + std::chrono::seconds(at_seconds)});
      if (!id) return core::Fail(id.error());
      return core::Ok();
    });
    if (!status) return core::Fail(status.error());
    return id;
  }

  FeedbackSummary Summary() {
    FeedbackSummary summary;
    EXPECT_TRUE(store_->Read([&](Transaction& tx) -> core::Status {
      auto read = tx.feedback().Summary();
      if (!read) return core::Fail(read.error());
      summary = *read;
      return core::Ok();
    }));
    return summary;
  }
};

TEST_P(FeedbackRepositoryTest, NothingGivenIsACountOfZero) {
  FeedbackSummary summary = Summary();
  EXPECT_EQ(summary.count, 0);
  EXPECT_EQ(summary.average_tenths, 0);
}

TEST_P(FeedbackRepositoryTest, OpinionsAreListedNewestFirstAndAveraged) {
  core::UserId user = AddUser();
  ASSERT_OK(Give(user, 5, "Très simple", 1));
  ASSERT_OK(Give(user, 4, "", 3));
  ASSERT_OK(Give(user, 4, "Un peu lent; mais \"correct\"", 2));
  ASSERT_OK(store_->Read([&](Transaction& tx) -> core::Status {
    auto list = tx.feedback().List(10);
    if (!list) return core::Fail(list.error());
    EXPECT_EQ(list->size(), 3u);
    if (list->size() != 3u) return core::Ok();
    EXPECT_EQ((*list)[0].comment, "");
    EXPECT_EQ((*list)[1].comment, "Un peu lent; mais \"correct\"");
    EXPECT_EQ((*list)[2].rating, 5);
    EXPECT_EQ((*list)[2].user_id, user);
    EXPECT_EQ((*list)[2].context, "deposit");
    EXPECT_EQ((*list)[2].created_at, clock_.Now() + std::chrono::seconds(1));
    auto first = tx.feedback().List(1);
    if (!first) return core::Fail(first.error());
    EXPECT_EQ(first->size(), 1u);
    return core::Ok();
  }));
  FeedbackSummary summary = Summary();
  EXPECT_EQ(summary.count, 3);
  EXPECT_EQ(summary.average_tenths, 43);  // 13 / 3 = 4.33
}

TEST_P(FeedbackRepositoryTest, ARatingOutsideOneToFiveOrAnUnknownUserIsRefused) {
  core::UserId user = AddUser();
  auto zero = Give(user, 0, "", 0);
  ASSERT_FALSE(zero);
  EXPECT_EQ(zero.error().code, core::ErrorCode::kInvalidArgument);
  auto six = Give(user, 6, "", 0);
  ASSERT_FALSE(six);
  EXPECT_EQ(six.error().code, core::ErrorCode::kInvalidArgument);
  auto stranger = Give(core::UserId(user.value() + 100), 3, "", 0);
  ASSERT_FALSE(stranger);
  EXPECT_EQ(stranger.error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(Summary().count, 0);
}

TEST_P(FeedbackRepositoryTest, AnOpinionIsWrittenOnlyOutsideReads) {
  core::UserId user = AddUser();
  auto status = store_->Read([&](Transaction& tx) -> core::Status {
    auto id = tx.feedback().Insert({0, user, 3, "", "deposit", clock_.Now()});
    if (!id) return core::Fail(id.error());
    return core::Ok();
  });
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, core::ErrorCode::kInternal);
}

INSTANTIATE_TEST_SUITE_P(Backend, FeedbackRepositoryTest,
                         ::testing::Values(BackendFromEnvironment()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace choral::store
