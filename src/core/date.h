// Date: a calendar date without time zone (invoice dates, validity dates).
#pragma once

#include <chrono>
#include <compare>
#include <string>
#include <string_view>

#include "core/result.h"

namespace choral::core {

// A valid proleptic Gregorian date between 1900-01-01 and 9999-12-31. Immutable.
class Date {
 public:
  // Checked construction: kInvalidArgument for 2026-02-30, month 13, year outside range.
  static Result<Date> FromYmd(int year, int month, int day);

  // Accepts ISO "2026-11-26", French "26/11/2026" and "26-11-2026", and the EN 16931 CII
  // format 102 "20261126". kInvalidArgument naming the text otherwise.
  static Result<Date> Parse(std::string_view text);

  // The UTC calendar day of a point in time. REQUIRES: inside the range above; aborts otherwise.
  static Date FromSysDays(std::chrono::sys_days days);

  int year() const { return static_cast<int>(ymd_.year()); }
  int month() const { return static_cast<int>(static_cast<unsigned>(ymd_.month())); }
  int day() const { return static_cast<int>(static_cast<unsigned>(ymd_.day())); }
  std::chrono::sys_days ToSysDays() const { return std::chrono::sys_days(ymd_); }

  // REQUIRES: the result inside the range above; aborts otherwise (check user-given offsets).
  Date AddDays(int days) const;

  std::string ToIso() const;     // "2026-11-26"
  std::string ToFrench() const;  // "26/11/2026"

  friend bool operator==(const Date&, const Date&) = default;
  friend std::strong_ordering operator<=>(const Date& a, const Date& b) {
    return a.ToSysDays() <=> b.ToSysDays();
  }

 private:
  explicit Date(std::chrono::year_month_day ymd) : ymd_(ymd) {}
  std::chrono::year_month_day ymd_;
};

}  // namespace choral::core
