// Puts the words poppler finds on a page into reading order and marks line ends: the one place
// that decides what a "line" is for recognition.
#pragma once

#include <vector>

#include "pdf/text.h"

namespace choral::pdf {

// A word as the PDF library reports it, before ordering.
struct RawWord {
  std::string text;  // UTF-8, no spaces
  Box box;           // top-left origin
  // Upright text (rotation 0) is ordered by position. Rotated text (a vertical legal notice in
  // the margin) keeps the library's order and forms lines of its own.
  bool upright = true;
  bool space_after = true;  // from the library: false at the end of one of its lines
};

// Orders `words` top to bottom, left to right within a line, and sets Word::ends_line.
//
// A line is a visual row: words whose vertical extents overlap by at least half of the smaller
// height (and whose centres are close) belong to the same line, however far apart they are
// horizontally. So two columns side by side share their rows, and a label and its amount at the
// far right of a totals block ("Montant HT ......... 12 480,00 €") stay on one line; a gap
// alone cannot tell those two cases apart, so we keep rows whole and leave column detection to
// whoever reads the boxes. Columns whose rows are not aligned interleave by their top edges.
// Rotated words come as lines of their own (chained while the library says a space follows),
// placed among the rows by their top edge.
std::vector<Word> OrderWords(std::vector<RawWord> words);

}  // namespace choral::pdf
