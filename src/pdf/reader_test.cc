#include "pdf/reader.h"

#include <chrono>
#include <memory>
#include <signal.h>
#include <stdlib.h>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "pdf/test_util.h"

namespace choral::pdf {
namespace {

using core::ErrorCode;
using testing::DelayedWorker;
using testing::ReadCorpus;
using testing::WaitUntilDead;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

std::string Simple() { return ReadCorpus("synthetic/syn-01-simple.pdf"); }

TEST(ReaderTest, ReadsTextThroughTheWorkerAndReusesIt) {
  Reader reader;
  auto doc = reader.ReadText(Simple());
  ASSERT_TRUE(doc) << doc.error().ToString();
  EXPECT_EQ(doc->page_count, 1);
  EXPECT_FALSE(doc->pages.at(0).words.empty());
  int pid = reader.worker_pid();
  EXPECT_GT(pid, 0);
  auto again = reader.ReadText(ReadCorpus("fnfe-2017/Facture_FR_EXTENDED.pdf"));
  ASSERT_TRUE(again) << again.error().ToString();
  EXPECT_EQ(again->embedded_files.size(), 1u);
  EXPECT_EQ(reader.worker_pid(), pid);
}

TEST(ReaderTest, ReadsAttachmentsWithoutPagesThroughTheSameWorker) {
  Reader reader;
  auto doc = reader.ReadAttachments(ReadCorpus("fnfe-2017/Facture_FR_EXTENDED.pdf"));
  ASSERT_TRUE(doc) << doc.error().ToString();
  EXPECT_TRUE(doc->pages.empty());
  ASSERT_EQ(doc->embedded_files.size(), 1u);
  EXPECT_NE(doc->xmp_metadata.find("ConformanceLevel"), std::string::npos);
  int pid = reader.worker_pid();
  auto text = reader.ReadText(Simple());
  ASSERT_TRUE(text) << text.error().ToString();
  EXPECT_FALSE(text->pages.empty());
  EXPECT_EQ(reader.worker_pid(), pid);
}

TEST(ReaderTest, DetectsAScanThroughTheWorker) {
  Reader reader;
  auto doc = reader.ReadText(ReadCorpus("synthetic/syn-05-scan-of-table.pdf"));
  ASSERT_TRUE(doc) << doc.error().ToString();
  EXPECT_TRUE(doc->is_scanned);
}

TEST(ReaderTest, RendersAPageThroughTheWorker) {
  Reader reader;
  auto png = reader.RenderPagePng(Simple(), 1, 50);
  ASSERT_TRUE(png) << png.error().ToString();
  EXPECT_EQ(png->substr(0, 4), "\x89PNG");
  EXPECT_EQ(reader.RenderPagePng(Simple(), 9, 50).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(reader.RenderPagePng(Simple(), 1, 601).error().code, ErrorCode::kInvalidArgument);
}

TEST(ReaderTest, RefusesEmptyAndNonPdfInputWithoutAWorker) {
  Reader reader;
  auto empty = reader.ReadText("");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, ErrorCode::kMalformedInput);
  auto html = reader.ReadText("<html><body>invoice</body></html>");
  ASSERT_FALSE(html);
  EXPECT_EQ(html.error().code, ErrorCode::kMalformedInput);
  EXPECT_NE(html.error().message.find("not a PDF"), std::string::npos);
  EXPECT_EQ(reader.worker_pid(), 0);
}

TEST(ReaderTest, RefusesTruncatedAndGarbledPdfs) {
  Reader reader;
  std::string pdf = Simple();
  auto truncated = reader.ReadText(pdf.substr(0, pdf.size() / 2));
  ASSERT_FALSE(truncated);
  EXPECT_EQ(truncated.error().code, ErrorCode::kMalformedInput);
  std::string garbage = "%PDF-1.4\n";
  for (int i = 0; i < 20000; ++i) garbage += static_cast<char>((i * 131) % 256);
  garbage += "\n%%EOF\n";
  auto garbled = reader.ReadText(garbage);
  ASSERT_FALSE(garbled);
  EXPECT_EQ(garbled.error().code, ErrorCode::kMalformedInput);
}

TEST(ReaderTest, RefusesAPasswordProtectedPdf) {
  Reader reader;
  auto doc = reader.ReadText(testing::EncryptForTest(Simple()));
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().code, ErrorCode::kUnsupported);
  EXPECT_EQ(doc.error().message, "the PDF is password-protected: deposit it without protection");
}

TEST(ReaderTest, RefusesTooLargeAndTooManyPages) {
  ReaderOptions options;
  options.max_bytes = 1000;
  Reader small(options);
  auto large = small.ReadText(Simple());
  ASSERT_FALSE(large);
  EXPECT_EQ(large.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(large.error().message.find("the limit is 0.0 MB"), std::string::npos)
      << large.error().message;

  ReaderOptions one_page;
  one_page.max_pages = 1;
  Reader reader(one_page);
  auto doc = reader.ReadText(ReadCorpus("synthetic/syn-04-groff-multipage.pdf"));
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(doc.error().message, "the PDF has 2 pages; the limit is 1");
}

TEST(ReaderTest, KillsAWorkerThatOverrunsTheDeadline) {
  ReaderOptions options;
  options.timeout = std::chrono::milliseconds(300);
  Reader reader(options);
  {
    DelayedWorker slow(5000);
    auto start = std::chrono::steady_clock::now();
    auto doc = reader.ReadText(Simple());
    auto elapsed = std::chrono::steady_clock::now() - start;
    ASSERT_FALSE(doc);
    EXPECT_EQ(doc.error().code, ErrorCode::kUnavailable);
    EXPECT_EQ(doc.error().message, "the PDF took longer than 300 ms to read");
    EXPECT_LT(elapsed, std::chrono::seconds(2));
    EXPECT_EQ(reader.worker_pid(), 0);
  }
  auto next = reader.ReadText(Simple());  // a fresh worker, without the delay
  EXPECT_TRUE(next) << next.error().ToString();
}

TEST(ReaderTest, SurvivesAWorkerKilledMidRequest) {
  Reader reader;
  ASSERT_TRUE(reader.ReadText(Simple()));
  int pid = reader.worker_pid();
  ASSERT_GT(pid, 0);
  kill(pid, SIGKILL);  // killed while idle: the next call starts a new one transparently
  WaitUntilDead(pid);
  auto after_idle_kill = reader.ReadText(Simple());
  EXPECT_TRUE(after_idle_kill) << after_idle_kill.error().ToString();

  // Killed while reading: that call fails clearly, the next one works.
  DelayedWorker slow(300);
  Reader delayed;
  ASSERT_TRUE(delayed.ReadText(Simple()));  // starts a worker that sleeps 300 ms per document
  int busy_pid = delayed.worker_pid();
  std::thread killer([busy_pid] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    kill(busy_pid, SIGKILL);
  });
  auto doc = delayed.ReadText(Simple());
  killer.join();
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(doc.error().message, "the PDF reader crashed");
  EXPECT_EQ(delayed.worker_pid(), 0);
  auto next = delayed.ReadText(Simple());
  EXPECT_TRUE(next) << next.error().ToString();
}

TEST(ReaderTest, ReportsAWorkerThatRunsOutOfMemory) {
  if (kAddressSanitizer) GTEST_SKIP() << "no address-space limit under AddressSanitizer";
  ReaderOptions options;
  options.memory_limit_bytes = 150u << 20;
  Reader reader(options);
  // An A4 page at 600 dpi is a 100 MB bitmap, on top of the worker's own libraries.
  auto png = reader.RenderPagePng(Simple(), 1, 600);
  ASSERT_FALSE(png);
  EXPECT_EQ(png.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(png.error().message, "reading the PDF ran out of memory (limit 150 MB)");
  auto next = reader.ReadText(Simple());
  EXPECT_TRUE(next) << next.error().ToString();
}

TEST(ReaderTest, ReportsAMissingWorker) {
  ReaderOptions options;
  options.worker_path = "/nonexistent/choral-pdf-worker";
  Reader reader(options);
  auto doc = reader.ReadText(Simple());
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().code, ErrorCode::kUnavailable);
}

TEST(ReaderTest, SurvivesSigpipeWhenTheWorkerIsGone) {
  // A large request to a worker killed mid-write must not kill the test with SIGPIPE.
  std::string big = Simple();
  big.insert(big.size() - 7, std::string(4 << 20, ' '));
  Reader reader;
  ASSERT_TRUE(reader.ReadText(Simple()));
  kill(reader.worker_pid(), SIGSTOP);  // stop it so the pipe fills, then kill it
  std::thread killer([pid = reader.worker_pid()] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    kill(pid, SIGKILL);
  });
  auto doc = reader.ReadText(big);
  killer.join();
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace choral::pdf
