#include "rules/xpath_values.h"

#include <cmath>

#include <gtest/gtest.h>

namespace choral::rules::xpath {
namespace {

Dec D(std::string_view text) { return ParseDecimal(text); }

TEST(XPathStrings, NormalizeSpaceAndBlank) {
  EXPECT_EQ(NormalizeSpace("  a \n\t b  "), "a b");
  EXPECT_TRUE(IsBlank(std::optional<std::string>()));
  EXPECT_TRUE(IsBlank(std::optional<std::string>(" \n")));
  EXPECT_FALSE(IsBlank(std::optional<std::string>(" x ")));
}

TEST(XPathStrings, CountsCharactersNotBytes) {
  EXPECT_EQ(StringLength("é1"), 2u);
  EXPECT_EQ(Prefix("éabc", 2), "éa");
  EXPECT_EQ(Prefix("F", 2), "F");
  EXPECT_EQ(CharactersAfterPoint("12.345"), 3u);
  EXPECT_EQ(CharactersAfterPoint("12.5 "), 2u);  // the blank counts, as in substring-after
  EXPECT_EQ(CharactersAfterPoint("12"), 0u);
}

TEST(XPathDecimal, ParsesTheXsDecimalForms) {
  EXPECT_TRUE(Eq(D(" +1.50 "), D("1.5")));
  EXPECT_TRUE(Eq(D(".5"), D("0.5")));
  EXPECT_TRUE(Eq(D("5."), D("5")));
  EXPECT_TRUE(Eq(D(" 12.50\n"), D("12.5")));
  EXPECT_TRUE(Eq(D("-0.0"), D("0")));
  EXPECT_TRUE(Eq(D("+.5"), D("0.5")));
  EXPECT_FALSE(D("1e3"));
  EXPECT_FALSE(D(""));
  EXPECT_FALSE(D("."));
  EXPECT_FALSE(D("1,5"));
  EXPECT_TRUE(D("123456789012345678901234567890.12345678"));
  EXPECT_FALSE(D("1234567890123456789012345678901234567890"));
}

TEST(XPathDecimal, ArithmeticIsExact) {
  EXPECT_TRUE(Eq(Plus(D("0.1"), D("0.2")), D("0.3")));
  EXPECT_TRUE(Eq(Times(D("123456789.123456789"), D("0.2")), D("24691357.8246913578")));
  EXPECT_TRUE(Eq(Times(D("999999999999.99"), D("0.196")), D("195999999999.998040")));
  EXPECT_TRUE(Eq(Minus(D("1"), D("1.001")), D("-0.001")));
  EXPECT_TRUE(Eq(Sum({D("1"), std::nullopt, D("2.5")}), D("3.5")));
  EXPECT_TRUE(Eq(Sum({}), D("0")));
}

TEST(XPathDecimal, RoundsHalfTowardsPositiveInfinity) {
  EXPECT_TRUE(Eq(Round(D("2.5")), D("3")));
  EXPECT_TRUE(Eq(Round(D("-2.5")), D("-2")));
  EXPECT_TRUE(Eq(Round(D("-2.51")), D("-3")));
  EXPECT_TRUE(Eq(Round(D("2.49")), D("2")));
  EXPECT_TRUE(Eq(Round(DividePow10(D("4"), 40)), D("0")));  // beyond 38 decimals
  EXPECT_TRUE(Eq(RoundToCents(D("1.005")), D("1.01")));
  EXPECT_TRUE(Eq(RoundToCents(D("-1.005")), D("-1")));
}

TEST(XPathDecimal, ComparesValuesOfAnyMagnitude) {
  EXPECT_TRUE(Lt(D("-1"), D("0.000000000000000000001")));
  // Too far apart to align on 38 digits: the larger magnitude still decides.
  const Dec huge = D("100000000000000000000000000000000");
  const Dec tiny = D("0.000000001");
  EXPECT_TRUE(Gt(huge, tiny));
  EXPECT_TRUE(Lt(tiny, huge));
  EXPECT_TRUE(Ne(huge, tiny));
  EXPECT_TRUE(Lt(Minus(DecimalOf(0), huge), tiny));
  EXPECT_TRUE(Gt(tiny, Minus(DecimalOf(0), huge)));
}

TEST(XPathDecimal, EmptySequenceComparesFalse) {
  EXPECT_FALSE(Eq(std::nullopt, D("0")));
  EXPECT_FALSE(Ne(std::nullopt, D("0")));
  EXPECT_FALSE(Lt(Plus(std::nullopt, D("1")), D("5")));
}

TEST(XPathDouble, CastsAndRoundsAsXPath) {
  EXPECT_EQ(*ParseDouble(" 1.5 "), 1.5);
  EXPECT_EQ(*ParseDouble("1e2"), 100);
  EXPECT_EQ(*ParseDouble(" 1.5E2 "), 150.0);
  EXPECT_EQ(*ParseDouble("-INF"), -HUGE_VAL);
  EXPECT_FALSE(ParseDouble("1.5x"));
  EXPECT_FALSE(ParseDouble("."));
  EXPECT_FALSE(ParseDouble("0x10"));
  EXPECT_FALSE(ParseDouble("inf"));
  EXPECT_FALSE(ParseDouble("1e"));
  EXPECT_EQ(*RoundDouble(2.5), 3);
  EXPECT_EQ(*RoundDouble(-2.5), -2);
  EXPECT_EQ(*RoundDouble(0.49999999999999994), 0);
  EXPECT_EQ(*RoundDouble(-0.5), 0.0);
  EXPECT_EQ(*RoundDouble(1960.0000000000002), 1960.0);
  // sum() of untyped nodes is in xs:double: 1.005 * 10 * 10 is 100.49999999999999, which rounds
  // down, where the xs:decimal arithmetic rounds up.
  EXPECT_EQ(*RoundDouble(*SumDoubles({1.005}) * 10 * 10), 100);
  // xs:decimal(xs:double) takes the shortest text of the double, as SaxonJS does.
  EXPECT_TRUE(Eq(DecimalOfDouble(SumDoubles({0.1, 0.2})), D("0.30000000000000004")));
  EXPECT_TRUE(Eq(DecimalOfDouble(1.005), D("1.005")));
  EXPECT_TRUE(Eq(DecimalOfDouble(100.1 - 1), D("99.1")));
  EXPECT_TRUE(Eq(DecimalOfDouble(1e21), D("1000000000000000000000")));
  EXPECT_FALSE(DecimalOfDouble(HUGE_VAL));
  // xs:double(xs:decimal) is the nearest double.
  EXPECT_EQ(*DoubleOfDecimal(D("0.1")), 0.1);
  EXPECT_EQ(*DoubleOfDecimal(D("-1234.5678")), -1234.5678);
  EXPECT_FALSE(DoubleOfDecimal(std::nullopt));
}

}  // namespace
}  // namespace choral::rules::xpath
