// Paris time: what French users read on a clock. libstdc++ 12 has no tzdb
// (std::chrono::zoned_time), so the one zone Choral shows is computed from the EU summer-time rule.
#pragma once

#include <chrono>
#include <string>

#include "core/clock.h"
#include "core/date.h"

namespace choral::core {

// Europe/Paris's offset from UTC at `t`: 2 hours from the last Sunday of March 01:00 UTC
// (inclusive) to the last Sunday of October 01:00 UTC (exclusive), 1 hour otherwise. The EU rule
// (directive 2000/84/EC, same instants since 1996); earlier instants get it too.
std::chrono::minutes ParisOffset(Timestamp t);

// The Paris calendar day `t` falls on.
Date ParisDate(Timestamp t);

// The instant the Paris day `day` begins (its 00:00 local time, which always exists: the
// changes happen at 02:00 and 03:00 local). A range of Paris days [from, to] is the instants
// [ParisDayStart(from), ParisDayStart(to + 1 day)).
Timestamp ParisDayStart(Date day);

// "27/11/2026 14:05": French day/month/year and 24-hour time in Paris, minutes truncated.
std::string FormatParisTime(Timestamp t);

}  // namespace choral::core
