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

TEST_F(PublicDirectoryTest, SearchFindsPublicStructuresByNameSiretOrTown) {
  PublicDirectory directory(*store_);
  auto by_name = directory.Search("saint-aubin", 1, 20);
  ASSERT_TRUE(by_name) << by_name.error().ToString();
  ASSERT_EQ(by_name->total, 1);
  EXPECT_EQ(by_name->structures.at(0).identifier, "21340158100011");

  auto by_siret = directory.Search("110 009 982", 1, 20);
  ASSERT_TRUE(by_siret);
  EXPECT_EQ(by_siret->total, 1);

  // Every public structure, by name, never a supplier.
  auto all = directory.Search("", 1, 2);
  ASSERT_TRUE(all);
  EXPECT_EQ(all->total, 3);
  EXPECT_EQ(all->structures.size(), 2u);
  for (const auto& s : all->structures) EXPECT_EQ(s.kind, directory::StructureKind::kPublic);
  EXPECT_TRUE(directory.Search("Atelier Lumen", 1, 20)->structures.empty());
}

TEST_F(PublicDirectoryTest, SearchTextIsBounded) {
  PublicDirectory directory(*store_);
  auto refused = directory.Search(std::string(101, 'a'), 1, 20);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace choral::platform
