#include "directory/deposit_requirements.h"

#include <gtest/gtest.h>

namespace choral::directory {
namespace {

Structure Recipient(StructureFlags flags) {
  Structure s;
  s.kind = StructureKind::kPublic;
  s.flags = flags;
  return s;
}

TEST(RequirementsForTest, NothingRequiredByDefault) {
  EXPECT_EQ(RequirementsFor(Recipient({}), nullptr), DepositRequirements{});
  const Service service;
  EXPECT_EQ(RequirementsFor(Recipient({}), &service), DepositRequirements{});
}

TEST(RequirementsForTest, ServiceCodeComesFromTheStructure) {
  const DepositRequirements r =
      RequirementsFor(Recipient({.service_code_required = true}), nullptr);
  EXPECT_TRUE(r.service_code);
  EXPECT_FALSE(r.engagement_number);
  EXPECT_FALSE(r.either);
}

TEST(RequirementsForTest, EngagementNumberFromStructureOrService) {
  EXPECT_TRUE(
      RequirementsFor(Recipient({.engagement_number_required = true}), nullptr).engagement_number);

  Service service;
  service.engagement_number_required = true;
  EXPECT_TRUE(RequirementsFor(Recipient({}), &service).engagement_number);

  // A service never lifts its structure's requirement.
  service.engagement_number_required = false;
  EXPECT_TRUE(
      RequirementsFor(Recipient({.engagement_number_required = true}), &service).engagement_number);
  EXPECT_FALSE(RequirementsFor(Recipient({}), &service).engagement_number);
}

TEST(RequirementsForTest, EitherComesFromTheStructure) {
  const DepositRequirements r =
      RequirementsFor(Recipient({.service_code_or_engagement_required = true}), nullptr);
  EXPECT_EQ(
      r, (DepositRequirements{.service_code = false, .engagement_number = false, .either = true}));
}

TEST(RequirementsForTest, PaymentStatusFlagRequiresNothing) {
  EXPECT_EQ(RequirementsFor(Recipient({.payment_status_not_reported = true}), nullptr),
            DepositRequirements{});
}

TEST(RequirementsForTest, AllFlagsCombine) {
  Service service;
  service.engagement_number_required = true;
  const DepositRequirements r = RequirementsFor(
      Recipient({.service_code_required = true, .service_code_or_engagement_required = true}),
      &service);
  EXPECT_EQ(r,
            (DepositRequirements{.service_code = true, .engagement_number = true, .either = true}));
}

}  // namespace
}  // namespace choral::directory
