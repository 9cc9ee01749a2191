#include "core/clock.h"

#include <cstdio>
#include <string>
#include <string_view>

#include "core/ascii.h"
#include "core/date.h"

namespace choral::core {
namespace {

using std::chrono::days;
using std::chrono::floor;
using std::chrono::milliseconds;

}  // namespace

Timestamp SystemClock::Now() const { return floor<milliseconds>(std::chrono::system_clock::now()); }

std::string FormatTimestamp(Timestamp t) {
  // floor, not duration_cast: before 1970 the day must round down, or the time of day is negative.
  const auto day = floor<days>(t);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{t - day};
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()),
                static_cast<int>(hms.subseconds().count()));
  return buffer;
}

Result<Timestamp> ParseTimestamp(std::string_view text) {
  auto fail = [text](const char* why) {
    return Fail(ErrorCode::kMalformedInput, "timestamp " + Quoted(text) + " " + why);
  };
  // "2026-11-26T21:36:43Z" (20 bytes) or "2026-11-26T21:36:43.123Z" (24 bytes).
  const bool with_millis = text.size() == 24;
  if ((text.size() != 20 && !with_millis) || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
      text[13] != ':' || text[16] != ':' || (with_millis && text[19] != '.') ||
      text.back() != 'Z') {
    return fail("is not of the form 2026-11-26T21:36:43.123Z");
  }
  const int year = ParseDigits(text, 0, 4);
  const int month = ParseDigits(text, 5, 2);
  const int day = ParseDigits(text, 8, 2);
  const int hour = ParseDigits(text, 11, 2);
  const int minute = ParseDigits(text, 14, 2);
  const int second = ParseDigits(text, 17, 2);
  const int millis = with_millis ? ParseDigits(text, 20, 3) : 0;
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || millis < 0) {
    return fail("is not of the form 2026-11-26T21:36:43.123Z");
  }
  // Date's range, so that Date::FromSysDays of any parsed timestamp is defined.
  const Result<Date> date = Date::FromYmd(year, month, day);
  if (!date) return fail("has no such date in 1900..9999");
  // UTC has no leap seconds in std::chrono::sys_time, hence 59 at most.
  if (hour > 23 || minute > 59 || second > 59) return fail("has no such time of day");
  return Timestamp{date->ToSysDays()} + std::chrono::hours{hour} + std::chrono::minutes{minute} +
         std::chrono::seconds{second} + milliseconds{millis};
}

}  // namespace choral::core
