#include "platform/password_hasher.h"

#include <set>

#include <gtest/gtest.h>

namespace choral::platform {
namespace {

TEST(PasswordHasherTest, HashesWithArgon2idAndVerifies) {
  PasswordHasher hasher(PasswordHasher::Minimal());
  auto hash = hasher.Hash("correct horse battery staple");
  ASSERT_TRUE(hash);
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_TRUE(hasher.Verify("correct horse battery staple", *hash));
  EXPECT_FALSE(hasher.Verify("correct horse battery stapl", *hash));
  EXPECT_FALSE(hasher.Verify("", *hash));
}

TEST(PasswordHasherTest, SaltsEveryHash) {
  PasswordHasher hasher(PasswordHasher::Minimal());
  EXPECT_NE(hasher.Hash("same").value(), hasher.Hash("same").value());
}

TEST(PasswordHasherTest, MalformedHashNeverVerifies) {
  PasswordHasher hasher(PasswordHasher::Minimal());
  EXPECT_FALSE(hasher.Verify("x", ""));
  EXPECT_FALSE(hasher.Verify("x", "$argon2id$garbage"));
  EXPECT_FALSE(hasher.Verify("x", std::string(500, 'a')));
}

TEST(RandomHexTest, GivesTwoHexDigitsPerByteAndNeverRepeats) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    std::string token = RandomHex(32);
    ASSERT_EQ(token.size(), 64u);
    EXPECT_EQ(token.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_TRUE(seen.insert(token).second);
  }
}

TEST(ConstantTimeEqualsTest, ComparesContentAndLength) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
  EXPECT_TRUE(ConstantTimeEquals("", ""));
}

}  // namespace
}  // namespace choral::platform
