#include "platform/demo_data.h"

#include <map>
#include <set>

#include <gtest/gtest.h>

#include "core/siret.h"
#include "platform/authentication.h"
#include "platform/test_support.h"

namespace choral::platform {
namespace {

class DemoDataTest : public ::testing::Test {
 protected:
  DemoDataTest() : clock_(testing::At(1'790'000'000'000)), store_(clock_) {}
  core::FixedClock clock_;
  testing::TempStore store_;
  PasswordHasher hasher_{PasswordHasher::Minimal()};
};

TEST_F(DemoDataTest, SeedsValidStructuresWithServicesAndEveryRole) {
  auto report = SeedDemoData(*store_, hasher_);
  ASSERT_TRUE(report) << report.error().ToString();
  EXPECT_FALSE(report->already_seeded);
  EXPECT_GE(report->structures, 5);

  std::map<std::string, std::set<std::string>> roles_by_structure;
  for (const auto& login : report->logins) {
    EXPECT_GE(login.password.size(), 12u);
    roles_by_structure[login.structure_name].insert(login.role);
  }
  auto read = store_->Read([&](store::Transaction& tx) -> core::Status {
    auto structures = tx.structures().List(std::nullopt, 100, 0);
    if (!structures) return core::Fail(structures.error());
    int public_count = 0;
    std::vector<directory::StructureFlags> public_flags;
    for (const auto& s : *structures) {
      EXPECT_TRUE(core::Siret::Parse(s.identifier)) << s.identifier;
      if (s.kind != directory::StructureKind::kPublic) continue;
      ++public_count;
      public_flags.push_back(s.flags);
      auto services = tx.services().ListByStructure(s.id);
      if (!services) return core::Fail(services.error());
      EXPECT_GE(services->size(), 2u) << s.name;
      EXPECT_EQ(roles_by_structure[s.name],
                (std::set<std::string>{"GESTIONNAIRE_PRINCIPAL", "GESTIONNAIRE_SECONDAIRE",
                                       "UTILISATEUR"}))
          << s.name;
    }
    EXPECT_GE(public_count, 3);
    // The public entities differ in what a deposit must carry.
    for (size_t i = 1; i < public_flags.size(); ++i)
      EXPECT_FALSE(public_flags[i] == public_flags[0]);
    return core::Ok();
  });
  ASSERT_TRUE(read) << read.error().ToString();
}

TEST_F(DemoDataTest, SecondRunWritesNothing) {
  ASSERT_TRUE(SeedDemoData(*store_, hasher_));
  auto again = SeedDemoData(*store_, hasher_);
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->already_seeded);
  EXPECT_TRUE(again->logins.empty());
}

TEST_F(DemoDataTest, PrintedPasswordsLogIn) {
  auto report = SeedDemoData(*store_, hasher_);
  ASSERT_TRUE(report);
  Authentication auth(*store_, clock_, hasher_);
  for (const auto& login : report->logins) {
    auto result = auth.Login({login.email, login.password, "127.0.0.1"});
    ASSERT_TRUE(result) << login.email << ": " << result.error().ToString();
    if (login.role != "ADMINISTRATEUR") {
      EXPECT_EQ(result->actor.structures.size(), 1u);
    }
  }
}

TEST_F(DemoDataTest, EveryWriteIsAudited) {
  ASSERT_TRUE(SeedDemoData(*store_, hasher_));
  auto verified = store_->Verify();
  ASSERT_TRUE(verified);
  EXPECT_TRUE(verified->ok) << verified->first_problem;
  EXPECT_GT(verified->events_checked, 20);
}

}  // namespace
}  // namespace choral::platform
