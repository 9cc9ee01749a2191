// PageLayout: a page's words regrouped by geometry into lines, segments (runs of words on a line
// without a wide gap: a label, a value, a table cell) and blocks (segments stacked closely, like
// an address), whatever order the PDF drew them in.
#pragma once

#include <string>
#include <vector>

#include "pdf/text.h"

namespace choral::recognize {

struct LayoutWord {
  std::string text;
  pdf::Box box;
  std::vector<std::string> tokens;  // NormalizeTokens(text)
  int segment = -1;
};

struct Segment {
  std::vector<int> words;  // indices into PageLayout::words, left to right
  pdf::Box box;
  int line = -1;
  int block = -1;
  std::string text;  // the words joined by single spaces
  double height() const { return box.height(); }
};

struct Line {
  std::vector<int> segments;  // left to right
  pdf::Box box;
};

struct PageLayout {
  int page_number = 1;
  double width = 0, height = 0;
  std::vector<LayoutWord> words;
  std::vector<Segment> segments;
  std::vector<Line> lines;  // top to bottom
  int block_count = 0;
  double typical_height = 10;  // the median word height, the page's unit of distance
};

// Words glued to their label ("Date:31/01/2022") are split at the colon; words of zero size
// are dropped. The page's own reading order is not relied on.
PageLayout BuildPageLayout(const pdf::Page& page);

// The union of two boxes.
pdf::Box Union(const pdf::Box& a, const pdf::Box& b);
// How much the vertical extents of two boxes overlap, as a fraction of the smaller height.
double VerticalOverlap(const pdf::Box& a, const pdf::Box& b);
// Width of the horizontal overlap (negative: the gap between them).
double HorizontalOverlap(const pdf::Box& a, const pdf::Box& b);

}  // namespace choral::recognize
