// Account tokens on both backends: found by hash, the newest per user and purpose, used once.
#include "store/account_token_repository.h"

#include <gtest/gtest.h>

#include "store/store.h"
#include "store/test_backend.h"

namespace choral::store {
namespace {

using core::ErrorCode;

class AccountTokenRepositoryTest : public StoreTestBase {
 protected:
  core::UserId InsertUser(const std::string& email) {
    core::UserId id;
    EXPECT_OK(store_->Write([&](Transaction& tx) -> core::Status {
      accounts::User user;
      user.email = email;
      user.password_hash = "x";
      user.active = false;
      auto inserted = tx.users().Insert(user);
      if (!inserted) return core::Fail(inserted.error());
      id = *inserted;
      return core::Ok();
    }));
    return id;
  }

  AccountToken Token(char fill, core::UserId user, std::chrono::minutes age) {
    AccountToken t;
    t.token_hash = std::string(64, fill);
    t.user_id = user;
    t.purpose = "activation";
    t.payload = R"({"identifier":"73282932000074"})";
    t.created_at = clock_.Now() - age;
    t.expires_at = t.created_at + std::chrono::hours(48);
    return t;
  }
};

TEST_P(AccountTokenRepositoryTest, FindsLatestAndUsesOnce) {
  core::UserId claire = InsertUser("claire@example.fr");
  AccountToken older = Token('a', claire, std::chrono::minutes(30));
  AccountToken newer = Token('b', claire, std::chrono::minutes(5));
  ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
    if (auto s = tx.account_tokens().Insert(older); !s) return s;
    return tx.account_tokens().Insert(newer);
  }));
  auto duplicate =
      store_->Write([&](Transaction& tx) { return tx.account_tokens().Insert(newer); });
  ASSERT_FALSE(duplicate.has_value());
  EXPECT_EQ(duplicate.error().code, ErrorCode::kAlreadyExists);

  ASSERT_OK(store_->Read([&](Transaction& tx) -> core::Status {
    auto found = tx.account_tokens().Find(older.token_hash);
    EXPECT_TRUE(found.has_value() && found->has_value() && **found == older);
    auto latest = tx.account_tokens().Latest(claire, "activation");
    EXPECT_TRUE(latest.has_value() && latest->has_value() && **latest == newer);
    auto other_purpose = tx.account_tokens().Latest(claire, "password_reset");
    EXPECT_TRUE(other_purpose.has_value() && !other_purpose->has_value());
    EXPECT_FALSE(tx.account_tokens().Find(std::string(64, 'c'))->has_value());
    return core::Ok();
  }));

  int64_t used = 0;
  ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
    auto n = tx.account_tokens().UseAll(claire, "activation", clock_.Now());
    if (!n) return core::Fail(n.error());
    used = *n;
    return core::Ok();
  }));
  EXPECT_EQ(used, 2);
  ASSERT_OK(store_->Read([&](Transaction& tx) -> core::Status {
    auto found = tx.account_tokens().Find(newer.token_hash);
    EXPECT_TRUE(found.has_value() && found->has_value());
    EXPECT_EQ((*found)->used_at, clock_.Now());
    EXPECT_FALSE((*found)->UsableAt(clock_.Now()));
    return core::Ok();
  }));
}

TEST_P(AccountTokenRepositoryTest, SessionsOfOneUserAreDeletedTogether) {
  core::UserId claire = InsertUser("claire@example.fr");
  core::UserId paul = InsertUser("paul@example.fr");
  auto session = [&](char fill, core::UserId user) {
    return accounts::Session{std::string(64, fill), user, "csrf", clock_.Now(),
                             clock_.Now() + std::chrono::hours(1)};
  };
  int64_t deleted = 0;
  ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
    for (const auto& s : {session('a', claire), session('b', claire), session('c', paul)}) {
      if (auto inserted = tx.sessions().Insert(s); !inserted) return inserted;
    }
    auto n = tx.sessions().DeleteByUser(claire);
    if (!n) return core::Fail(n.error());
    deleted = *n;
    return core::Ok();
  }));
  EXPECT_EQ(deleted, 2);
  ASSERT_OK(store_->Read([&](Transaction& tx) -> core::Status {
    EXPECT_FALSE(tx.sessions().Find(std::string(64, 'a'))->has_value());
    EXPECT_TRUE(tx.sessions().Find(std::string(64, 'c'))->has_value());
    return core::Ok();
  }));
}

INSTANTIATE_TEST_SUITE_P(Backend, AccountTokenRepositoryTest,
                         ::testing::Values(BackendFromEnvironment()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace choral::store
