// The password policy: length, the embedded common-password list (any case, with digits
// appended), and the login itself.
#include "platform/password_policy.h"

#include <gtest/gtest.h>

#include "platform/common_passwords.h"

namespace choral::platform {
namespace {

TEST(PasswordPolicyTest, TheListIsEmbeddedFromJohnData) {
  EXPECT_GT(CommonPasswordList().size(), 10'000u);
  EXPECT_TRUE(IsCommonPassword("password"));
  EXPECT_TRUE(IsCommonPassword("QWERTY"));            // case-insensitive
  EXPECT_FALSE(IsCommonPassword("#!comment: This"));  // the header is not a password
}

TEST(PasswordPolicyTest, EachRuleHasItsCode) {
  EXPECT_EQ(PasswordRuleBroken("court", "a@b.fr"), "password_too_short");
  EXPECT_EQ(PasswordRuleBroken("onze-signes", "a@b.fr"), "password_too_short");
  // Twelve characters counted as code points, not bytes.
  EXPECT_EQ(PasswordRuleBroken("éléphantéééé", "a@b.fr"), std::nullopt);
  EXPECT_EQ(PasswordRuleBroken("éléphantééé", "a@b.fr"), "password_too_short");
  EXPECT_EQ(PasswordRuleBroken(std::string(257, 'x'), "a@b.fr"), "password_too_long");
  EXPECT_EQ(PasswordRuleBroken("WinnieThePooh", "a@b.fr"), "password_common");
  EXPECT_EQ(PasswordRuleBroken("Password2024!", "a@b.fr"), "password_common");
  EXPECT_EQ(PasswordRuleBroken("Claire@Example.fr", "claire@example.fr"), "password_is_email");
  EXPECT_EQ(PasswordRuleBroken("cheval agrafe correct", "claire@example.fr"), std::nullopt);
}

}  // namespace
}  // namespace choral::platform
