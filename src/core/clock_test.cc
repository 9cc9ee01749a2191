#include "core/clock.h"

#include <chrono>

#include <gtest/gtest.h>

namespace choral::core {
namespace {

using std::chrono::milliseconds;
using std::chrono::sys_days;
using namespace std::chrono_literals;

Timestamp At(std::chrono::year_month_day day, milliseconds time_of_day) {
  return Timestamp{sys_days{day}} + time_of_day;
}

TEST(ClockTest, SystemClockReadsTheWallClockToTheMillisecond) {
  const auto before = std::chrono::floor<milliseconds>(std::chrono::system_clock::now());
  const Timestamp now = SystemClock{}.Now();
  const auto after = std::chrono::system_clock::now();
  EXPECT_LE(before, now);
  EXPECT_LE(now, after);
}

TEST(ClockTest, FixedClockSaysWhatItIsTold) {
  const Timestamp start = At(std::chrono::year{2026} / 11 / 26, 0ms);
  FixedClock clock(start);
  const Clock& as_clock = clock;
  EXPECT_EQ(as_clock.Now(), start);
  clock.Advance(1500ms);
  EXPECT_EQ(clock.Now(), start + 1500ms);
  clock.Set(start - 24h);
  EXPECT_EQ(clock.Now(), start - 24h);
}

TEST(FormatTimestampTest, WritesUtcWithMilliseconds) {
  EXPECT_EQ(FormatTimestamp(At(std::chrono::year{2026} / 11 / 26, 21h + 36min + 43s + 123ms)),
            "2026-11-26T21:36:43.123Z");
  EXPECT_EQ(FormatTimestamp(Timestamp{}), "1970-01-01T00:00:00.000Z");
}

TEST(FormatTimestampTest, RoundsDownBeforeTheEpoch) {
  // One millisecond before 1970 is the last millisecond of 1969, not a negative time of day.
  EXPECT_EQ(FormatTimestamp(Timestamp{} - 1ms), "1969-12-31T23:59:59.999Z");
}

TEST(ParseTimestampTest, RoundTripsWhatFormatWrites) {
  for (const Timestamp t :
       {Timestamp{}, At(std::chrono::year{2026} / 11 / 26, 21h + 36min + 43s + 123ms),
        At(std::chrono::year{2024} / 2 / 29, 23h + 59min + 59s + 999ms),
        At(std::chrono::year{1900} / 1 / 1, 0ms)}) {
    const Result<Timestamp> parsed = ParseTimestamp(FormatTimestamp(t));
    ASSERT_TRUE(parsed.has_value()) << FormatTimestamp(t);
    EXPECT_EQ(*parsed, t);
  }
}

TEST(ParseTimestampTest, MillisecondsAreOptional) {
  const Result<Timestamp> parsed = ParseTimestamp("2026-11-26T21:36:43Z");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(*parsed, At(std::chrono::year{2026} / 11 / 26, 21h + 36min + 43s));
}

TEST(ParseTimestampTest, RefusesOtherShapesNamingTheText) {
  for (const char* text :
       {"", "2026-11-26", "2026-11-26T21:36:43", "2026-11-26 21:36:43Z", "2026-11-26T21:36:43.12Z",
        "2026-11-26T21:36:43.1234Z", "2026-11-26T21:36:43+01:00", "2026-1a-26T21:36:43Z",
        "2026-11-26T21:36:43.123z"}) {
    const Result<Timestamp> parsed = ParseTimestamp(text);
    ASSERT_FALSE(parsed.has_value()) << text;
    EXPECT_EQ(parsed.error().code, ErrorCode::kMalformedInput);
    EXPECT_NE(parsed.error().message.find(std::string("\"") + text + "\""), std::string::npos)
        << parsed.error().message;
  }
}

TEST(ParseTimestampTest, RefusesImpossibleDatesAndTimes) {
  EXPECT_FALSE(ParseTimestamp("2026-02-29T00:00:00Z").has_value());
  EXPECT_FALSE(ParseTimestamp("2026-13-01T00:00:00Z").has_value());
  EXPECT_FALSE(ParseTimestamp("1899-12-31T23:59:59Z").has_value());
  EXPECT_FALSE(ParseTimestamp("2026-11-26T24:00:00Z").has_value());
  EXPECT_FALSE(ParseTimestamp("2026-11-26T23:60:00Z").has_value());
  EXPECT_FALSE(ParseTimestamp("2026-11-26T23:59:60Z").has_value());
  const Result<Timestamp> bad = ParseTimestamp("2026-11-26T25:00:00Z");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().message, "timestamp \"2026-11-26T25:00:00Z\" has no such time of day");
}

}  // namespace
}  // namespace choral::core
