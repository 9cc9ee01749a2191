#include "accounts/manager_rules.h"

#include <gtest/gtest.h>

namespace choral::accounts {
namespace {

Membership Of(int64_t user, Role role, AttachmentStatus status = AttachmentStatus::kApproved) {
  Membership m;
  m.user_id = core::UserId(user);
  m.structure_id = core::StructureId(1);
  m.role = role;
  m.status = status;
  return m;
}

core::Timestamp At(int64_t ms) { return core::Timestamp(std::chrono::milliseconds(ms)); }

TEST(ManagerRulesTest, OnlyApprovedManagersMayManage) {
  EXPECT_TRUE(CheckMayManage(Of(1, Role::kMainManager)));
  EXPECT_TRUE(CheckMayManage(Of(1, Role::kSecondaryManager)));
  EXPECT_EQ(CheckMayManage(Of(1, Role::kUser)).error().code, core::ErrorCode::kPermissionDenied);
  EXPECT_FALSE(CheckMayManage(Of(1, Role::kMainManager, AttachmentStatus::kDeactivated)));
  EXPECT_FALSE(CheckMayManage(std::nullopt));
}

TEST(ManagerRulesTest, MovesFollowTheAttachmentStates) {
  Membership pending = Of(2, Role::kUser, AttachmentStatus::kPending);
  EXPECT_TRUE(CheckMove(pending, AttachmentMove::kValidate));
  EXPECT_TRUE(CheckMove(pending, AttachmentMove::kRefuse));
  EXPECT_EQ(CheckMove(pending, AttachmentMove::kDeactivate).error().code,
            core::ErrorCode::kConflict);
  Membership approved = Of(2, Role::kUser);
  EXPECT_FALSE(CheckMove(approved, AttachmentMove::kValidate));
  EXPECT_TRUE(CheckMove(approved, AttachmentMove::kDeactivate));
  EXPECT_TRUE(CheckMove(approved, AttachmentMove::kDetach));
  EXPECT_FALSE(CheckMove(approved, AttachmentMove::kReactivate));
  Membership deactivated = Of(2, Role::kUser, AttachmentStatus::kDeactivated);
  EXPECT_TRUE(CheckMove(deactivated, AttachmentMove::kReactivate));
  EXPECT_TRUE(CheckMove(deactivated, AttachmentMove::kDetach));
  EXPECT_FALSE(CheckMove(Of(2, Role::kUser, AttachmentStatus::kRefused), AttachmentMove::kDetach));
  EXPECT_EQ(MoveTarget(AttachmentMove::kRefuse), AttachmentStatus::kRefused);
  EXPECT_EQ(MoveTarget(AttachmentMove::kDetach), AttachmentStatus::kDeleted);
}

TEST(ManagerRulesTest, TheMainManagerHandsOverBeforeLeaving) {
  Membership main = Of(1, Role::kMainManager);
  EXPECT_FALSE(CheckMove(main, AttachmentMove::kDeactivate));
  EXPECT_FALSE(CheckMove(main, AttachmentMove::kDetach));
}

TEST(ManagerRulesTest, TheSuccessorIsAnotherActiveApprovedPerson) {
  Membership main = Of(1, Role::kMainManager);
  EXPECT_TRUE(CheckSuccessor(main, {Of(2, Role::kSecondaryManager), true}));
  EXPECT_TRUE(CheckSuccessor(main, {Of(3, Role::kUser), true}));
  EXPECT_EQ(CheckSuccessor(main, {std::nullopt, true}).error().code,
            core::ErrorCode::kInvalidArgument);
  EXPECT_FALSE(CheckSuccessor(main, {Of(1, Role::kMainManager), true}));
  EXPECT_FALSE(CheckSuccessor(main, {Of(2, Role::kUser, AttachmentStatus::kPending), true}));
  EXPECT_FALSE(CheckSuccessor(main, {Of(2, Role::kUser, AttachmentStatus::kDeleted), true}));
  EXPECT_FALSE(CheckSuccessor(main, {Of(2, Role::kSecondaryManager), false}));
}

TEST(ManagerRulesTest, TheSecondaryManagerSeenLastTakesOver) {
  std::vector<ReassignmentCandidate> people = {
      {Of(1, Role::kMainManager), false, At(900)},
      {Of(2, Role::kSecondaryManager), true, At(100)},
      {Of(3, Role::kSecondaryManager), true, At(300)},
      {Of(4, Role::kUser), true, At(800)},
      {Of(5, Role::kSecondaryManager), false, At(700)},
      {Of(6, Role::kSecondaryManager, AttachmentStatus::kDeactivated), true, At(600)},
      {Of(7, Role::kSecondaryManager), true, std::nullopt},
  };
  EXPECT_EQ(ChooseNewMainManager(people), core::UserId(3));
}

TEST(ManagerRulesTest, TiesGoToTheLowestIdAndNoneMeansSupport) {
  EXPECT_EQ(ChooseNewMainManager({{Of(9, Role::kSecondaryManager), true, std::nullopt},
                                  {Of(8, Role::kSecondaryManager), true, std::nullopt}}),
            core::UserId(8));
  EXPECT_EQ(ChooseNewMainManager(
                {{Of(1, Role::kMainManager), false, At(1)}, {Of(4, Role::kUser), true, At(800)}}),
            std::nullopt);
  EXPECT_EQ(ChooseNewMainManager({}), std::nullopt);
}

}  // namespace
}  // namespace choral::accounts
