#include "pdf/reader_pool.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace choral::pdf {
namespace {

int ResolveSize(int configured) {
  if (configured > 0) return configured;
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

std::string Busy(int size) {
  return "all " + std::to_string(size) + " PDF readers are busy; try again in a moment";
}

}  // namespace

// Everything the pool's readers and leases share. Leases hold it by shared_ptr so that one
// outstanding when the pool is destroyed still has somewhere to return its reader to.
struct ReaderPool::State {
  // A caller blocked in Acquire(). A releasing lease hands its reader straight to the oldest
  // one, so waiters are served in arrival order and never race a newcomer for an idle reader.
  struct Waiter {
    std::condition_variable ready;
    std::unique_ptr<Reader> handed;
  };

  ReaderOptions reader_options;
  int size = 1;
  std::chrono::milliseconds max_wait{0};
  size_t max_waiting = 0;

  mutable std::mutex mutex;
  // Invariant (outside shutdown): idle is non-empty only when nobody waits, and nobody waits
  // unless all `size` readers exist.
  std::vector<std::unique_ptr<Reader>> idle;  // back = most recently used (its worker is warm)
  int readers = 0;                            // idle + lent
  std::deque<Waiter*> waiters;
  bool shutting_down = false;
  std::condition_variable waiters_gone;  // the destructor waits on it for waiters to leave

  // Takes back a lent reader: to the oldest waiter, else to the idle list; during shutdown it
  // is returned for the caller to destroy outside the lock (that kills and reaps its worker).
  std::unique_ptr<Reader> GiveBack(std::unique_ptr<Reader> reader) {
    std::lock_guard lock(mutex);
    if (shutting_down) {
      --readers;
      return reader;
    }
    if (!waiters.empty()) {
      Waiter* oldest = waiters.front();
      waiters.pop_front();
      oldest->handed = std::move(reader);
      oldest->ready.notify_one();
      return nullptr;
    }
    idle.push_back(std::move(reader));
    return nullptr;
  }
};

ReaderPool::Lease::Lease(std::shared_ptr<State> state, std::unique_ptr<Reader> reader)
    : state_(std::move(state)), reader_(std::move(reader)) {}

ReaderPool::Lease::Lease(Lease&& other) noexcept = default;

ReaderPool::Lease& ReaderPool::Lease::operator=(Lease&& other) noexcept {
  if (this != &other) {
    Release();
    state_ = std::move(other.state_);
    reader_ = std::move(other.reader_);
  }
  return *this;
}

ReaderPool::Lease::~Lease() { Release(); }

void ReaderPool::Lease::Release() {
  if (state_ && reader_) {
    std::unique_ptr<Reader> doomed = state_->GiveBack(std::move(reader_));
    doomed.reset();
  }
  state_.reset();
  reader_.reset();
}

ReaderPool::ReaderPool(ReaderPoolOptions options) : state_(std::make_shared<State>()) {
  state_->reader_options = std::move(options.reader);
  state_->size = ResolveSize(options.size);
  state_->max_wait = options.max_wait;
  state_->max_waiting = static_cast<size_t>(std::max(0, options.max_waiting));
}

ReaderPool::~ReaderPool() {
  std::vector<std::unique_ptr<Reader>> idle;
  {
    std::unique_lock lock(state_->mutex);
    state_->shutting_down = true;
    idle.swap(state_->idle);
    state_->readers -= static_cast<int>(idle.size());
    for (State::Waiter* waiter : state_->waiters) waiter->ready.notify_one();
    state_->waiters_gone.wait(lock, [&] { return state_->waiters.empty(); });
  }
  idle.clear();  // kills and reaps the idle workers, outside the lock
}

core::Result<ReaderPool::Lease> ReaderPool::Acquire() {
  // A local reference: a waiter may still be leaving while the destructor returns.
  std::shared_ptr<State> state = state_;
  std::unique_lock lock(state->mutex);
  if (state->shutting_down) {
    return core::Fail(core::ErrorCode::kUnavailable, "the PDF reader is shutting down");
  }
  if (!state->idle.empty()) {
    std::unique_ptr<Reader> reader = std::move(state->idle.back());
    state->idle.pop_back();
    return Lease(std::move(state), std::move(reader));
  }
  if (state->readers < state->size) {
    // Lazily: a Reader starts its worker process on its first document.
    ++state->readers;
    lock.unlock();
    auto reader = std::make_unique<Reader>(state->reader_options);
    return Lease(std::move(state), std::move(reader));
  }
  if (state->waiters.size() >= state->max_waiting) {
    return core::Fail(core::ErrorCode::kResourceExhausted, Busy(state->size));
  }
  State::Waiter me;
  state->waiters.push_back(&me);
  me.ready.wait_for(lock, state->max_wait, [&] { return me.handed || state->shutting_down; });
  if (me.handed) return Lease(std::move(state), std::move(me.handed));
  // Timed out or shutting down: nobody handed us a reader, so we are still in the queue.
  state->waiters.erase(std::find(state->waiters.begin(), state->waiters.end(), &me));
  if (state->shutting_down) {
    if (state->waiters.empty()) state->waiters_gone.notify_all();
    return core::Fail(core::ErrorCode::kUnavailable, "the PDF reader is shutting down");
  }
  return core::Fail(core::ErrorCode::kResourceExhausted, Busy(state->size));
}

core::Result<DocumentText> ReaderPool::ReadText(std::string_view pdf_bytes) {
  auto lease = Acquire();
  if (!lease) return core::Fail(lease.error());
  return (*lease)->ReadText(pdf_bytes);
}

core::Result<DocumentText> ReaderPool::ReadAttachments(std::string_view pdf_bytes) {
  auto lease = Acquire();
  if (!lease) return core::Fail(lease.error());
  return (*lease)->ReadAttachments(pdf_bytes);
}

core::Result<std::string> ReaderPool::RenderPagePng(std::string_view pdf_bytes, int page, int dpi) {
  auto lease = Acquire();
  if (!lease) return core::Fail(lease.error());
  return (*lease)->RenderPagePng(pdf_bytes, page, dpi);
}

int ReaderPool::size() const { return state_->size; }

int ReaderPool::readers() const {
  std::lock_guard lock(state_->mutex);
  return state_->readers;
}

int ReaderPool::waiting() const {
  std::lock_guard lock(state_->mutex);
  return static_cast<int>(state_->waiters.size());
}

}  // namespace choral::pdf
