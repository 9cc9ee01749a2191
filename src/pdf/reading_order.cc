#include "pdf/reading_order.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace choral::pdf {
namespace {

struct Line {
  // The band of the word that started the line. Testing new words against this band, not the
  // union of the line so far, keeps a tall word (a title beside two rows of an address) from
  // pulling the rows below it into its line.
  double ref_y0 = 0, ref_y1 = 0;
  double key = 0;  // where the line sits among the others (smaller is higher)
  std::vector<RawWord> words;
};

double Overlap(double a0, double a1, double b0, double b1) {
  return std::min(a1, b1) - std::max(a0, b0);
}

// How many recent lines a word may join: rows are created in order of their centres, so a
// word can only belong to one of the last few.
constexpr size_t kLinesToSearch = 16;

// Fake bold is often drawn as the same word twice, a fraction of a point apart.
bool IsDuplicate(const RawWord& a, const RawWord& b) {
  return a.text == b.text && std::abs(a.box.x0 - b.box.x0) < 1.0 &&
         std::abs(a.box.y0 - b.box.y0) < 1.0;
}

}  // namespace

std::vector<Word> OrderWords(std::vector<RawWord> words) {
  std::vector<RawWord> upright;
  std::vector<Line> lines;
  std::vector<Line> rotated_lines;
  for (RawWord& w : words) {
    if (w.upright) {
      upright.push_back(std::move(w));
      continue;
    }
    // Rotated text: the library's order, one line until it reports no space after a word.
    if (rotated_lines.empty() || rotated_lines.back().words.back().space_after == false) {
      rotated_lines.push_back(Line{w.box.y0, w.box.y1, w.box.y0, {}});
    }
    rotated_lines.back().words.push_back(std::move(w));
  }

  std::stable_sort(upright.begin(), upright.end(), [](const RawWord& a, const RawWord& b) {
    double ca = a.box.y0 + a.box.y1, cb = b.box.y0 + b.box.y1;
    if (ca != cb) return ca < cb;
    return a.box.x0 < b.box.x0;
  });
  for (RawWord& w : upright) {
    double h = std::max(w.box.height(), 0.1);
    Line* best = nullptr;
    double best_ratio = 0.5;  // at least half of the smaller height must overlap
    size_t first = lines.size() > kLinesToSearch ? lines.size() - kLinesToSearch : 0;
    for (size_t i = first; i < lines.size(); ++i) {
      Line& line = lines[i];
      double ref_h = std::max(line.ref_y1 - line.ref_y0, 0.1);
      double ratio = Overlap(w.box.y0, w.box.y1, line.ref_y0, line.ref_y1) / std::min(h, ref_h);
      if (ratio >= best_ratio) {
        best_ratio = ratio;
        best = &line;
      }
    }
    if (best == nullptr) {
      lines.push_back(Line{w.box.y0, w.box.y1, (w.box.y0 + w.box.y1) / 2, {}});
      best = &lines.back();
    }
    best->words.push_back(std::move(w));
  }
  for (Line& line : lines) {
    std::stable_sort(line.words.begin(), line.words.end(),
                     [](const RawWord& a, const RawWord& b) { return a.box.x0 < b.box.x0; });
  }
  // Rows were made in order of their first word's centre, which is their key; rotated lines go
  // among them by their top edge.
  std::vector<Line> all;
  all.reserve(lines.size() + rotated_lines.size());
  std::merge(std::make_move_iterator(lines.begin()), std::make_move_iterator(lines.end()),
             std::make_move_iterator(rotated_lines.begin()),
             std::make_move_iterator(rotated_lines.end()), std::back_inserter(all),
             [](const Line& a, const Line& b) { return a.key < b.key; });

  std::vector<Word> out;
  out.reserve(words.size());
  for (Line& line : all) {
    for (size_t i = 0; i < line.words.size(); ++i) {
      if (i > 0 && IsDuplicate(line.words[i - 1], line.words[i])) continue;
      out.push_back(Word{line.words[i].text, line.words[i].box, false});
    }
    if (!out.empty()) out.back().ends_line = true;
  }
  return out;
}

}  // namespace choral::pdf
