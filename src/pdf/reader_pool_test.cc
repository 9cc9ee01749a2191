#include "pdf/reader_pool.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <signal.h>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "pdf/test_util.h"

namespace choral::pdf {
namespace {

using core::ErrorCode;
using testing::DelayedWorker;
using testing::ReadCorpus;
using testing::WorkerChildren;

std::string Simple() { return ReadCorpus("synthetic/syn-01-simple.pdf"); }

ReaderPoolOptions Sized(int size) {
  ReaderPoolOptions options;
  options.size = size;
  return options;
}

TEST(ReaderPoolTest, DefaultsToOneWorkerPerHardwareThread) {
  ReaderPool pool;
  EXPECT_EQ(pool.size(), std::max(1, static_cast<int>(std::thread::hardware_concurrency())));
  EXPECT_EQ(ReaderPool(Sized(3)).size(), 3);
}

TEST(ReaderPoolTest, StartsWorkersLazilyAndReusesThem) {
  ReaderPool pool(Sized(2));
  EXPECT_EQ(pool.readers(), 0);
  EXPECT_TRUE(WorkerChildren().empty());
  for (int i = 0; i < 3; ++i) {
    auto doc = pool.ReadText(Simple());
    ASSERT_TRUE(doc) << doc.error().ToString();
    EXPECT_EQ(doc->page_count, 1);
  }
  // One caller at a time needs one reader, and its worker serves every document.
  EXPECT_EQ(pool.readers(), 1);
  EXPECT_EQ(WorkerChildren().size(), 1u);
}

TEST(ReaderPoolTest, AnswersMoreThreadsThanWorkersWithNeverMoreThanSizeChildren) {
  DelayedWorker slow(30);  // documents overlap, so threads really compete for workers
  ReaderPoolOptions options = Sized(2);
  options.max_wait = std::chrono::seconds(60);
  ReaderPool pool(options);
  const std::string pdf = Simple();
  constexpr int kThreads = 8, kCallsEach = 4;
  std::atomic<int> answered{0}, failed{0};
  std::atomic<bool> done{false};
  size_t most_children = 0;
  int most_readers = 0;
  std::thread monitor([&] {
    while (!done) {
      most_children = std::max(most_children, WorkerChildren().size());
      most_readers = std::max(most_readers, pool.readers());
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  });
  std::vector<std::thread> callers;
  for (int t = 0; t < kThreads; ++t) {
    callers.emplace_back([&] {
      for (int i = 0; i < kCallsEach; ++i) {
        auto doc = pool.ReadText(pdf);
        ++(doc ? answered : failed);
      }
    });
  }
  for (std::thread& caller : callers) caller.join();
  done = true;
  monitor.join();
  EXPECT_EQ(answered, kThreads * kCallsEach);
  EXPECT_EQ(failed, 0);
  EXPECT_LE(most_children, 2u);
  EXPECT_LE(most_readers, 2);
  EXPECT_EQ(pool.readers(), 2);
  EXPECT_EQ(pool.waiting(), 0);
}

TEST(ReaderPoolTest, RefusesACallerThatWaitedTooLong) {
  ReaderPoolOptions options = Sized(1);
  options.max_wait = std::chrono::milliseconds(100);
  ReaderPool pool(options);
  auto held = pool.Acquire();
  ASSERT_TRUE(held);
  auto start = std::chrono::steady_clock::now();
  auto refused = pool.Acquire();
  auto waited = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kResourceExhausted);
  EXPECT_EQ(refused.error().message, "all 1 PDF readers are busy; try again in a moment");
  EXPECT_GE(waited, std::chrono::milliseconds(100));
  EXPECT_LT(waited, std::chrono::seconds(5));
  EXPECT_EQ(pool.waiting(), 0);
  held = core::Fail(ErrorCode::kInternal, "released");  // gives the reader back
  EXPECT_TRUE(pool.Acquire());
}

TEST(ReaderPoolTest, RefusesAtOnceWhenTheQueueIsFull) {
  ReaderPoolOptions options = Sized(1);
  options.max_waiting = 0;
  ReaderPool pool(options);
  auto held = pool.Acquire();
  ASSERT_TRUE(held);
  auto start = std::chrono::steady_clock::now();
  auto refused = pool.Acquire();
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kResourceExhausted);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(50));
}

TEST(ReaderPoolTest, HandsAReturnedReaderToTheWaitingCaller) {
  ReaderPoolOptions options = Sized(1);
  options.max_wait = std::chrono::seconds(30);
  ReaderPool pool(options);
  std::optional<ReaderPool::Lease> held;
  {
    auto lease = pool.Acquire();
    ASSERT_TRUE(lease);
    held.emplace(std::move(*lease));
  }
  std::thread waiter([&] {
    auto doc = pool.ReadText(Simple());
    EXPECT_TRUE(doc) << doc.error().ToString();
  });
  while (pool.waiting() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  held.reset();
  waiter.join();
  EXPECT_EQ(pool.readers(), 1);
}

TEST(ReaderPoolTest, AWorkerKilledMidRequestFailsOnlyItsOwnLease) {
  DelayedWorker slow(300);
  ReaderPool pool(Sized(2));
  auto first = pool.Acquire();
  auto second = pool.Acquire();
  ASSERT_TRUE(first && second);
  ASSERT_TRUE((*first)->ReadText(Simple()));  // starts both workers
  ASSERT_TRUE((*second)->ReadText(Simple()));
  int doomed = (*first)->worker_pid();
  ASSERT_GT(doomed, 0);

  core::Result<DocumentText> crashed = core::Fail(ErrorCode::kInternal, "not run");
  core::Result<DocumentText> survived = core::Fail(ErrorCode::kInternal, "not run");
  std::thread a([&] { crashed = (*first)->ReadText(Simple()); });
  std::thread b([&] { survived = (*second)->ReadText(Simple()); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  kill(doomed, SIGKILL);
  a.join();
  b.join();
  ASSERT_FALSE(crashed);
  EXPECT_EQ(crashed.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(crashed.error().message, "the PDF reader crashed");
  EXPECT_TRUE(survived) << survived.error().ToString();

  // Back in the pool, the reader whose worker died starts a new one for the next document.
  *first = std::move(*second);  // gives the first lease's reader back
  auto again = pool.Acquire();
  ASSERT_TRUE(again);
  auto doc = (*again)->ReadText(Simple());
  EXPECT_TRUE(doc) << doc.error().ToString();
  EXPECT_NE((*again)->worker_pid(), doomed);
  EXPECT_EQ(WorkerChildren().size(), 2u);
}

TEST(ReaderPoolTest, AWorkerThatOverrunsIsKilledAndReplaced) {
  ReaderPoolOptions options = Sized(1);
  options.reader.timeout = std::chrono::milliseconds(300);
  ReaderPool pool(options);
  {
    DelayedWorker stuck(5000);
    auto doc = pool.ReadText(Simple());
    ASSERT_FALSE(doc);
    EXPECT_EQ(doc.error().code, ErrorCode::kUnavailable);
    EXPECT_EQ(doc.error().message, "the PDF took longer than 300 ms to read");
    EXPECT_TRUE(WorkerChildren().empty());  // killed and reaped
  }
  auto next = pool.ReadText(Simple());
  EXPECT_TRUE(next) << next.error().ToString();
  EXPECT_EQ(WorkerChildren().size(), 1u);
}

TEST(ReaderPoolTest, ShutsDownWithALeaseOutstandingAndACallerWaiting) {
  ReaderPoolOptions options = Sized(1);
  options.max_wait = std::chrono::seconds(30);
  auto pool = std::make_unique<ReaderPool>(options);
  auto lease = pool->Acquire();
  ASSERT_TRUE(lease);
  ASSERT_TRUE((*lease)->ReadText(Simple()));

  core::Result<ReaderPool::Lease> waited = core::Fail(ErrorCode::kInternal, "not run");
  std::thread waiter([&] { waited = pool->Acquire(); });
  while (pool->waiting() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  pool.reset();  // returns once the waiter has been sent away
  waiter.join();
  ASSERT_FALSE(waited);
  EXPECT_EQ(waited.error().code, ErrorCode::kUnavailable);

  // The lease outlives the pool and still reads; its worker goes when the lease does.
  auto doc = (*lease)->ReadText(Simple());
  EXPECT_TRUE(doc) << doc.error().ToString();
  EXPECT_EQ(WorkerChildren().size(), 1u);
  lease = core::Fail(ErrorCode::kInternal, "released");
  EXPECT_TRUE(WorkerChildren().empty());
}

TEST(ReaderPoolTest, ShutdownKillsIdleWorkers) {
  auto pool = std::make_unique<ReaderPool>(Sized(2));
  ASSERT_TRUE(pool->ReadText(Simple()));
  EXPECT_EQ(WorkerChildren().size(), 1u);
  pool.reset();
  EXPECT_TRUE(WorkerChildren().empty());
}

}  // namespace
}  // namespace choral::pdf
