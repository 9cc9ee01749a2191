#include "platform/public_directory.h"

#include <gtest/gtest.h>

#include "platform/demo_data.h"
#include "platform/test_support.h"

namespace choral::platform {
namespace {

class PublicDirectoryTest : public ::testing::Test {
 protected:
  PublicDirectoryTest() : clock_(testing::At(1'790'000'000'000)), store_(clock_) {
    EXPECT_TRUE(SeedDemoData(*store_, PasswordHasher(PasswordHasher::Minimal())));
  }
  core::FixedClock clock_;
  testing::TempStore store_;
};

TEST_F(PublicDirectoryTest, FindsAPublicStructureWithSpacesInTheSiret) {
  PublicDirectory directory(*store_);
  auto found = directory.FindBySiret("213 401 581 00011");
  ASSERT_TRUE(found) << found.error().ToString();
  EXPECT_EQ(found->structure.name, "Commune de Saint-Aubin-des-Prés");
  EXPECT_TRUE(found->structure.flags.service_code_or_engagement_required);
  EXPECT_EQ(found->services.size(), 3u);
}

TEST_F(PublicDirectoryTest, HidesSuppliersAndInactiveServices) {
  PublicDirectory directory(*store_);
  auto supplier = directory.FindBySiret("83412698900013");
  ASSERT_FALSE(supplier);
  EXPECT_EQ(supplier.error().code, core::ErrorCode::kNotFound);

  ASSERT_TRUE(store_->Write([](store::Transaction& tx) -> core::Status {
    auto s = tx.structures().FindByIdentifier(directory::IdentifierType::kSiret, "21340158100011");
    if (!s || !*s) return core::Fail(core::ErrorCode::kInternal, "seeded structure missing");
    auto service = tx.services().FindByCode((*s)->id, "CCAS");
    if (!service || !*service) return core::Fail(core::ErrorCode::kInternal, "CCAS missing");
    (*service)->active = false;
    return tx.services().Update(**service);
  }));
  auto found = directory.FindBySiret("21340158100011");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->services.size(), 2u);
}

TEST_F(PublicDirectoryTest, MalformedSiretIsAnInvalidArgument) {
  PublicDirectory directory(*store_);
  auto bad = directory.FindBySiret("21340158100012");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, core::ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace choral::platform
