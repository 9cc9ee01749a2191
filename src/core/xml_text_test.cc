#include "core/xml_text.h"

#include <gtest/gtest.h>

namespace choral::core {
namespace {

TEST(XmlText, TrimsAndNormalizesXmlWhitespaceOnly) {
  EXPECT_EQ(TrimXmlSpace(" \t\r\n a b \n"), "a b");
  EXPECT_EQ(TrimXmlSpace("\f a"), "\f a");  // form feed is not XML whitespace
  EXPECT_EQ(NormalizeSpace("  a \n\t b  "), "a b");
  EXPECT_EQ(NormalizeSpace(" \n "), "");
  EXPECT_EQ(NormalizeSpace("a\u00a0 b"), "a\u00a0 b");  // nor is the no-break space
}

TEST(XmlText, SplitsTheXsDecimalLexicalForm) {
  auto digits = SplitXsDecimal(" -012.340\n");
  ASSERT_TRUE(digits);
  EXPECT_TRUE(digits->negative);
  EXPECT_EQ(digits->integer, "012");
  EXPECT_EQ(digits->fraction, "340");
  digits = SplitXsDecimal("+.5");
  ASSERT_TRUE(digits);
  EXPECT_FALSE(digits->negative);
  EXPECT_EQ(digits->integer, "");
  EXPECT_EQ(digits->fraction, "5");
  digits = SplitXsDecimal("5.");
  ASSERT_TRUE(digits);
  EXPECT_EQ(digits->integer, "5");
  EXPECT_EQ(digits->fraction, "");
  for (std::string_view bad :
       {"", " ", ".", "+", "-.", "1e3", "1,5", "1.2.3", "+-1", "1 2", "0x1"}) {
    EXPECT_FALSE(SplitXsDecimal(bad)) << bad;
  }
}

}  // namespace
}  // namespace choral::core
