#include "http/form.h"

#include <gtest/gtest.h>

namespace choral::http {
namespace {

TEST(FormTest, DecodesFieldsAndEscapes) {
  auto form = Form::Parse("email=claire.martin%40numerique.example&password=a+b%26c&csrf=x");
  ASSERT_TRUE(form) << form.error().ToString();
  EXPECT_EQ(form->Get("email"), "claire.martin@numerique.example");
  EXPECT_EQ(form->Get("password"), "a b&c");
  EXPECT_TRUE(form->Has("csrf"));
  EXPECT_FALSE(form->Has("missing"));
  EXPECT_EQ(form->Get("missing"), "");
}

TEST(FormTest, FirstValueOfARepeatedFieldWins) {
  auto form = Form::Parse("role=user&role=admin");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->Get("role"), "user");
}

TEST(FormTest, GetAllGivesEveryValueOfARepeatedField) {
  auto form = Form::Parse("statut=A&x=1&statut=B&statut=A");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->GetAll("statut"), (std::vector<std::string>{"A", "B", "A"}));
  EXPECT_EQ(form->GetAll("x"), std::vector<std::string>{"1"});
  EXPECT_TRUE(form->GetAll("absent").empty());
}

TEST(FormTest, FieldWithoutValueIsEmpty) {
  auto form = Form::Parse("a&b=&&c=3");
  ASSERT_TRUE(form);
  EXPECT_TRUE(form->Has("a"));
  EXPECT_EQ(form->Get("a"), "");
  EXPECT_EQ(form->Get("c"), "3");
}

TEST(FormTest, RefusesBadEscapes) {
  for (const char* bad : {"a=%", "a=%4", "a=%zz", "%g0=1"}) {
    auto form = Form::Parse(bad);
    ASSERT_FALSE(form) << bad;
    EXPECT_EQ(form.error().code, core::ErrorCode::kMalformedInput);
  }
}

TEST(FormTest, RefusesTooManyFieldsAndLongNames) {
  std::string many;
  for (int i = 0; i < 5; ++i) many += "f" + std::to_string(i) + "=1&";
  EXPECT_FALSE(Form::Parse(many, 4));
  EXPECT_TRUE(Form::Parse(many, 5));
  EXPECT_FALSE(Form::Parse(std::string(101, 'n') + "=1"));
}

TEST(PercentDecodeTest, PlusIsSpaceOnlyInForms) {
  EXPECT_EQ(PercentDecode("a+b%20c", true).value(), "a b c");
  EXPECT_EQ(PercentDecode("a+b%20c", false).value(), "a+b c");
  EXPECT_EQ(PercentDecode("%C3%A9", false).value(), "\xC3\xA9");
}

}  // namespace
}  // namespace choral::http
