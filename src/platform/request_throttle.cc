#include "platform/request_throttle.h"

namespace choral::platform {

bool RequestThrottle::ThrottledLocked(const std::string& key, core::Timestamp now) {
  auto it = windows_.find(key);
  if (it == windows_.end()) return false;
  if (now - it->second.start >= options_.window) {
    windows_.erase(it);
    return false;
  }
  return it->second.count >= options_.max_events;
}

void RequestThrottle::RecordLocked(const std::string& key, core::Timestamp now) {
  Window& w = windows_[key];
  if (w.count == 0 || now - w.start >= options_.window) w = Window{0, now};
  ++w.count;
}

bool RequestThrottle::Throttled(const std::string& key, core::Timestamp now) {
  std::lock_guard lock(mutex_);
  return ThrottledLocked(key, now);
}

void RequestThrottle::Record(const std::string& key, core::Timestamp now) {
  std::lock_guard lock(mutex_);
  RecordLocked(key, now);
}

bool RequestThrottle::Take(const std::string& key, core::Timestamp now) {
  std::lock_guard lock(mutex_);
  if (ThrottledLocked(key, now)) return true;
  RecordLocked(key, now);
  return false;
}

}  // namespace choral::platform
