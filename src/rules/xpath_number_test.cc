#include "rules/xpath_number.h"

#include <cmath>

#include <gtest/gtest.h>

namespace choral::rules {
namespace {

XsDecimal D(std::string_view text) { return *XsDecimal::Parse(text); }

TEST(XsDecimalTest, ParsesTheXsDecimalLexicalFormOnly) {
  EXPECT_EQ(D(" 12.50\n"), D("12.5"));
  EXPECT_EQ(D("-0.0"), D("0"));
  EXPECT_EQ(D("+.5"), D("0.5"));
  EXPECT_FALSE(XsDecimal::Parse("1e3"));
  EXPECT_FALSE(XsDecimal::Parse("1,5"));
  EXPECT_FALSE(XsDecimal::Parse(""));
  EXPECT_FALSE(XsDecimal::Parse("."));
}

TEST(XsDecimalTest, ArithmeticIsExactAndWide) {
  EXPECT_EQ(*Add(D("0.1"), D("0.2")), D("0.3"));
  EXPECT_EQ(*Multiply(D("999999999999.99"), D("0.196")), D("195999999999.998040"));
  EXPECT_EQ(*Subtract(D("1"), D("1.001")), D("-0.001"));
  EXPECT_LT(D("-1"), D("0.000000000000000000001"));
}

TEST(XsDecimalTest, RoundGoesHalfTowardsPositiveInfinity) {
  EXPECT_EQ(D("2.5").Round(), D("3"));
  EXPECT_EQ(D("-2.5").Round(), D("-2"));
  EXPECT_EQ(D("-2.51").Round(), D("-3"));
  EXPECT_EQ(D("2.49").Round(), D("2"));
}

TEST(XsDecimalTest, FromDoubleIsTheShortestDecimal) {
  EXPECT_EQ(*XsDecimal::FromDouble(100.1 - 1), D("99.1"));
  EXPECT_EQ(*XsDecimal::FromDouble(0.1 + 0.2), D("0.30000000000000004"));
  EXPECT_EQ(*XsDecimal::FromDouble(1e21), D("1000000000000000000000"));
  EXPECT_FALSE(XsDecimal::FromDouble(1.0 / 0.0));
}

TEST(XsDoubleTest, CastsLikeXPath) {
  EXPECT_EQ(*ParseXsDouble(" 1.5E2 "), 150.0);
  EXPECT_EQ(*ParseXsDouble("-INF"), -HUGE_VAL);
  EXPECT_FALSE(ParseXsDouble("0x10"));
  EXPECT_FALSE(ParseXsDouble("inf"));
  EXPECT_FALSE(ParseXsDouble("1e"));
  EXPECT_EQ(XPathRound(-0.5), 0.0);
  EXPECT_EQ(XPathRound(1960.0000000000002), 1960.0);
}

}  // namespace
}  // namespace choral::rules
