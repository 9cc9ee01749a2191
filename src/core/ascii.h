// Small ASCII helpers shared by core's parsers (dates, timestamps): locale-free on purpose.
#pragma once

#include <string_view>

namespace choral::core {

// The number written by the `count` ASCII digits at `text[pos]`; -1 if any is not a digit.
// REQUIRES: pos + count <= text.size().
inline int ParseDigits(std::string_view text, size_t pos, size_t count) {
  int value = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace choral::core
