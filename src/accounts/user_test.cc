#include "accounts/user.h"

#include <string>

#include <gtest/gtest.h>

namespace choral::accounts {
namespace {

std::string ErrorOf(std::string_view email) {
  const core::Result<std::string> normalised = NormaliseEmail(email);
  if (normalised.has_value()) return "valid: " + *normalised;
  EXPECT_EQ(normalised.error().code, core::ErrorCode::kInvalidArgument);
  return normalised.error().message;
}

TEST(UserTest, DisplayNameIsFirstThenLastName) {
  User user;
  user.email = "claire.martin@example.fr";
  user.first_name = "Claire";
  user.last_name = "Martin";
  EXPECT_EQ(user.DisplayName(), "Claire Martin");
  user.first_name = "  ";
  EXPECT_EQ(user.DisplayName(), "Martin");
  user.first_name = "Claire";
  user.last_name = "";
  EXPECT_EQ(user.DisplayName(), "Claire");
  user.first_name = "";
  EXPECT_EQ(user.DisplayName(), "claire.martin@example.fr");
}

TEST(NormaliseEmailTest, LowerCasesAndTrims) {
  EXPECT_EQ(NormaliseEmail("  Claire.Martin@Example.FR\t").value(), "claire.martin@example.fr");
  EXPECT_EQ(NormaliseEmail("a+tag@sub.example.co.uk").value(), "a+tag@sub.example.co.uk");
  // Non-ASCII letters are kept as they are.
  EXPECT_EQ(NormaliseEmail("Cl\xC3\x89"
                           "a@example.fr")
                .value(),
            "cl\xC3\x89"
            "a@example.fr");
}

TEST(NormaliseEmailTest, NeedsExactlyOneAt) {
  EXPECT_EQ(ErrorOf("claire.example.fr"),
            "e-mail address \"claire.example.fr\" must contain exactly one '@'");
  EXPECT_EQ(ErrorOf("a@b@example.fr"),
            "e-mail address \"a@b@example.fr\" must contain exactly one '@'");
  EXPECT_EQ(ErrorOf("@example.fr"), "e-mail address \"@example.fr\" has nothing before '@'");
}

TEST(NormaliseEmailTest, NeedsADotInTheDomain) {
  for (const char* email :
       {"claire@localhost", "claire@", "claire@.fr", "claire@example.", "claire@example..fr"}) {
    EXPECT_EQ(ErrorOf(email), "e-mail address \"" + std::string(email) +
                                  "\" must have a domain with a dot, like name@example.fr");
  }
}

TEST(NormaliseEmailTest, RefusesSpacesAndControlCharacters) {
  EXPECT_EQ(ErrorOf("claire martin@example.fr"),
            "e-mail address \"claire martin@example.fr\" must not contain spaces or control "
            "characters");
  EXPECT_NE(ErrorOf("claire@exam\nple.fr").find("must not contain spaces"), std::string::npos);
}

TEST(NormaliseEmailTest, RefusesEmptyAndTooLong) {
  EXPECT_EQ(ErrorOf(""), "e-mail address \"\" is empty");
  EXPECT_EQ(ErrorOf("   "), "e-mail address \"   \" is empty");
  const std::string domain = "@example.fr";  // 11 characters
  EXPECT_EQ(ErrorOf(std::string(254 - domain.size(), 'a') + domain).substr(0, 6), "valid:");
  EXPECT_NE(ErrorOf(std::string(255 - domain.size(), 'a') + domain)
                .find("must have at most 254 characters"),
            std::string::npos);
}

TEST(NormaliseEmailTest, IsIdempotent) {
  const std::string once = NormaliseEmail(" Jean.Dupont@Mairie-Exemple.FR ").value();
  EXPECT_EQ(NormaliseEmail(once).value(), once);
}

}  // namespace
}  // namespace choral::accounts
