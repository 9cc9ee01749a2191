#include "pdf/reading_order.h"

#include <gtest/gtest.h>

namespace choral::pdf {
namespace {

RawWord W(std::string text, double x0, double y0, double x1, double y1) {
  return RawWord{std::move(text), Box{x0, y0, x1, y1}, true, true};
}

std::string Render(const std::vector<Word>& words) {
  std::string out;
  for (const Word& w : words) {
    out += w.text;
    out += w.ends_line ? "\n" : " ";
  }
  return out;
}

TEST(ReadingOrderTest, SortsRowsTopToBottomAndWordsLeftToRight) {
  std::vector<RawWord> words = {W("world", 60, 10, 90, 20), W("second", 10, 30, 50, 40),
                                W("hello", 10, 11, 50, 21)};
  EXPECT_EQ(Render(OrderWords(words)), "hello world\nsecond\n");
}

TEST(ReadingOrderTest, ColumnsSideBySideShareTheirRows) {
  std::vector<RawWord> words = {W("SIRET", 300, 100, 330, 109.5), W("A", 40, 100, 50, 109.5),
                                W("B", 40, 114, 50, 123.5), W("21345", 340, 114, 380, 123.5)};
  EXPECT_EQ(Render(OrderWords(words)), "A SIRET\nB 21345\n");
}

TEST(ReadingOrderTest, TallTitleDoesNotMergeTheRowsBesideIt) {
  // Two address rows at the left, a 20-point title at the right spanning both.
  std::vector<RawWord> words = {W("rue", 10, 100, 30, 109), W("Paris", 10, 111, 40, 120),
                                W("FACTURE", 300, 100, 400, 120)};
  std::vector<Word> ordered = OrderWords(words);
  std::string text = Render(ordered);
  EXPECT_NE(text.find("Paris\n"), std::string::npos) << text;
  EXPECT_LT(text.find("rue"), text.find("Paris")) << text;
  EXPECT_EQ(ordered.size(), 3u);
}

TEST(ReadingOrderTest, DropsFakeBoldDuplicates) {
  std::vector<RawWord> words = {W("Total", 10, 10, 40, 20), W("Total", 10.3, 10, 40.3, 20)};
  EXPECT_EQ(Render(OrderWords(words)), "Total\n");
}

TEST(ReadingOrderTest, RotatedWordsFormTheirOwnLines) {
  RawWord a = W("SIRET", 5, 300, 15, 330);
  a.upright = false;
  RawWord b = W("123", 5, 335, 15, 360);
  b.upright = false;
  b.space_after = false;
  std::vector<RawWord> words = {W("top", 100, 10, 120, 20), a, b, W("bottom", 100, 700, 140, 710)};
  EXPECT_EQ(Render(OrderWords(words)), "top\nSIRET 123\nbottom\n");
}

TEST(ReadingOrderTest, EmptyPage) { EXPECT_TRUE(OrderWords({}).empty()); }

}  // namespace
}  // namespace choral::pdf
