// BlobStore on the backend the environment chooses (test_backend.h): files or a table.
#include "store/blob_store.h"

#include <fstream>

#include <gtest/gtest.h>

#include "store/sha256.h"
#include "store/test_backend.h"

namespace choral::store {
namespace {

using core::ErrorCode;

class BlobStoreTest : public StoreTestBase {};

TEST(Sha256Test, KnownVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_TRUE(IsSha256Hex(Sha256Hex("x")));
  EXPECT_FALSE(IsSha256Hex(std::string(64, 'A')));
  EXPECT_FALSE(IsSha256Hex(std::string(63, 'a')));
}

TEST_P(BlobStoreTest, PutGetExistsIdempotent) {
  const std::string pdf("%PDF-1.7\n\0\x01\xff binary", 20);
  auto name = store_->blobs().Put(pdf);
  ASSERT_OK(name);
  EXPECT_EQ(*name, Sha256Hex(pdf));
  auto again = store_->blobs().Put(pdf);
  ASSERT_OK(again);
  EXPECT_EQ(*again, *name);
  auto bytes = store_->blobs().Get(*name);
  ASSERT_OK(bytes);
  EXPECT_EQ(*bytes, pdf);
  EXPECT_TRUE(*store_->blobs().Exists(*name));
  EXPECT_FALSE(*store_->blobs().Exists(Sha256Hex("other")));
  auto empty = store_->blobs().Put("");
  ASSERT_OK(empty);
  EXPECT_EQ(*store_->blobs().Get(*empty), "");

  auto missing = store_->blobs().Get(Sha256Hex("never stored"));
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);

  int visited = 0;
  ASSERT_OK(store_->blobs().ForEach([&](const std::string& sha, const std::string& b) {
    EXPECT_EQ(Sha256Hex(b), sha);
    ++visited;
    return core::Ok();
  }));
  EXPECT_EQ(visited, 2);
}

TEST_P(BlobStoreTest, NamesMustBeSha256Hex) {
  for (std::string bad :
       {std::string("../../../../etc/passwd"), std::string(64, 'A'), std::string("abc"),
        std::string(62, 'a') + "/.", std::string(65, 'a'), std::string()}) {
    auto got = store_->blobs().Get(bad);
    ASSERT_FALSE(got.has_value()) << bad;
    EXPECT_EQ(got.error().code, ErrorCode::kInvalidArgument) << bad;
    auto exists = store_->blobs().Exists(bad);
    ASSERT_FALSE(exists.has_value()) << bad;
    EXPECT_EQ(exists.error().code, ErrorCode::kInvalidArgument) << bad;
  }
}

TEST_P(BlobStoreTest, VerifyDetectsATamperedBlob) {
  auto first = store_->blobs().Put("first invoice");
  auto second = store_->blobs().Put("second invoice");
  ASSERT_OK(first);
  ASSERT_OK(second);
  auto clean = store_->Verify();
  ASSERT_OK(clean);
  EXPECT_TRUE(clean->ok) << clean->first_problem;
  EXPECT_EQ(clean->blobs_checked, 2);

  if (postgres()) {
    auto raw = RawSession();
    *raw << "UPDATE blobs SET bytes = decode('00ff', 'hex') WHERE sha256 = :s", soci::use(*second);
  } else {
    std::ofstream(data_dir_ / "blobs" / second->substr(0, 2) / second->substr(2, 2) / *second,
                  std::ios::binary | std::ios::trunc)
        << "second invoice, amount changed";
  }
  auto report = store_->Verify();
  ASSERT_OK(report);
  EXPECT_FALSE(report->ok);
  EXPECT_EQ(report->first_problem, "blob " + *second + ": bytes do not match their SHA-256");
}

INSTANTIATE_TEST_SUITE_P(Backend, BlobStoreTest, ::testing::Values(BackendFromEnvironment()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace choral::store
