#include "cli/logging.h"

#include <gtest/gtest.h>

namespace choral::cli {
namespace {

TEST(RedactDatabaseUrlTest, HidesOnlyThePassword) {
  EXPECT_EQ(RedactDatabaseUrl("postgresql://choral:s3cret@db:5432/choral"),
            "postgresql://choral:***@db:5432/choral");
  EXPECT_EQ(RedactDatabaseUrl("postgresql://choral@db:5432/choral"),
            "postgresql://choral@db:5432/choral");
  EXPECT_EQ(RedactDatabaseUrl("postgresql://db:5432/choral"), "postgresql://db:5432/choral");
  EXPECT_EQ(RedactDatabaseUrl(""), "");
}

}  // namespace
}  // namespace choral::cli
