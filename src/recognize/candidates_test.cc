#include "recognize/candidates.h"

#include <gtest/gtest.h>

namespace choral::recognize {
namespace {

std::string Amount(std::string_view text, std::string* currency = nullptr) {
  auto amount = ParseAmount(text, currency);
  return amount ? amount->ToString(2) : "none";
}

TEST(ParseAmountTest, ReadsFrenchEnglishAndGermanForms) {
  std::string currency;
  EXPECT_EQ(Amount("1 234,56 €", &currency), "1234.56");
  EXPECT_EQ(currency, "EUR");
  EXPECT_EQ(Amount("1.234,56"), "1234.56");
  EXPECT_EQ(Amount("1,234.56"), "1234.56");
  EXPECT_EQ(Amount("1234.56 EUR", &currency), "1234.56");
  EXPECT_EQ(currency, "EUR");
  EXPECT_EQ(Amount("$1,234.56", &currency), "1234.56");
  EXPECT_EQ(currency, "USD");
  EXPECT_EQ(Amount("12\xC2\xA0"
                   "480,00"),
            "12480.00");
  EXPECT_EQ(Amount("4 250 €"), "4250.00");
}

TEST(ParseAmountTest, ReadsNegativeForms) {
  EXPECT_EQ(Amount("-233,47"), "-233.47");
  EXPECT_EQ(Amount("- 5,00"), "-5.00");
  EXPECT_EQ(Amount("(233.47)"), "-233.47");
  EXPECT_EQ(Amount("233,47-"), "-233.47");
  EXPECT_EQ(Amount("-218,48 €"), "-218.48");
}

TEST(ParseAmountTest, RefusesWhatIsNotAnAmount) {
  EXPECT_EQ(Amount("20,00%"), "none");
  EXPECT_EQ(Amount("9,9000"), "none");  // a unit price with four decimals
  EXPECT_EQ(Amount("2024"), "none");    // a bare integer
  EXPECT_EQ(Amount("05.03.2018"), "none");
  EXPECT_EQ(Amount("F20220024"), "none");
  EXPECT_EQ(Amount("EUR"), "none");
  EXPECT_EQ(Amount("1,234"), "none");  // thousands or decimals: cannot tell
}

std::string Date(std::string_view text) {
  auto date = ParseDate(text);
  return date ? date->ToIso() : "none";
}

TEST(ParseDateTest, ReadsNumericForms) {
  EXPECT_EQ(Date("15/03/2024"), "2024-03-15");
  EXPECT_EQ(Date("15.03.2024"), "2024-03-15");
  EXPECT_EQ(Date("2024-03-15"), "2024-03-15");
  EXPECT_EQ(Date("15-03-24"), "2024-03-15");
  EXPECT_EQ(Date("5/3/2024"), "2024-03-05");
  EXPECT_EQ(Date("03/15/2024"), "2024-03-15");  // month first only when day first cannot be
  EXPECT_EQ(Date("04.04.2018,"), "2018-04-04");
}

TEST(ParseDateTest, ReadsAmbiguousDatesInTheDocumentsOrder) {
  EXPECT_EQ(ParseDate("11/03/2017", DateOrder::kMonthFirst)->ToIso(), "2017-11-03");
  EXPECT_EQ(ParseDate("11/03/2017", DateOrder::kDayFirst)->ToIso(), "2017-03-11");
  // An impossible reading gives way whatever the order.
  EXPECT_EQ(ParseDate("25/12/2017", DateOrder::kMonthFirst)->ToIso(), "2017-12-25");
  using Orders = std::vector<DateOrder>;
  EXPECT_EQ(PossibleDateOrders("11/03/2017"),
            (Orders{DateOrder::kDayFirst, DateOrder::kMonthFirst}));
  EXPECT_EQ(PossibleDateOrders("25/12/2017"), Orders{DateOrder::kDayFirst});
  EXPECT_EQ(PossibleDateOrders("12/25/2017"), Orders{DateOrder::kMonthFirst});
  EXPECT_TRUE(PossibleDateOrders("05/05/2017").empty());
  EXPECT_TRUE(PossibleDateOrders("2017-03-11").empty());
  EXPECT_TRUE(PossibleDateOrders("11 mars 2017").empty());
}

TEST(ParseDateTest, ReadsWrittenForms) {
  EXPECT_EQ(Date("15 mars 2024"), "2024-03-15");
  EXPECT_EQ(Date("1er février 2024"), "2024-02-01");
  EXPECT_EQ(Date("March 15, 2024"), "2024-03-15");
  EXPECT_EQ(Date("15. März 2024"), "2024-03-15");
  EXPECT_EQ(Date("15-Mar-2024"), "2024-03-15");
  EXPECT_EQ(Date("3rd Dec 2023"), "2023-12-03");
}

TEST(ParseDateTest, RefusesImpossibleDates) {
  EXPECT_EQ(Date("31/02/2024"), "none");
  EXPECT_EQ(Date("15/13/2024"), "none");
  EXPECT_EQ(Date("15/03"), "none");
  EXPECT_EQ(Date("1.234,56"), "none");
  EXPECT_EQ(Date("15 bananas 2024"), "none");
  EXPECT_EQ(Date("15/03/1850"), "none");
}

TEST(IdentifierTest, SiretAndSirenByLuhn) {
  EXPECT_EQ(ParseSiret("732 829 320 00074").value_or(""), "73282932000074");
  EXPECT_EQ(ParseSiret("73282932000074").value_or(""), "73282932000074");
  EXPECT_FALSE(ParseSiret("73282932000075"));  // Luhn fails
  EXPECT_FALSE(ParseSiret("7328293200007"));   // 13 digits
  EXPECT_EQ(ParseSiren("732 829 320").value_or(""), "732829320");
  EXPECT_FALSE(ParseSiren("732 829 321"));
}

TEST(IdentifierTest, FrenchVatCarriesItsKey) {
  EXPECT_EQ(ParseVatNumber("FR 11 999 999 998").value_or(""), "FR11999999998");
  EXPECT_EQ(ParseVatNumber("FR91852369743").value_or(""), "FR91852369743");
  EXPECT_FALSE(ParseVatNumber("FR12999999998"));  // wrong key
  EXPECT_EQ(SirenOfVat("FR11999999998"), "999999998");
  EXPECT_EQ(SirenOfVat("DE123456789"), "");
}

TEST(IdentifierTest, OtherVatShapes) {
  EXPECT_EQ(ParseVatNumber("DE 123 456 789").value_or(""), "DE123456789");
  EXPECT_EQ(ParseVatNumber("ATU12345678").value_or(""), "ATU12345678");
  EXPECT_EQ(ParseVatNumber("NL123456789B01").value_or(""), "NL123456789B01");
  EXPECT_EQ(ParseVatNumber("BE0123456789").value_or(""), "BE0123456789");
  EXPECT_FALSE(ParseVatNumber("DE12345678"));
  EXPECT_FALSE(ParseVatNumber("XX123456789"));
}

TEST(IdentifierTest, IbanByMod97) {
  EXPECT_EQ(ParseIban("FR14 2004 1010 0505 0001 3M02 606").value_or(""),
            "FR1420041010050500013M02606");
  EXPECT_EQ(ParseIban("DE08 7009 0100 1234 5678 90").value_or(""), "DE08700901001234567890");
  EXPECT_FALSE(ParseIban("FR15 2004 1010 0505 0001 3M02 606"));
  EXPECT_FALSE(ParseIban("FR14"));
}

TEST(CurrencyTest, SymbolsAndCodes) {
  EXPECT_EQ(ParseCurrency("€").value_or(""), "EUR");
  EXPECT_EQ(ParseCurrency("EUR").value_or(""), "EUR");
  EXPECT_EQ(ParseCurrency("euros").value_or(""), "EUR");
  EXPECT_EQ(ParseCurrency("£").value_or(""), "GBP");
  EXPECT_EQ(ParseCurrency("CHF").value_or(""), "CHF");
  EXPECT_EQ(ParseCurrency("$").value_or(""), "USD");
  EXPECT_FALSE(ParseCurrency("EURONEXT"));
}

TEST(ReferenceTest, KeepsReferencesRefusesValues) {
  EXPECT_EQ(AsReference("F20220024", true), "F20220024");
  EXPECT_EQ(AsReference("AV-2017-0005,", true), "AV-2017-0005");
  EXPECT_EQ(AsReference("2024/B-0098", true), "2024/B-0098");
  EXPECT_EQ(AsReference("SERVEXEC", false), "SERVEXEC");
  EXPECT_EQ(AsReference("SERVEXEC", true), "");
  EXPECT_EQ(AsReference("15/03/2024", true), "");
  EXPECT_EQ(AsReference("1 234,56", true), "");
  EXPECT_EQ(AsReference("x", false), "");
}

}  // namespace
}  // namespace choral::recognize
