#include "core/base64.h"

#include <gtest/gtest.h>

namespace choral::core {
namespace {

TEST(EncodeBase64, PadsToWholeQuads) {  // RFC 4648 §10's test vectors
  EXPECT_EQ(EncodeBase64(""), "");
  EXPECT_EQ(EncodeBase64("f"), "Zg==");
  EXPECT_EQ(EncodeBase64("fo"), "Zm8=");
  EXPECT_EQ(EncodeBase64("foo"), "Zm9v");
  EXPECT_EQ(EncodeBase64("foob"), "Zm9vYg==");
  EXPECT_EQ(EncodeBase64("fooba"), "Zm9vYmE=");
  EXPECT_EQ(EncodeBase64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(EncodeBase64(std::string_view("\xff\xfe\x00", 3)), "//4A");
}

}  // namespace
}  // namespace choral::core
