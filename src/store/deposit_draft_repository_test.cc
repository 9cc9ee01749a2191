// Uploaded PDFs waiting to be deposited, on both backends: kept, read back, removed one by one
// and by age, and written only in write transactions.
#include "store/deposit_draft_repository.h"

#include <gtest/gtest.h>

#include "store/store.h"
#include "store/test_backend.h"

namespace choral::store {
namespace {

class DepositDraftRepositoryTest : public StoreTestBase {
 protected:
  void SetUp() override {
    StoreTestBase::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
      directory::Structure s;
      s.identifier_type = directory::IdentifierType::kSiret;
      s.identifier = "35600000000048";
      s.kind = directory::StructureKind::kPrivate;
      s.name = "Atelier";
      auto structure = tx.structures().Insert(s);
      if (!structure) return core::Fail(structure.error());
      supplier_ = *structure;
      accounts::User u;
      u.email = "claire@example.fr";
      u.first_name = "Claire";
      u.last_name = "Martin";
      u.password_hash = "x";
      auto user = tx.users().Insert(u);
      if (!user) return core::Fail(user.error());
      user_ = *user;
      return core::Ok();
    }));
  }

  DepositDraft Draft(std::string file_name, int64_t age_seconds) const {
    return {0,
            user_,
            supplier_,
            std::string(64, 'a'),
            std::move(file_name),
            clock_.Now() - std::chrono::seconds(age_seconds)};
  }

  core::Result<int64_t> Insert(const DepositDraft& draft) {
    core::Result<int64_t> id = 0;
    auto status = store_->Write([&](Transaction& tx) -> core::Status {
      id = tx.deposit_drafts().Insert(draft);
      if (!id) return core::Fail(id.error());
      return core::Ok();
    });
    if (!status) return core::Fail(status.error());
    return id;
  }

  core::Result<DepositDraft> Get(int64_t id) const {
    core::Result<DepositDraft> draft = core::Fail(core::ErrorCode::kInternal, "not read");
    auto status = store_->Read([&](Transaction& tx) -> core::Status {
      draft = tx.deposit_drafts().Get(id);
      return core::Ok();
    });
    if (!status) return core::Fail(status.error());
    return draft;
  }

  core::StructureId supplier_;
  core::UserId user_;
};

TEST_P(DepositDraftRepositoryTest, ADraftIsReadBackAsStored) {
  DepositDraft draft = Draft("facture-mars.pdf", 0);
  auto id = Insert(draft);
  ASSERT_OK(id);
  draft.id = *id;
  auto read = Get(*id);
  ASSERT_OK(read);
  EXPECT_EQ(*read, draft);
}

TEST_P(DepositDraftRepositoryTest, AnUnknownDraftIsNotFoundByItsId) {
  auto read = Get(4242);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, core::ErrorCode::kNotFound);
  EXPECT_NE(read.error().message.find("4242"), std::string::npos) << read.error().message;
}

TEST_P(DepositDraftRepositoryTest, ADraftOfAnUnknownUserIsRefused) {
  DepositDraft draft = Draft("x.pdf", 0);
  draft.user_id = core::UserId(999);
  auto id = Insert(draft);
  ASSERT_FALSE(id);
  EXPECT_EQ(id.error().code, core::ErrorCode::kNotFound) << id.error().message;
}

TEST_P(DepositDraftRepositoryTest, DeleteRemovesOneAndToleratesAGoneOne) {
  auto kept = Insert(Draft("a.pdf", 0));
  auto removed = Insert(Draft("b.pdf", 0));
  ASSERT_OK(kept);
  ASSERT_OK(removed);
  ASSERT_OK(store_->Write([&](Transaction& tx) { return tx.deposit_drafts().Delete(*removed); }));
  ASSERT_OK(store_->Write([&](Transaction& tx) { return tx.deposit_drafts().Delete(*removed); }));
  EXPECT_FALSE(Get(*removed));
  EXPECT_TRUE(Get(*kept));
}

TEST_P(DepositDraftRepositoryTest, OldDraftsAreRemovedByAge) {
  auto old_one = Insert(Draft("old.pdf", 2 * 86400));
  auto new_one = Insert(Draft("new.pdf", 60));
  ASSERT_OK(old_one);
  ASSERT_OK(new_one);
  int64_t removed = 0;
  ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
    auto count = tx.deposit_drafts().DeleteCreatedBefore(clock_.Now() - std::chrono::hours(24));
    if (!count) return core::Fail(count.error());
    removed = *count;
    return core::Ok();
  }));
  EXPECT_EQ(removed, 1);
  EXPECT_FALSE(Get(*old_one));
  EXPECT_TRUE(Get(*new_one));
}

TEST_P(DepositDraftRepositoryTest, ADraftIsWrittenOnlyOutsideReads) {
  auto status = store_->Read([&](Transaction& tx) -> core::Status {
    auto id = tx.deposit_drafts().Insert(Draft("x.pdf", 0));
    if (!id) return core::Fail(id.error());
    return core::Ok();
  });
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, core::ErrorCode::kInternal);
}

INSTANTIATE_TEST_SUITE_P(Backend, DepositDraftRepositoryTest,
                         ::testing::Values(BackendFromEnvironment()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace choral::store
