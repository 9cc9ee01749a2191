#include "core/decimal.h"

#include <string>

#include <gtest/gtest.h>

namespace choral::core {
namespace {

Decimal P(std::string_view text) {
  Result<Decimal> d = Decimal::Parse(text);
  EXPECT_TRUE(d.has_value()) << text << ": " << (d ? "" : d.error().message);
  return d.value_or(Decimal());
}

std::string ParseError(std::string_view text) {
  Result<Decimal> d = Decimal::Parse(text);
  if (d.has_value()) return "parsed as " + d->ToString();
  EXPECT_EQ(d.error().code, ErrorCode::kInvalidArgument);
  return d.error().message;
}

TEST(DecimalParseTest, MachineForm) {
  EXPECT_EQ(P("1234.56"), Decimal::FromCents(123456));
  EXPECT_EQ(P("1234.56").scale(), 2);
  EXPECT_EQ(P("1234.56").units(), 123456);
  EXPECT_EQ(P("-0.5"), Decimal::FromUnits(-5, 1));
  EXPECT_TRUE(P("-0.5").IsNegative());
  EXPECT_EQ(P("+12"), Decimal::FromInteger(12));
  EXPECT_EQ(P("0"), Decimal());
  EXPECT_EQ(P("007.10"), Decimal::FromUnits(71, 1));
  EXPECT_EQ(P("0.000000001"), Decimal::FromUnits(1, 9));
}

TEST(DecimalParseTest, KeepsTheWrittenScale) {
  EXPECT_EQ(P("1.50").scale(), 2);
  EXPECT_EQ(P("1.5").scale(), 1);
  EXPECT_EQ(P("1.50"), P("1.5"));
  EXPECT_EQ(P("1.50").ToString(), "1.50");
}

TEST(DecimalParseTest, FrenchAndEnglishGrouping) {
  const Decimal expected = Decimal::FromCents(123456);
  for (const char* text : {"1 234,56", "1.234,56", "1,234.56", "1234,56", "1234.56", " 1 234,56 ",
                           "1\xC2\xA0"
                           "234,56",  // U+00A0 no-break space
                           "1\xE2\x80\xAF"
                           "234,56"}) {  // U+202F narrow no-break space
    EXPECT_EQ(P(text), expected) << text;
  }
  EXPECT_EQ(P("-1 234,56"), -expected);
  EXPECT_EQ(P("1 234 567,89"), Decimal::FromCents(123456789));
  EXPECT_EQ(P("1\xC2\xA0"
              "234 567,89"),
            Decimal::FromCents(123456789));  // spaces of both kinds
  EXPECT_EQ(P("1,234,567.89"), Decimal::FromCents(123456789));
  EXPECT_EQ(P("1 234"), Decimal::FromInteger(1234));
}

TEST(DecimalParseTest, ARepeatedMarkIsGrouping) {
  // A '.' or ',' that appears twice cannot be the decimal mark.
  EXPECT_EQ(P("1.234.567"), Decimal::FromInteger(1234567));
  EXPECT_EQ(P("1,234,567"), Decimal::FromInteger(1234567));
  // Alone, the last mark is decimal, whatever the number of digits after it.
  EXPECT_EQ(P("1,234"), Decimal::FromUnits(1234, 3));
  EXPECT_EQ(P("1.234"), Decimal::FromUnits(1234, 3));
}

TEST(DecimalParseTest, RefusesMalformedTextNamingIt) {
  EXPECT_EQ(ParseError(""), "decimal \"\" is empty");
  EXPECT_EQ(ParseError("   "), "decimal \"   \" is empty");
  EXPECT_EQ(ParseError("12,3,4"),
            "decimal \"12,3,4\" has a thousands group without exactly 3 digits");
  EXPECT_EQ(ParseError("1.2.3"),
            "decimal \"1.2.3\" has a thousands group without exactly 3 digits");
  EXPECT_EQ(ParseError("abc"),
            "decimal \"abc\" has a character that is not a digit or a separator");
  EXPECT_EQ(ParseError("-"), "decimal \"-\" has no digits");
  EXPECT_EQ(ParseError("12."), "decimal \"12.\" ends with a separator");
  EXPECT_EQ(ParseError(".5"), "decimal \".5\" has a separator not between digits");
  EXPECT_EQ(ParseError("1..5"), "decimal \"1..5\" has a separator not between digits");
  EXPECT_EQ(ParseError("1 234.567,89"), "decimal \"1 234.567,89\" mixes thousands separators");
  EXPECT_EQ(ParseError("1234 567"),
            "decimal \"1234 567\" has a thousands group without exactly 3 digits");
  EXPECT_EQ(ParseError("12 34"),
            "decimal \"12 34\" has a thousands group without exactly 3 digits");
  EXPECT_EQ(ParseError("1,5 0"),
            "decimal \"1,5 0\" has a thousands group without exactly 3 digits");
  EXPECT_EQ(ParseError("0.1234567891"), "decimal \"0.1234567891\" has more than 9 decimals");
  for (const char* text : {"1e5", "--5", "5-", "1_000", "12 €", "€12", "0x10",
                           "1\xC2"
                           "234",
                           "NaN", "inf", "1'234"}) {
    EXPECT_FALSE(Decimal::Parse(text).has_value()) << text;
  }
}

TEST(DecimalParseTest, RefusesValuesBeyondTenToTheEighteenUnits) {
  EXPECT_EQ(P("1000000000000000000"), Decimal::FromInteger(Decimal::kMaxUnits));
  EXPECT_EQ(P("-1000000000.000000000").units(), -Decimal::kMaxUnits);
  EXPECT_EQ(ParseError("1000000000000000001"), "decimal \"1000000000000000001\" is too large");
  EXPECT_EQ(ParseError("1000000000.0000000001"),
            "decimal \"1000000000.0000000001\" has more than 9 decimals");
  EXPECT_EQ(ParseError("10000000000.000000001"), "decimal \"10000000000.000000001\" is too large");
  EXPECT_EQ(ParseError(std::string(400, '9')),
            "decimal \"" + std::string(60, '9') + "...\" is too large");
}

TEST(DecimalRoundTest, HalfAwayFromZero) {
  EXPECT_EQ(P("2.345").Round(2), P("2.35"));
  EXPECT_EQ(P("-2.345").Round(2), P("-2.35"));
  EXPECT_EQ(P("0.005").Round(2), P("0.01"));
  EXPECT_EQ(P("-0.005").Round(2), P("-0.01"));
  EXPECT_EQ(P("2.3449").Round(2), P("2.34"));
  EXPECT_EQ(P("-2.3449").Round(2), P("-2.34"));
  EXPECT_EQ(P("0.004").Round(2), Decimal());
  EXPECT_EQ(P("9.995").RoundToCents(), P("10"));
  EXPECT_EQ(P("2.5").Round(0), P("3"));
  EXPECT_EQ(P("-2.5").Round(0), P("-3"));
  EXPECT_EQ(P("999999999.999999999").Round(0), P("1000000000"));
}

TEST(DecimalRoundTest, SetsTheScale) {
  EXPECT_EQ(P("2.345").Round(2).scale(), 2);
  EXPECT_EQ(P("2.345").Round(2).units(), 235);
  const Decimal padded = P("12").Round(2);
  EXPECT_EQ(padded.scale(), 2);
  EXPECT_EQ(padded.units(), 1200);
  EXPECT_EQ(P("1.5").Round(1).units(), 15);
}

TEST(DecimalArithmeticTest, SumsAndDifferencesAreExact) {
  EXPECT_EQ(P("0.1") + P("0.2"), P("0.3"));
  EXPECT_EQ(P("1.05") + P("2.5"), P("3.55"));
  EXPECT_EQ((P("1.05") + P("2.5")).scale(), 2);
  EXPECT_EQ(P("1") - P("0.01"), P("0.99"));
  EXPECT_EQ(P("0.01") - P("1"), P("-0.99"));
  EXPECT_EQ(-P("3.5"), P("-3.5"));
  EXPECT_EQ(-Decimal(), Decimal());
}

TEST(DecimalArithmeticTest, ProductsAreExact) {
  EXPECT_EQ(P("0.1") * P("0.2"), P("0.02"));
  EXPECT_EQ((P("0.1") * P("0.2")).scale(), 2);
  EXPECT_EQ(P("19.99") * P("3"), P("59.97"));
  EXPECT_EQ(P("-1.5") * P("1.5"), P("-2.25"));
  EXPECT_EQ(P("-1.5") * P("-1.5"), P("2.25"));
  // 100.00 EUR HT at 20 % VAT.
  EXPECT_EQ(P("100.00") * P("0.20"), P("20"));
}

TEST(DecimalArithmeticTest, ProductScaleIsCappedByRoundingHalfAwayFromZero) {
  const Decimal product = P("0.00001") * P("0.00005");  // 5e-10
  EXPECT_EQ(product.scale(), Decimal::kMaxScale);
  EXPECT_EQ(product, P("0.000000001"));
  EXPECT_EQ(P("-0.00001") * P("0.00005"), P("-0.000000001"));
  EXPECT_EQ(P("0.00001") * P("0.00004"), Decimal());
}

TEST(DecimalArithmeticTest, LargeButRepresentableResults) {
  const Decimal big = Decimal::FromUnits(Decimal::kMaxUnits, 9);   // 10^9, at scale 9
  EXPECT_EQ(big * P("10"), Decimal::FromInteger(10'000'000'000));  // trailing zeros dropped
  EXPECT_EQ(P("999999999999999999") + P("1"), Decimal::FromInteger(Decimal::kMaxUnits));
  EXPECT_EQ(P("1000000000") * P("1000000000"), Decimal::FromInteger(Decimal::kMaxUnits));
}

TEST(DecimalDeathTest, OverflowIsABug) {
  const Decimal max = Decimal::FromInteger(Decimal::kMaxUnits);
  EXPECT_DEATH(max + P("1"), "Decimal overflow");
  EXPECT_DEATH(-max - P("1"), "Decimal overflow");
  EXPECT_DEATH(max * P("1.1"), "Decimal overflow");
  EXPECT_DEATH(P("10000000000") * P("1000000000"), "Decimal overflow");
  EXPECT_DEATH(max.Round(1), "Decimal overflow");
  EXPECT_DEATH(Decimal::FromUnits(1, 10), "invalid Decimal");
  EXPECT_DEATH(Decimal::FromInteger(Decimal::kMaxUnits + 1), "invalid Decimal");
}

TEST(DecimalCompareTest, ComparesValuesAcrossScales) {
  EXPECT_EQ(P("1.5"), P("1.500000000"));
  EXPECT_NE(P("1.5"), P("1.501"));
  EXPECT_LT(P("1.49"), P("1.5"));
  EXPECT_LT(P("-2"), P("-1.99"));
  EXPECT_GT(Decimal::FromInteger(Decimal::kMaxUnits), Decimal::FromUnits(Decimal::kMaxUnits, 9));
  EXPECT_EQ(P("2") <=> P("2.00"), std::strong_ordering::equal);
  EXPECT_TRUE(P("-0.00").IsZero());
  EXPECT_FALSE(P("-0.00").IsNegative());
}

TEST(DecimalFormatTest, ToString) {
  EXPECT_EQ(P("1234.56").ToString(), "1234.56");
  EXPECT_EQ(Decimal::FromCents(-50).ToString(), "-0.50");
  EXPECT_EQ(Decimal::FromInteger(12).ToString(), "12");
  EXPECT_EQ(Decimal::FromInteger(12).ToString(2), "12.00");
  EXPECT_EQ(P("1.5").ToString(2), "1.50");
  EXPECT_EQ(P("1.234").ToString(2), "1.234");  // min_scale never rounds
  EXPECT_EQ(Decimal::FromUnits(5, 9).ToString(), "0.000000005");
  EXPECT_EQ(Decimal::FromUnits(-5, 9).ToString(), "-0.000000005");
  EXPECT_EQ(Decimal().ToString(), "0");
  EXPECT_EQ(Decimal::FromInteger(-Decimal::kMaxUnits).ToString(), "-1000000000000000000");
}

TEST(DecimalFormatTest, ToStringRoundTrips) {
  for (const char* text : {"0", "1234.56", "-0.50", "0.000000001", "-999999999.999999999",
                           "1000000000000000000", "12.30"}) {
    const Decimal d = P(text);
    EXPECT_EQ(d.ToString(), text);
    EXPECT_EQ(P(d.ToString()).scale(), d.scale());
  }
}

TEST(DecimalFormatTest, ToFrench) {
  EXPECT_EQ(P("1234.56").ToFrench(), "1 234,56");
  EXPECT_EQ(P("-1234.56").ToFrench(), "-1 234,56");
  EXPECT_EQ(P("0").ToFrench(), "0,00");
  EXPECT_EQ(P("12").ToFrench(), "12,00");
  EXPECT_EQ(P("123.4").ToFrench(), "123,40");
  EXPECT_EQ(P("1234567.891").ToFrench(), "1 234 567,89");
  EXPECT_EQ(P("999.995").ToFrench(), "1 000,00");
  EXPECT_EQ(P("-0.004").ToFrench(), "0,00");  // rounds to zero: no "-0,00"
  EXPECT_EQ(P("-123456").ToFrench(), "-123 456,00");
  EXPECT_EQ(P(P("-1234.56").ToFrench()), P("-1234.56"));
}

TEST(DecimalTest, SumsAThousandLineAmountsExactly) {
  Decimal total;
  for (int i = 0; i < 1000; ++i) total = total + P("0.10");
  EXPECT_EQ(total, P("100"));
  EXPECT_EQ(total.ToString(), "100.00");
}

TEST(DecimalTest, IsUsableInConstantExpressions) {
  // The invariant check in the constructor must not stop constant initialisation.
  constexpr Decimal kVat = Decimal::FromUnits(20, 2);
  EXPECT_EQ(kVat, P("0.2"));
}

}  // namespace
}  // namespace choral::core
