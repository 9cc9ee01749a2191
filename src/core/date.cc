#include "core/date.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/ascii.h"

namespace choral::core {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

// The range Date promises: every invoice date is inside it, and four-digit years keep ToIso and
// the database's text columns sortable.
constexpr year_month_day kMin{year{1900}, month{1}, day{1}};
constexpr year_month_day kMax{year{9999}, month{12}, day{31}};

std::string FormatYmd(int y, int m, int d) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", y, m, d);
  return buffer;
}

// Why (y, m, d) is not a Date, or nullptr when it is one.
const char* CheckYmd(int y, int m, int d) {
  // Range-check before building year_month_day: its fields hold unspecified values when given
  // out-of-range ones.
  if (m < 1 || m > 12 || d < 1 || d > 31) return "does not exist";
  if (y < 1900 || y > 9999) return "is outside 1900-01-01..9999-12-31";
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return "does not exist";  // 2026-02-30, 2025-02-29
  return nullptr;
}

bool IsAsciiBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

Result<Date> Date::FromYmd(int year, int month, int day) {
  if (const char* why = CheckYmd(year, month, day)) {
    return Fail(ErrorCode::kInvalidArgument, "date " + FormatYmd(year, month, day) + " " + why);
  }
  return Date(year_month_day{std::chrono::year{year},
                             std::chrono::month{static_cast<unsigned>(month)},
                             std::chrono::day{static_cast<unsigned>(day)}});
}

Result<Date> Date::Parse(std::string_view text) {
  std::string_view s = text;
  while (!s.empty() && IsAsciiBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiBlank(s.back())) s.remove_suffix(1);

  int y = -1;
  int m = -1;
  int d = -1;
  if (s.size() == 10 && s[4] == '-' && s[7] == '-') {  // ISO 8601: 2026-11-26
    y = ParseDigits(s, 0, 4);
    m = ParseDigits(s, 5, 2);
    d = ParseDigits(s, 8, 2);
  } else if (s.size() == 10 && s[2] == s[5] && (s[2] == '/' || s[2] == '-')) {  // 26/11/2026
    d = ParseDigits(s, 0, 2);
    m = ParseDigits(s, 3, 2);
    y = ParseDigits(s, 6, 4);
  } else if (s.size() == 8) {  // EN 16931 CII date format 102: 20261126
    y = ParseDigits(s, 0, 4);
    m = ParseDigits(s, 4, 2);
    d = ParseDigits(s, 6, 2);
  }
  if (y < 0 || m < 0 || d < 0) {
    return Fail(ErrorCode::kInvalidArgument,
                "date " + Quoted(text) +
                    " is not in a known format (YYYY-MM-DD, DD/MM/YYYY, DD-MM-YYYY or YYYYMMDD)");
  }
  if (const char* why = CheckYmd(y, m, d)) {
    return Fail(ErrorCode::kInvalidArgument, "date " + Quoted(text) + " " + why);
  }
  return FromYmd(y, m, d);
}

Date Date::FromSysDays(std::chrono::sys_days days) {
  const year_month_day ymd{days};
  if (ymd < kMin || ymd > kMax) {
    // Timestamps come from a clock or from ParseTimestamp, both inside the range: a bug.
    std::fprintf(stderr, "choral: Date out of range: %d days since 1970-01-01\n",
                 static_cast<int>(days.time_since_epoch().count()));
    std::abort();
  }
  return Date(ymd);
}

Date Date::AddDays(int days) const { return FromSysDays(ToSysDays() + std::chrono::days{days}); }

std::string Date::ToIso() const { return FormatYmd(year(), month(), day()); }

std::string Date::ToFrench() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%02d/%02d/%04d", day(), month(), year());
  return buffer;
}

}  // namespace choral::core
