#include "recognize/page_layout.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string_view>
#include <utility>

#include "recognize/keyword_lexicon.h"

namespace choral::recognize {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Splits "Date:31/01/2022" into "Date:" and "31/01/2022" and "UStID#DE123456789" into "UStID#"
// and "DE123456789", with boxes shared out by length; leaves times ("12:30"), trailing colons
// and a leading number sign ("#BLR-123") alone.
void AddWord(const pdf::Word& word, std::vector<LayoutWord>* out) {
  const std::string& text = word.text;
  size_t colon = text.find(':');
  if (const size_t hash = text.find('#');
      hash != std::string::npos && hash > 0 && hash < colon && IsLetter(text[hash - 1])) {
    colon = hash;
  }
  if (colon != std::string::npos && colon > 0 && colon + 1 < text.size() &&
      !(IsDigit(text[colon - 1]) && IsDigit(text[colon + 1]))) {
    const double split = word.box.x0 + word.box.width() * static_cast<double>(colon + 1) /
                                           static_cast<double>(text.size());
    pdf::Word left = word, right = word;
    left.text = text.substr(0, colon + 1);
    left.box.x1 = split;
    right.text = text.substr(colon + 1);
    right.box.x0 = split;
    AddWord(left, out);
    AddWord(right, out);
    return;
  }
  // A column header's unit glued to it: "Gesamt/€", "Total/EUR".
  if (const size_t slash = text.rfind('/'); slash != std::string::npos && slash > 0) {
    const std::string_view unit = std::string_view(text).substr(slash + 1);
    for (std::string_view currency :
         {"\xE2\x82\xAC", "EUR", "$", "\xC2\xA3", "CHF", "USD", "GBP"}) {
      if (unit == currency) {
        const double split = word.box.x0 + word.box.width() * static_cast<double>(slash + 1) /
                                               static_cast<double>(text.size());
        pdf::Word left = word, right = word;
        left.text = text.substr(0, slash + 1);
        left.box.x1 = split;
        right.text = std::string(unit);
        right.box.x0 = split;
        out->push_back(LayoutWord{left.text, left.box, NormalizeTokens(left.text), -1});
        out->push_back(LayoutWord{right.text, right.box, NormalizeTokens(right.text), -1});
        return;
      }
    }
  }
  out->push_back(LayoutWord{text, word.box, NormalizeTokens(text), -1});
}

struct UnionFind {
  std::vector<int> parent;
  explicit UnionFind(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  int Find(int x) { return parent[x] == x ? x : parent[x] = Find(parent[x]); }
  void Join(int a, int b) { parent[Find(a)] = Find(b); }
};

}  // namespace

pdf::Box Union(const pdf::Box& a, const pdf::Box& b) {
  return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

double VerticalOverlap(const pdf::Box& a, const pdf::Box& b) {
  const double overlap = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
  const double smaller = std::max(1e-6, std::min(a.height(), b.height()));
  return overlap / smaller;
}

double HorizontalOverlap(const pdf::Box& a, const pdf::Box& b) {
  return std::min(a.x1, b.x1) - std::max(a.x0, b.x0);
}

PageLayout BuildPageLayout(const pdf::Page& page) {
  PageLayout layout;
  layout.page_number = page.number;
  layout.width = page.width;
  layout.height = page.height;
  for (const auto& word : page.words) {
    if (word.text.empty() || word.box.width() <= 0 || word.box.height() <= 0) continue;
    AddWord(word, &layout.words);
  }
  if (layout.words.empty()) return layout;

  std::vector<double> heights;
  for (const auto& w : layout.words) heights.push_back(w.box.height());
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  layout.typical_height = std::max(1.0, heights[heights.size() / 2]);

  // Lines: words whose vertical extents mostly overlap, taken top to bottom.
  std::vector<int> order(layout.words.size());
  std::iota(order.begin(), order.end(), 0);
  auto center = [&](int i) { return (layout.words[i].box.y0 + layout.words[i].box.y1) / 2; };
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return center(a) < center(b); });
  std::vector<std::vector<int>> line_words;
  std::vector<pdf::Box> line_boxes;
  for (int index : order) {
    const pdf::Box& box = layout.words[index].box;
    int found = -1;
    // Only recent lines can still overlap a word further down the page.
    for (int l = static_cast<int>(line_words.size()) - 1;
         l >= 0 && l >= static_cast<int>(line_words.size()) - 3; --l) {
      const pdf::Box& lb = line_boxes[l];
      const double c = center(index);
      if (c > lb.y0 && c < lb.y1 && VerticalOverlap(box, lb) > 0.5) {
        found = l;
        break;
      }
    }
    if (found < 0) {
      line_words.push_back({index});
      line_boxes.push_back(box);
    } else {
      line_words[found].push_back(index);
      // The line keeps the extent of its first word so tall and short words do not chain.
    }
  }

  // Segments: split each line where the gap between words is wider than about an em.
  for (size_t l = 0; l < line_words.size(); ++l) {
    auto& words = line_words[l];
    std::sort(words.begin(), words.end(),
              [&](int a, int b) { return layout.words[a].box.x0 < layout.words[b].box.x0; });
    Line line;
    line.box = layout.words[words.front()].box;
    Segment current;
    auto flush = [&] {
      if (current.words.empty()) return;
      current.line = static_cast<int>(layout.lines.size());
      for (int w : current.words) {
        layout.words[w].segment = static_cast<int>(layout.segments.size());
      }
      line.segments.push_back(static_cast<int>(layout.segments.size()));
      layout.segments.push_back(std::move(current));
      current = Segment{};
    };
    for (int w : words) {
      const LayoutWord& word = layout.words[w];
      line.box = Union(line.box, word.box);
      if (!current.words.empty()) {
        const double gap = word.box.x0 - current.box.x1;
        const double em = std::max(word.box.height(), current.box.height());
        if (gap > 0.9 * em) flush();
      }
      if (current.words.empty()) {
        current.box = word.box;
      } else {
        current.box = Union(current.box, word.box);
        current.text += ' ';
      }
      current.text += word.text;
      current.words.push_back(w);
    }
    flush();
    layout.lines.push_back(std::move(line));
  }

  // Blocks: segments stacked with less than a line's gap and overlapping horizontally.
  UnionFind blocks(layout.segments.size());
  for (size_t a = 0; a < layout.segments.size(); ++a) {
    const Segment& sa = layout.segments[a];
    for (size_t b = a + 1; b < layout.segments.size(); ++b) {
      const Segment& sb = layout.segments[b];
      if (sb.line <= sa.line || sb.line > sa.line + 2) continue;
      const double em = std::max(sa.height(), sb.height());
      const double gap = sb.box.y0 - sa.box.y1;
      if (gap > 0.8 * em) continue;
      if (HorizontalOverlap(sa.box, sb.box) > 0 || std::abs(sa.box.x0 - sb.box.x0) < em) {
        blocks.Join(static_cast<int>(a), static_cast<int>(b));
      }
    }
  }
  std::vector<int> block_ids(layout.segments.size(), -1);
  for (size_t s = 0; s < layout.segments.size(); ++s) {
    const int root = blocks.Find(static_cast<int>(s));
    if (block_ids[root] < 0) block_ids[root] = layout.block_count++;
    layout.segments[s].block = block_ids[root];
  }
  return layout;
}

}  // namespace choral::recognize
