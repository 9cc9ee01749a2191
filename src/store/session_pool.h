// Private to the store: a fixed-size pool of soci sessions. A session is used by one thread at a
// time (SOCI sessions are not thread-safe); a session found broken is replaced on next use.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include <soci/soci.h>

#include "core/result.h"

namespace choral::store {

class SessionPool {
 public:
  // Opens a new session (throws soci::soci_error when it cannot).
  using Connect = std::function<std::unique_ptr<soci::session>()>;
  // Whether a session that just reported an error can still be used.
  using Healthy = std::function<bool(soci::session&)>;

  // Takes ownership of the already opened `sessions` (at least one).
  SessionPool(std::vector<std::unique_ptr<soci::session>> sessions, Connect connect,
              Healthy healthy);

  // Exclusive use of one session until destroyed.
  class Lease {
   public:
    Lease(Lease&& other) noexcept
        : pool_(other.pool_), session_(std::move(other.session_)), suspect_(other.suspect_) {}
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    soci::session& operator*() const { return *session_; }
    soci::session* operator->() const { return session_.get(); }
    // Call after an error: the pool checks the session and replaces it if it is broken.
    void MarkSuspect() { suspect_ = true; }

   private:
    friend class SessionPool;
    Lease(const SessionPool& pool, std::unique_ptr<soci::session> session)
        : pool_(pool), session_(std::move(session)) {}
    const SessionPool& pool_;
    std::unique_ptr<soci::session> session_;
    bool suspect_ = false;
  };

  // Waits for a free session. kUnavailable when a broken session must be replaced and the
  // database cannot be reached. Thread-safe.
  core::Result<Lease> Acquire() const;

 private:
  void Release(std::unique_ptr<soci::session> session, bool suspect) const;

  Connect connect_;
  Healthy healthy_;
  mutable std::mutex mutex_;
  mutable std::condition_variable available_;
  // Free sessions; a null entry is a slot whose session was dropped and must be reopened.
  mutable std::vector<std::unique_ptr<soci::session>> free_;
};

}  // namespace choral::store
