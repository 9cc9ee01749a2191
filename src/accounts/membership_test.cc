#include "accounts/membership.h"

#include <gtest/gtest.h>

namespace choral::accounts {
namespace {

constexpr AttachmentStatus kAll[] = {AttachmentStatus::kPending, AttachmentStatus::kApproved,
                                     AttachmentStatus::kRefused, AttachmentStatus::kDeactivated,
                                     AttachmentStatus::kDeleted};

TEST(AttachmentStatusTest, CodesAreChorusProSpellings) {
  EXPECT_EQ(AttachmentStatusCode(AttachmentStatus::kPending), "EN_COURS_DE_VALIDATION");
  EXPECT_EQ(AttachmentStatusCode(AttachmentStatus::kApproved), "VALIDEE");
  EXPECT_EQ(AttachmentStatusCode(AttachmentStatus::kRefused), "REFUSEE");
  EXPECT_EQ(AttachmentStatusCode(AttachmentStatus::kDeactivated), "DESACTIVEE");
  EXPECT_EQ(AttachmentStatusCode(AttachmentStatus::kDeleted), "SUPPRIMEE");
}

TEST(AttachmentStatusTest, ParseRoundTripsAndIsExact) {
  for (AttachmentStatus status : kAll) {
    EXPECT_EQ(ParseAttachmentStatus(AttachmentStatusCode(status)), status);
  }
  EXPECT_EQ(ParseAttachmentStatus("VALIDÉE"), std::nullopt);
  EXPECT_EQ(ParseAttachmentStatus("validee"), std::nullopt);
  EXPECT_EQ(ParseAttachmentStatus(""), std::nullopt);
}

TEST(MembershipTest, OnlyAnApprovedAttachmentIsEffective) {
  Membership membership;
  EXPECT_EQ(membership.status, AttachmentStatus::kPending);
  EXPECT_EQ(membership.role, Role::kUser);
  for (AttachmentStatus status : kAll) {
    membership.status = status;
    EXPECT_EQ(membership.IsEffective(), status == AttachmentStatus::kApproved)
        << AttachmentStatusCode(status);
  }
}

}  // namespace
}  // namespace choral::accounts
