// JobQueue: background work (a flow to process...) queued in the same transaction as the change
// that calls for it, and taken by runners under a lease: a runner that dies mid-job lets the
// lease run out and another takes the job up again. On PostgreSQL claims lock the rows FOR
// UPDATE SKIP LOCKED, so runners of several `choral serve` never take one job at once; on SQLite
// the single writer serialises them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"

namespace choral::store {

struct Job {
  int64_t id = 0;
  std::string kind;     // what runs it: "flow.process"...
  std::string payload;  // what it works on, as the kind defines it (a flow id...)
  std::string state;    // "pending", "done" or "failed" (given up)
  int attempts = 0;     // times claimed so far
  // A pending job is not taken before then: the end of the lease of the runner holding it, or
  // the time of a retry. The epoch for a new job.
  core::Timestamp lease_until{};
  std::string last_error;
  core::Timestamp created_at{};
  std::optional<core::Timestamp> finished_at;

  friend bool operator==(const Job&, const Job&) = default;
};

// Bound to one Transaction (see store.h); not thread-safe.
class JobQueue {
 public:
  virtual ~JobQueue() = default;

  // Queues a pending job of `kind`; returns its id.
  virtual core::Result<int64_t> Enqueue(std::string_view kind, std::string_view payload,
                                        core::Timestamp now) = 0;

  // Takes up to `limit` pending jobs of `kind` whose lease_until <= now, oldest first: counts an
  // attempt and moves lease_until to `lease_until`. The lease holds once the caller's
  // transaction commits. Returned jobs show the new attempts and lease.
  virtual core::Result<std::vector<Job>> Claim(std::string_view kind, core::Timestamp now,
                                               core::Timestamp lease_until, int limit) = 0;

  // kNotFound naming the id when there is none.
  virtual core::Result<Job> Get(int64_t id) = 0;

  // Done at `at`. Retry: failed with `error`, pending again from `retry_at`. Abandon: failed with
  // `error` for the last time at `at`.
  virtual core::Status Complete(int64_t id, core::Timestamp at) = 0;
  virtual core::Status Retry(int64_t id, std::string_view error, core::Timestamp retry_at) = 0;
  virtual core::Status Abandon(int64_t id, std::string_view error, core::Timestamp at) = 0;
};

}  // namespace choral::store
