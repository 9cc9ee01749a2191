#include "core/error.h"

#include <string>

#include <gtest/gtest.h>

#include "core/result.h"

namespace choral::core {
namespace {

TEST(ErrorTest, EveryCodeHasItsOwnSnakeCaseName) {
  EXPECT_EQ(ErrorCodeName(ErrorCode::kInvalidArgument), "invalid_argument");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kMalformedInput), "malformed_input");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kNotFound), "not_found");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kAlreadyExists), "already_exists");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kConflict), "conflict");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kPermissionDenied), "permission_denied");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kUnsupported), "unsupported");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kUnavailable), "unavailable");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kResourceExhausted), "resource_exhausted");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kInternal), "internal");
}

TEST(ErrorTest, ToStringPrefixesTheCodeName) {
  const Error error{ErrorCode::kInvalidArgument, "SIRET \"123\" must have 14 digits"};
  EXPECT_EQ(error.ToString(), "invalid_argument: SIRET \"123\" must have 14 digits");
}

TEST(ErrorTest, DefaultErrorIsInternal) { EXPECT_EQ(Error{}.code, ErrorCode::kInternal); }

TEST(ErrorTest, FailBuildsTheErrorSideOfAResult) {
  const Result<int> result = Fail(ErrorCode::kNotFound, "no such user");
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(result.error().message, "no such user");

  const Status status = Fail(Error{ErrorCode::kConflict, "taken"});
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code, ErrorCode::kConflict);
  EXPECT_TRUE(Ok().has_value());
}

TEST(QuotedTest, QuotesShortValuesWhole) {
  EXPECT_EQ(Quoted("123"), "\"123\"");
  EXPECT_EQ(Quoted(""), "\"\"");
}

TEST(QuotedTest, EscapesQuotesAndBackslashes) { EXPECT_EQ(Quoted("a\"b\\c"), "\"a\\\"b\\\\c\""); }

TEST(QuotedTest, ReplacesControlCharacters) { EXPECT_EQ(Quoted("a\nb\tc\x7f"), "\"a?b?c?\""); }

TEST(QuotedTest, CutsLongValuesAtSixtyBytes) {
  const std::string quoted = Quoted(std::string(1000, 'x'));
  EXPECT_EQ(quoted, "\"" + std::string(60, 'x') + "...\"");
}

TEST(QuotedTest, NeverCutsInsideAUtf8Character) {
  // 59 ASCII bytes then "é" (C3 A9): byte 60 is the continuation byte, so the cut moves before it.
  const std::string value = std::string(59, 'x') + "\xC3\xA9" + "tail";
  EXPECT_EQ(Quoted(value), "\"" + std::string(59, 'x') + "...\"");
  // Exactly 60 bytes are kept whole.
  EXPECT_EQ(Quoted(std::string(60, 'y')), "\"" + std::string(60, 'y') + "\"");
}

}  // namespace
}  // namespace choral::core
