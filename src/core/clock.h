// Clock: where "now" comes from. Pure modules never read the clock; they are passed "now".
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/result.h"

namespace choral::core {

// A point in time, UTC, with millisecond precision (what the database keeps).
using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

// The real wall clock. Thread-safe.
class SystemClock final : public Clock {
 public:
  Timestamp Now() const override;
};

// A clock that says what it is told; for tests.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(Timestamp now) : now_(now) {}
  Timestamp Now() const override { return now_; }
  void Set(Timestamp now) { now_ = now; }
  void Advance(std::chrono::milliseconds by) { now_ += by; }

 private:
  Timestamp now_;
};

// "2026-11-26T21:36:43.123Z".
std::string FormatTimestamp(Timestamp t);

// Parses what FormatTimestamp writes (the ".123" part is optional). kMalformedInput otherwise.
Result<Timestamp> ParseTimestamp(std::string_view text);

}  // namespace choral::core
