#include "accounts/role.h"

#include <gtest/gtest.h>

namespace choral::accounts {
namespace {

TEST(RoleTest, CodesAreChorusProSpellings) {
  EXPECT_EQ(RoleCode(Role::kMainManager), "GESTIONNAIRE_PRINCIPAL");
  EXPECT_EQ(RoleCode(Role::kSecondaryManager), "GESTIONNAIRE_SECONDAIRE");
  EXPECT_EQ(RoleCode(Role::kUser), "UTILISATEUR");
}

TEST(RoleTest, ParseRoundTripsAndIsExact) {
  for (Role role : {Role::kMainManager, Role::kSecondaryManager, Role::kUser}) {
    EXPECT_EQ(ParseRole(RoleCode(role)), role);
  }
  EXPECT_EQ(ParseRole("utilisateur"), std::nullopt);
  EXPECT_EQ(ParseRole("GESTIONNAIRE"), std::nullopt);
  EXPECT_EQ(ParseRole(""), std::nullopt);
}

TEST(RoleTest, OnlyManagersManage) {
  EXPECT_TRUE(IsManager(Role::kMainManager));
  EXPECT_TRUE(IsManager(Role::kSecondaryManager));
  EXPECT_FALSE(IsManager(Role::kUser));
}

}  // namespace
}  // namespace choral::accounts
