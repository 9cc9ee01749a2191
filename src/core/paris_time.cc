#include "core/paris_time.h"

#include <cstdio>

namespace choral::core {
namespace {

using std::chrono::days;
using std::chrono::floor;
using std::chrono::hours;
using std::chrono::Sunday;

// 01:00 UTC on the last Sunday of `month` of `year`: when EU clocks change.
Timestamp ChangeInstant(std::chrono::year year, std::chrono::month month) {
  std::chrono::sys_days last_sunday{
      std::chrono::year_month_weekday_last{year, month, std::chrono::weekday_last{Sunday}}};
  return Timestamp(last_sunday) + hours(1);
}

}  // namespace

std::chrono::minutes ParisOffset(Timestamp t) {
  const std::chrono::year year = std::chrono::year_month_day{floor<days>(t)}.year();
  // The year of the UTC day is the right one: both changes are far from New Year.
  const bool summer =
      t >= ChangeInstant(year, std::chrono::March) && t < ChangeInstant(year, std::chrono::October);
  return summer ? hours(2) : hours(1);
}

Date ParisDate(Timestamp t) { return Date::FromSysDays(floor<days>(t + ParisOffset(t))); }

Timestamp ParisDayStart(Date day) {
  const Timestamp midnight_utc(day.ToSysDays());
  // Local midnight is one or two hours before UTC midnight. Trying winter first: if that instant
  // is already in summer time, local midnight is two hours before (no change happens between
  // 22:00 and 23:00 UTC, so the answer is consistent).
  const Timestamp winter_guess = midnight_utc - hours(1);
  return midnight_utc - ParisOffset(winter_guess);
}

std::string FormatParisTime(Timestamp t) {
  const auto local = t + ParisOffset(t);
  const auto day = floor<days>(local);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{floor<std::chrono::minutes>(local - day)};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%02u/%02u/%04d %02d:%02d", static_cast<unsigned>(ymd.day()),
                static_cast<unsigned>(ymd.month()), static_cast<int>(ymd.year()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()));
  return buffer;
}

}  // namespace choral::core
