// ReaderPool: a bounded set of sandboxed PDF readers (each one choral-pdf-worker process) shared
// by every thread of the server, so the number of worker processes does not grow with threads.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "pdf/reader.h"
#include "pdf/text.h"

namespace choral::pdf {

struct ReaderPoolOptions {
  ReaderOptions reader;  // the limits every worker runs under
  // Worker processes at most. 0: one per hardware thread (std::thread::hardware_concurrency),
  // at least 1.
  int size = 0;
  // How long a caller waits for a free worker before kResourceExhausted.
  std::chrono::milliseconds max_wait{10000};
  // Callers allowed to wait at once; the next one is refused at once with kResourceExhausted
  // rather than queued behind work it would time out on anyway.
  int max_waiting = 256;
};

// Thread-safe. Workers are started lazily, on the first document a reader is lent for; a worker
// that crashed or overran its limits is replaced on the next document (see Reader). At most
// size() worker processes exist at any time.
//
// Callers borrow a reader for one call (or a few) with Acquire(); the Lease gives it back when
// destroyed. Waiters are served first come, first served.
//
// Shutdown (the destructor): idle workers are killed and reaped at once; callers still waiting
// in Acquire() get kUnavailable before the destructor returns; leases still outstanding stay
// valid (a lease keeps what it needs alive), finish their call, and their worker is killed and
// reaped when the lease is destroyed.
class ReaderPool {
  struct State;

 public:
  // A reader lent to one caller. Movable, not copyable; not to be shared between threads.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&& other) noexcept;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();

    Reader& operator*() const { return *reader_; }
    Reader* operator->() const { return reader_.get(); }

   private:
    friend class ReaderPool;
    Lease(std::shared_ptr<State> state, std::unique_ptr<Reader> reader);
    void Release();

    std::shared_ptr<State> state_;
    std::unique_ptr<Reader> reader_;
  };

  explicit ReaderPool(ReaderPoolOptions options = {});
  ~ReaderPool();
  ReaderPool(const ReaderPool&) = delete;
  ReaderPool& operator=(const ReaderPool&) = delete;

  // A free reader, waiting up to options.max_wait for one. Errors:
  //   kResourceExhausted  every worker stayed busy for max_wait, or max_waiting callers already
  //                       wait ("all 4 PDF readers are busy; try again in a moment")
  //   kUnavailable        the pool is shutting down
  core::Result<Lease> Acquire();

  // Acquire() and one Reader call: Acquire's errors, then the Reader's (see reader.h).
  core::Result<DocumentText> ReadText(std::string_view pdf_bytes);
  core::Result<DocumentText> ReadAttachments(std::string_view pdf_bytes);
  core::Result<std::string> RenderPagePng(std::string_view pdf_bytes, int page, int dpi);

  // The most worker processes this pool runs at once (options.size resolved).
  int size() const;
  // Readers made so far and not yet destroyed, lent or idle (for tests and monitoring): never
  // more than size(); each has at most one live worker process.
  int readers() const;
  // Callers waiting in Acquire() now (for tests and monitoring).
  int waiting() const;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace choral::pdf
