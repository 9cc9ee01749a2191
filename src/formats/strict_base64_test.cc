#include "formats/strict_base64.h"

#include <random>
#include <string>

#include <gtest/gtest.h>

namespace choral::formats {
namespace {

// The rule read plainly, one byte at a time: what the fast check must agree with.
bool Reference(const std::string& text) {
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  size_t digits = 0, padding = 0;
  int last = 0;
  for (char c : text) {
    size_t value = alphabet.find(c);
    if (c == '=') {
      ++padding;
    } else if (value != std::string::npos && c != '\0') {
      if (padding > 0) return false;  // a digit after '='
      ++digits;
      last = static_cast<int>(value);
    } else if (!space(c)) {
      return false;
    }
  }
  if (padding == 0) return digits % 4 == 0;
  if (padding == 1) return digits % 4 == 3 && (last & 0x03) == 0;
  if (padding == 2) return digits % 4 == 2 && (last & 0x0F) == 0;
  return false;
}

TEST(StrictBase64Test, AcceptsWhatXmlSchemaWrites) {
  for (const char* valid :
       {"", "QUJD", "QUI=", "QQ==", "QU JD\r\n", " QUJD QUI= ", "QQ= =", "+/+/"}) {
    EXPECT_TRUE(IsStrictBase64(valid)) << valid;
  }
}

TEST(StrictBase64Test, RefusesWhatLibxml2WouldRefuseAndStrayCharacters) {
  for (const char* invalid : {"QUJ", "QUJ=", "QR==", "Q===", "QUI=QUJD", "=", "QUJD!",
                              "QU\xC3\xA9JD", "QUJD\f", "QU-_", "QUJ\x80"}) {
    EXPECT_FALSE(IsStrictBase64(invalid)) << invalid;
  }
}

// Random texts, mostly digits, of every length around the 16-byte blocks and past the 255-block
// counter flush, with the odd space, '=', stray or high byte anywhere.
TEST(StrictBase64Test, AgreesWithTheRuleReadPlainly) {
  std::mt19937 random(2026);
  const std::string digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const std::string others(" \t\r\n=!-_\x80\xFF\0@[`{:", 16);
  int valid = 0;
  for (int round = 0; round < 20000; ++round) {
    size_t length = round < 200 ? static_cast<size_t>(round) : random() % 5000;
    int mistakes = static_cast<int>(random() % 3);
    std::string text;
    for (size_t i = 0; i < length; ++i) text += digits[random() % digits.size()];
    for (int m = 0; m < mistakes && !text.empty(); ++m) {
      text[random() % text.size()] = others[random() % others.size()];
    }
    if (random() % 3 == 0) text += std::string(random() % 3, '=');
    bool expected = Reference(text);
    valid += expected;
    ASSERT_EQ(IsStrictBase64(text), expected) << "length " << text.size() << ": " << text;
  }
  EXPECT_GT(valid, 1000);  // both sides exercised
}

TEST(StrictBase64Test, CountsDigitsPastTheCounterFlush) {
  std::string text(16 * 255 * 3 + 4, 'A');  // a whole number of groups, over three flushes
  EXPECT_TRUE(IsStrictBase64(text));
  text.pop_back();
  EXPECT_FALSE(IsStrictBase64(text));
  EXPECT_TRUE(IsStrictBase64(text + "="));
}

}  // namespace
}  // namespace choral::formats
