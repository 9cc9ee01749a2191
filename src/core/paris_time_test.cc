#include "core/paris_time.h"

#include <gtest/gtest.h>

namespace choral::core {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;

Timestamp Utc(std::string_view text) { return *ParseTimestamp(text); }

TEST(ParisTimeTest, WinterIsUtcPlusOneAndSummerUtcPlusTwo) {
  EXPECT_EQ(ParisOffset(Utc("2026-01-15T12:00:00Z")), hours(1));
  EXPECT_EQ(ParisOffset(Utc("2026-07-14T12:00:00Z")), hours(2));
  EXPECT_EQ(ParisOffset(Utc("2026-12-31T23:59:59Z")), hours(1));
}

TEST(ParisTimeTest, ChangesAtOneUtcOnTheLastSundays) {
  // 2026: last Sunday of March is the 29th, of October the 25th.
  EXPECT_EQ(ParisOffset(Utc("2026-03-29T00:59:59.999Z")), hours(1));
  EXPECT_EQ(ParisOffset(Utc("2026-03-29T01:00:00Z")), hours(2));
  EXPECT_EQ(ParisOffset(Utc("2026-10-25T00:59:59.999Z")), hours(2));
  EXPECT_EQ(ParisOffset(Utc("2026-10-25T01:00:00Z")), hours(1));
  // 2027: March 28th and October 31st (a month whose last day is the Sunday).
  EXPECT_EQ(ParisOffset(Utc("2027-03-28T00:59:59Z")), hours(1));
  EXPECT_EQ(ParisOffset(Utc("2027-03-28T01:00:00Z")), hours(2));
  EXPECT_EQ(ParisOffset(Utc("2027-10-31T00:59:59Z")), hours(2));
  EXPECT_EQ(ParisOffset(Utc("2027-10-31T01:00:00Z")), hours(1));
}

TEST(ParisTimeTest, FormatsInFrenchWithLocalTime) {
  EXPECT_EQ(FormatParisTime(Utc("2026-11-27T13:05:59Z")), "27/11/2026 14:05");
  EXPECT_EQ(FormatParisTime(Utc("2026-07-01T22:30:00Z")), "02/07/2026 00:30");
  // Either side of the spring change: 01:59 then 03:00 local.
  EXPECT_EQ(FormatParisTime(Utc("2026-03-29T00:59:00Z")), "29/03/2026 01:59");
  EXPECT_EQ(FormatParisTime(Utc("2026-03-29T01:00:00Z")), "29/03/2026 03:00");
  // The autumn change: 02:59 summer time, then 02:00 winter time.
  EXPECT_EQ(FormatParisTime(Utc("2026-10-25T00:59:00Z")), "25/10/2026 02:59");
  EXPECT_EQ(FormatParisTime(Utc("2026-10-25T01:00:00Z")), "25/10/2026 02:00");
}

TEST(ParisTimeTest, DayStartsAtLocalMidnight) {
  auto day = [](int y, int m, int d) { return *Date::FromYmd(y, m, d); };
  EXPECT_EQ(ParisDayStart(day(2026, 1, 15)), Utc("2026-01-14T23:00:00Z"));
  EXPECT_EQ(ParisDayStart(day(2026, 7, 14)), Utc("2026-07-13T22:00:00Z"));
  // The change days begin in the previous regime, the next days in the new one.
  EXPECT_EQ(ParisDayStart(day(2026, 3, 29)), Utc("2026-03-28T23:00:00Z"));
  EXPECT_EQ(ParisDayStart(day(2026, 3, 30)), Utc("2026-03-29T22:00:00Z"));
  EXPECT_EQ(ParisDayStart(day(2026, 10, 25)), Utc("2026-10-24T22:00:00Z"));
  EXPECT_EQ(ParisDayStart(day(2026, 10, 26)), Utc("2026-10-25T23:00:00Z"));
}

TEST(ParisTimeTest, DateIsTheParisDay) {
  EXPECT_EQ(ParisDate(Utc("2026-07-13T22:00:00Z")).ToIso(), "2026-07-14");
  EXPECT_EQ(ParisDate(Utc("2026-07-13T21:59:59.999Z")).ToIso(), "2026-07-13");
  EXPECT_EQ(ParisDate(Utc("2026-12-31T23:00:00Z")).ToIso(), "2027-01-01");
  EXPECT_EQ(ParisDayStart(ParisDate(Utc("2026-10-25T12:00:00Z"))) + milliseconds(0),
            Utc("2026-10-24T22:00:00Z"));
}

}  // namespace
}  // namespace choral::core
