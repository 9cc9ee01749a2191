// RequestThrottle: counts events per key (an account, an address) in a fixed window, in memory,
// so that guessing passwords or flooding mailboxes from one place is slowed down.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/clock.h"

namespace choral::platform {

struct ThrottleOptions {
  int max_events = 5;               // per key within the window
  std::chrono::minutes window{15};  // the count starts again this long after the first event
};

// Thread-safe. Memory grows with the number of distinct keys seen within a window; keys whose
// window has ended are dropped when they are next looked at.
class RequestThrottle {
 public:
  explicit RequestThrottle(ThrottleOptions options) : options_(options) {}

  // True when `key` already has max_events in the current window.
  bool Throttled(const std::string& key, core::Timestamp now);
  // Counts one event for `key`.
  void Record(const std::string& key, core::Timestamp now);
  // Throttled(key), and when not, Record(key): for requests counted whether or not they succeed.
  bool Take(const std::string& key, core::Timestamp now);

  const ThrottleOptions& options() const { return options_; }

 private:
  struct Window {
    int count = 0;
    core::Timestamp start{};
  };
  bool ThrottledLocked(const std::string& key, core::Timestamp now);
  void RecordLocked(const std::string& key, core::Timestamp now);

  ThrottleOptions options_;
  std::mutex mutex_;
  std::unordered_map<std::string, Window> windows_;
};

}  // namespace choral::platform
