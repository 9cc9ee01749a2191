// JobQueue on both backends: queued with the change that calls for it, claimed under a lease,
// taken again once the lease runs out (a runner that died), completed, retried or given up; and
// on PostgreSQL two runners claiming at once never get the same job.
#include "store/job_queue.h"

#include <condition_variable>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

#include "store/store.h"
#include "store/test_backend.h"

namespace choral::store {
namespace {

using std::chrono::minutes;

class JobQueueTest : public StoreTestBase {
 protected:
  std::vector<int64_t> EnqueueAll(std::initializer_list<const char*> payloads,
                                  const char* kind = "flow.process") {
    std::vector<int64_t> ids;
    EXPECT_OK(store_->Write([&](Transaction& tx) -> core::Status {
      for (const char* payload : payloads) {
        auto id = tx.jobs().Enqueue(kind, payload, clock_.Now());
        if (!id) return core::Fail(id.error());
        ids.push_back(*id);
      }
      return core::Ok();
    }));
    return ids;
  }

  std::vector<Job> Claim(core::Timestamp now, int limit, const char* kind = "flow.process") {
    std::vector<Job> out;
    EXPECT_OK(store_->Write([&](Transaction& tx) -> core::Status {
      auto claimed = tx.jobs().Claim(kind, now, now + minutes(5), limit);
      if (!claimed) return core::Fail(claimed.error());
      out = *claimed;
      return core::Ok();
    }));
    return out;
  }
};

TEST_P(JobQueueTest, AClaimedJobIsLeasedThenTakenAgainWhenTheLeaseRunsOut) {
  auto ids = EnqueueAll({"1", "2"});
  EnqueueAll({"x"}, "other.kind");
  const core::Timestamp now = clock_.Now();
  auto first = Claim(now, 1);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].id, ids[0]);
  EXPECT_EQ(first[0].payload, "1");
  EXPECT_EQ(first[0].attempts, 1);
  EXPECT_EQ(first[0].lease_until, now + minutes(5));
  // Held: the next claim gets the other one, then nothing until the lease ends.
  auto second = Claim(now, 10);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].id, ids[1]);
  EXPECT_TRUE(Claim(now + minutes(4), 10).empty());
  // The runner holding them died: after the lease, they are taken up again.
  auto again = Claim(now + minutes(6), 10);
  ASSERT_EQ(again.size(), 2u);
  EXPECT_EQ(again[0].attempts, 2);
}

TEST_P(JobQueueTest, CompletedRetriedAndAbandonedJobs) {
  auto ids = EnqueueAll({"1", "2", "3"});
  const core::Timestamp now = clock_.Now();
  ASSERT_EQ(Claim(now, 10).size(), 3u);
  ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
    if (auto s = tx.jobs().Complete(ids[0], now); !s) return s;
    if (auto s = tx.jobs().Retry(ids[1], "database busy", now + minutes(1)); !s) return s;
    return tx.jobs().Abandon(ids[2], "flow 3 is gone", now);
  }));
  ASSERT_OK(store_->Read([&](Transaction& tx) -> core::Status {
    Job done = tx.jobs().Get(ids[0]).value();
    EXPECT_EQ(done.state, "done");
    EXPECT_EQ(done.finished_at, now);
    Job retried = tx.jobs().Get(ids[1]).value();
    EXPECT_EQ(retried.state, "pending");
    EXPECT_EQ(retried.last_error, "database busy");
    Job failed = tx.jobs().Get(ids[2]).value();
    EXPECT_EQ(failed.state, "failed");
    EXPECT_EQ(failed.last_error, "flow 3 is gone");
    EXPECT_EQ(tx.jobs().Get(ids[2] + 100).error().code, core::ErrorCode::kNotFound);
    return core::Ok();
  }));
  auto retaken = Claim(now + minutes(1), 10);
  ASSERT_EQ(retaken.size(), 1u);
  EXPECT_EQ(retaken[0].id, ids[1]);
}

TEST_P(JobQueueTest, AJobRollsBackWithItsChange) {
  auto failed = store_->Write([&](Transaction& tx) -> core::Status {
    if (auto id = tx.jobs().Enqueue("flow.process", "1", clock_.Now()); !id) {
      return core::Fail(id.error());
    }
    return core::Fail(core::ErrorCode::kConflict, "the flow was not stored");
  });
  ASSERT_FALSE(failed);
  EXPECT_TRUE(Claim(clock_.Now(), 10).empty());
}

TEST_P(JobQueueTest, TwoRunnersClaimingAtOnceNeverGetTheSameJob) {
  // SQLite's single writer serialises claims by construction; PostgreSQL needs SKIP LOCKED.
  if (!postgres()) GTEST_SKIP() << "one writer at a time on SQLite";
  EnqueueAll({"1", "2"});
  const core::Timestamp now = clock_.Now();
  std::mutex mutex;
  std::condition_variable changed;
  bool first_claimed = false, second_done = false;
  std::vector<Job> first, second;
  std::thread holder([&] {
    EXPECT_OK(store_->Write([&](Transaction& tx) -> core::Status {
      auto claimed = tx.jobs().Claim("flow.process", now, now + minutes(5), 1);
      if (!claimed) return core::Fail(claimed.error());
      first = *claimed;
      std::unique_lock lock(mutex);
      first_claimed = true;
      changed.notify_all();
      EXPECT_TRUE(changed.wait_for(lock, std::chrono::seconds(20), [&] { return second_done; }))
          << "the second claim waited for the first transaction instead of skipping its row";
      return core::Ok();
    }));
  });
  {
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return first_claimed; });
  }
  second = Claim(now, 10);
  {
    std::lock_guard lock(mutex);
    second_done = true;
    changed.notify_all();
  }
  holder.join();
  ASSERT_EQ(first.size(), 1u);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_NE(first.front().id, second.front().id);
}

INSTANTIATE_TEST_SUITE_P(Backend, JobQueueTest, ::testing::Values(BackendFromEnvironment()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace choral::store
