#include "core/date.h"

#include <chrono>
#include <string>
#include <tuple>

#include <gtest/gtest.h>

namespace choral::core {
namespace {

Date D(int y, int m, int d) { return Date::FromYmd(y, m, d).value(); }

TEST(DateTest, FromYmdKeepsTheFields) {
  const Date date = D(2026, 11, 26);
  EXPECT_EQ(date.year(), 2026);
  EXPECT_EQ(date.month(), 11);
  EXPECT_EQ(date.day(), 26);
}

TEST(DateTest, FromYmdRefusesDaysThatDoNotExist) {
  for (auto [y, m, d] : {std::tuple{2026, 2, 29},
                         {2026, 2, 30},
                         {2026, 4, 31},
                         {2026, 13, 1},
                         {2026, 0, 1},
                         {2026, 1, 0},
                         {2026, 1, 32},
                         {1900, 2, 29}}) {
    const Result<Date> date = Date::FromYmd(y, m, d);
    ASSERT_FALSE(date.has_value()) << y << "-" << m << "-" << d;
    EXPECT_EQ(date.error().code, ErrorCode::kInvalidArgument);
  }
  EXPECT_EQ(Date::FromYmd(2026, 2, 30).error().message, "date 2026-02-30 does not exist");
  // Leap years: divisible by 4, except centuries, except those divisible by 400.
  EXPECT_TRUE(Date::FromYmd(2024, 2, 29).has_value());
  EXPECT_TRUE(Date::FromYmd(2000, 2, 29).has_value());
}

TEST(DateTest, FromYmdKeepsToItsRange) {
  EXPECT_TRUE(Date::FromYmd(1900, 1, 1).has_value());
  EXPECT_TRUE(Date::FromYmd(9999, 12, 31).has_value());
  EXPECT_EQ(Date::FromYmd(1899, 12, 31).error().message,
            "date 1899-12-31 is outside 1900-01-01..9999-12-31");
  EXPECT_FALSE(Date::FromYmd(10000, 1, 1).has_value());
  EXPECT_FALSE(Date::FromYmd(-2026, 1, 1).has_value());
}

TEST(DateTest, ParsesTheFourAcceptedFormats) {
  const Date expected = D(2026, 11, 26);
  for (const char* text : {"2026-11-26", "26/11/2026", "26-11-2026", "20261126", " 2026-11-26\t"}) {
    const Result<Date> date = Date::Parse(text);
    ASSERT_TRUE(date.has_value()) << text << ": " << date.error().message;
    EXPECT_EQ(*date, expected) << text;
  }
}

TEST(DateTest, ParseRefusesOtherShapesNamingTheText) {
  for (const char* text :
       {"", "2026/11/26", "26.11.2026", "26/11-2026", "2026-11-6", "6/11/2026", "261126", "2026112",
        "2026-11-26T10:00", "2O26-11-26", "26 novembre 2026", "+2026-1-26", "-2026-11-26"}) {
    const Result<Date> date = Date::Parse(text);
    ASSERT_FALSE(date.has_value()) << text;
    EXPECT_EQ(date.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(date.error().message.find(std::string("\"") + text + "\""), std::string::npos)
        << date.error().message;
  }
  EXPECT_EQ(Date::Parse("26.11.2026").error().message,
            "date \"26.11.2026\" is not in a known format (YYYY-MM-DD, DD/MM/YYYY, DD-MM-YYYY or "
            "YYYYMMDD)");
}

TEST(DateTest, ParseRefusesImpossibleDatesInEveryFormat) {
  EXPECT_EQ(Date::Parse("30/02/2026").error().message, "date \"30/02/2026\" does not exist");
  EXPECT_FALSE(Date::Parse("2026-02-30").has_value());
  EXPECT_FALSE(Date::Parse("20261301").has_value());
  EXPECT_EQ(Date::Parse("31/12/1899").error().message,
            "date \"31/12/1899\" is outside 1900-01-01..9999-12-31");
}

TEST(DateTest, FormatsIsoAndFrenchAndRoundTrips) {
  const Date date = D(2026, 3, 7);
  EXPECT_EQ(date.ToIso(), "2026-03-07");
  EXPECT_EQ(date.ToFrench(), "07/03/2026");
  EXPECT_EQ(Date::Parse(date.ToIso()).value(), date);
  EXPECT_EQ(Date::Parse(date.ToFrench()).value(), date);
  EXPECT_EQ(D(1900, 1, 1).ToIso(), "1900-01-01");
}

TEST(DateTest, AddDaysCrossesMonthsYearsAndLeapDays) {
  EXPECT_EQ(D(2026, 11, 26).AddDays(30), D(2026, 12, 26));
  EXPECT_EQ(D(2026, 12, 31).AddDays(1), D(2027, 1, 1));
  EXPECT_EQ(D(2024, 2, 28).AddDays(1), D(2024, 2, 29));
  EXPECT_EQ(D(2026, 3, 1).AddDays(-1), D(2026, 2, 28));
  EXPECT_EQ(D(2026, 1, 15).AddDays(0), D(2026, 1, 15));
}

TEST(DateTest, FromSysDaysIsTheUtcDay) {
  using namespace std::chrono;
  EXPECT_EQ(Date::FromSysDays(sys_days{}), D(1970, 1, 1));
  EXPECT_EQ(Date::FromSysDays(sys_days{year{2026} / 11 / 26}), D(2026, 11, 26));
  EXPECT_EQ(D(2026, 11, 26).ToSysDays(), sys_days{year{2026} / 11 / 26});
}

TEST(DateTest, OrdersChronologically) {
  EXPECT_LT(D(2025, 12, 31), D(2026, 1, 1));
  EXPECT_LT(D(2026, 1, 31), D(2026, 2, 1));
  EXPECT_GT(D(2026, 2, 1), D(2026, 1, 31));
  EXPECT_EQ(D(2026, 2, 1) <=> D(2026, 2, 1), std::strong_ordering::equal);
  EXPECT_NE(D(2026, 2, 1), D(2026, 2, 2));
}

TEST(DateDeathTest, AddDaysPastTheRangeIsABug) {
  EXPECT_DEATH(D(9999, 12, 31).AddDays(1), "Date out of range");
  EXPECT_DEATH(D(1900, 1, 1).AddDays(-1), "Date out of range");
}

}  // namespace
}  // namespace choral::core
