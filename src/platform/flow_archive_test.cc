// SplitFlow: archives split into their files, single files kept whole, hostile archives refused.
#include "platform/flow_archive.h"

#include <gtest/gtest.h>

#include "platform/flow_test_support.h"

namespace choral::platform {
namespace {

using testing::MakeArchive;

TEST(FlowArchiveTest, ASingleFileIsOneEntry) {
  auto entries = SplitFlow("<Invoice/>", "f.xml");
  ASSERT_TRUE(entries) << entries.error().ToString();
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].name, "f.xml");
  EXPECT_EQ((*entries)[0].bytes, "<Invoice/>");
}

TEST(FlowArchiveTest, ZipAndTarGzAreSplitInOrderSkippingMacOsCompanions) {
  for (const char* format : {"zip", "tar.gz"}) {
    std::string archive = MakeArchive(
        {{"a.xml", "<A/>"}, {"__MACOSX/._a.xml", "junk"}, {"dir/b.xml", "<B/>"}}, format);
    EXPECT_TRUE(LooksLikeArchive(archive)) << format;
    auto entries = SplitFlow(archive, "flux." + std::string(format));
    ASSERT_TRUE(entries) << format << ": " << entries.error().ToString();
    ASSERT_EQ(entries->size(), 2u) << format;
    EXPECT_EQ((*entries)[0].name, "a.xml");
    EXPECT_EQ((*entries)[1].name, "dir/b.xml");
    EXPECT_EQ((*entries)[1].bytes, "<B/>");
  }
}

TEST(FlowArchiveTest, AZipBombIsRefusedByItsRatio) {
  std::string zeros(8 * 1024 * 1024, '\0');  // deflates about a thousand times
  std::string bomb = MakeArchive({{"bomb.xml", zeros}});
  ASSERT_LT(bomb.size(), 100u * 1024);
  auto entries = SplitFlow(bomb, "bomb.zip");
  ASSERT_FALSE(entries);
  EXPECT_EQ(entries.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_NE(entries.error().message.find("zip bomb"), std::string::npos) << entries.error().message;
}

TEST(FlowArchiveTest, EntryCountEntrySizeAndTotalAreCapped) {
  ArchiveLimits limits;
  limits.max_entries = 2;
  auto many = SplitFlow(MakeArchive({{"a", "1"}, {"b", "2"}, {"c", "3"}}), "m.zip", limits);
  ASSERT_FALSE(many);
  EXPECT_NE(many.error().message.find("more than 2 files"), std::string::npos);

  limits = ArchiveLimits{};
  limits.max_entry_bytes = 1000;
  std::string noise;
  for (int i = 0; i < 2000; ++i) noise += static_cast<char>('a' + (i * 7919) % 26);
  auto large = SplitFlow(MakeArchive({{"big.xml", noise}}), "l.zip", limits);
  ASSERT_FALSE(large);
  EXPECT_NE(large.error().message.find("big.xml is larger than 1000 bytes"), std::string::npos)
      << large.error().message;

  limits = ArchiveLimits{};
  limits.max_total_bytes = 3000;
  auto total = SplitFlow(MakeArchive({{"a", noise}, {"b", noise}}), "t.zip", limits);
  ASSERT_FALSE(total);
  EXPECT_NE(total.error().message.find("unpacks to more than 3000"), std::string::npos);
}

TEST(FlowArchiveTest, CorruptAndEmptyArchivesAreRefused) {
  std::string archive = MakeArchive({{"a.xml", std::string(5000, 'x')}});
  std::string truncated = archive.substr(0, 60);
  auto corrupt = SplitFlow(truncated, "c.zip");
  ASSERT_FALSE(corrupt);
  auto empty = SplitFlow(MakeArchive({}, "tar.gz"), "e.tar.gz");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().message, "the archive holds no file");
}

}  // namespace
}  // namespace choral::platform
