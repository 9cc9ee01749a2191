// Spatial scoring: where the labels of a page are, and how well a value sits as a label's value
// (same line to its right, just below it, in the same block), closer being better.
#pragma once

#include <string>
#include <vector>

#include "recognize/keyword_lexicon.h"
#include "recognize/page_layout.h"

namespace choral::recognize {

// A keyword found on a page.
struct Label {
  const Keyword* keyword = nullptr;
  int segment = -1;
  int first_word = -1, last_word = -1;  // inclusive, in the page's layout
  pdf::Box box;
  std::string text;  // as printed
  Cue cue() const { return keyword->cue; }
};

// Every keyword of the page, longest match first, non-overlapping, within segments.
std::vector<Label> FindLabels(const PageLayout& layout, const KeywordLexicon& lexicon);

// Where a value lies relative to a label.
enum class Relation { kNone, kSameSegment, kRightOnLine, kBelow, kBelowRight };

struct Placement {
  Relation relation = Relation::kNone;
  double score = 0;  // in [0, 1]: 1 right after the label, less the further away
};

// How well the words [first_word, last_word] of `layout` sit as the value of `label`:
// right after it in its segment (best), further right on its line, or in the few lines below
// it, horizontally overlapping, or (a label column beside a right-aligned value column) on the
// next line a little to the right. Anything else, or a value before its label, scores 0.
Placement Place(const PageLayout& layout, const Label& label, int first_word, int last_word);

// True when segment `s` holds nothing but a label's words and punctuation (a pure caption).
bool IsCaptionOnly(const PageLayout& layout, const std::vector<Label>& labels, int segment);

}  // namespace choral::recognize
