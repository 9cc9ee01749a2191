#include "store/session_pool.h"

#include "store/db_error.h"

namespace choral::store {

SessionPool::SessionPool(std::vector<std::unique_ptr<soci::session>> sessions, Connect connect,
                         Healthy healthy)
    : connect_(std::move(connect)), healthy_(std::move(healthy)), free_(std::move(sessions)) {}

SessionPool::Lease::~Lease() {
  if (session_ != nullptr) pool_.Release(std::move(session_), suspect_);
}

core::Result<SessionPool::Lease> SessionPool::Acquire() const {
  std::unique_ptr<soci::session> session;
  {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [&] { return !free_.empty(); });
    session = std::move(free_.back());
    free_.pop_back();
  }
  if (session == nullptr) {
    // Reconnect outside the lock: it may take a while and other threads can use other slots.
    try {
      session = connect_();
    } catch (...) {
      core::Error error = CurrentExceptionToError("reconnecting to the database");
      Release(nullptr, false);
      error.code = core::ErrorCode::kUnavailable;
      return core::Fail(std::move(error));
    }
  }
  return Lease(*this, std::move(session));
}

void SessionPool::Release(std::unique_ptr<soci::session> session, bool suspect) const {
  if (session != nullptr && suspect && !healthy_(*session)) session.reset();
  {
    std::lock_guard lock(mutex_);
    free_.push_back(std::move(session));
  }
  available_.notify_one();
}

}  // namespace choral::store
