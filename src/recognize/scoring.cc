#include "recognize/scoring.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "recognize/candidates.h"

namespace choral::recognize {
namespace {

// Tokens that sit between a label and its value without meaning anything: "N° :", "Nr.".
bool IsFiller(const LayoutWord& word) {
  if (word.tokens.empty()) return true;
  for (const auto& t : word.tokens) {
    if (t != "no" && t != "n" && t != "nr" && t != "o" && t != "de" && t != "du" && t != "le" &&
        t != "la" && t != "of" && t != "the" && t != "en" && t != "in" && t != "eur") {
      return false;
    }
  }
  return true;
}

}  // namespace

namespace {

// When the tax word at tokens[pos] follows "including" or "excluding", a rate between allowed
// ("inklusive 19 % Versicherungsteuer", "zzgl. MwSt."), the phrase qualifies an amount as gross
// or net: no VAT amount's label, but a weak one of the total it names. Null otherwise.
const Keyword* QualifiedByInclusion(const std::vector<std::string>& tokens, size_t pos) {
  static const std::set<std::string, std::less<>> kIncluding = {
      "inkl", "inklusive", "incl", "including", "inclusief", "inclusive"};
  static const std::set<std::string, std::less<>> kExcluding = {
      "zzgl", "zuzuglich", "excl", "exkl", "exklusive", "excluding", "exclusief", "exclusive"};
  static const Keyword kGross{{}, Cue::kTotalWithVat, 0.5, Party::kUnknown};
  static const Keyword kNet{{}, Cue::kTotalWithoutVat, 0.5, Party::kUnknown};
  for (size_t back = 1; back <= 3 && back <= pos; ++back) {
    const std::string& t = tokens[pos - back];
    if (kIncluding.count(t)) return &kGross;
    if (kExcluding.count(t)) return &kNet;
    if (t.empty() ||
        !std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return nullptr;
    }
  }
  return nullptr;
}

}  // namespace

std::vector<Label> FindLabels(const PageLayout& layout, const KeywordLexicon& lexicon) {
  std::vector<Label> labels;
  for (size_t s = 0; s < layout.segments.size(); ++s) {
    const Segment& segment = layout.segments[s];
    // The segment's tokens, each remembering its word.
    std::vector<std::string> tokens;
    std::vector<int> token_word;
    for (int w : segment.words) {
      for (const auto& t : layout.words[w].tokens) {
        tokens.push_back(t);
        token_word.push_back(w);
      }
    }
    size_t pos = 0;
    while (pos < tokens.size()) {
      auto match = lexicon.LongestAt(tokens, pos);
      // A keyword must start at a word's start: "HT" inside "PrixHT" is not the label "HT",
      // but "N°" split into "no" still is.
      if (match && pos > 0 && token_word[pos - 1] == token_word[pos]) match.reset();

      // German and Dutch compounds are written joined or hyphenated alike: "Beleg-Datum" is
      // "Belegdatum", "Rechnungs-Nr." is "Rechnungsnr".
      if (pos == 0 || token_word[pos - 1] != token_word[pos]) {
        size_t end = pos;
        std::string joined;
        while (end < tokens.size() && token_word[end] == token_word[pos]) joined += tokens[end++];
        if (end - pos > 1 && (!match || match->length < end - pos)) {
          if (auto whole = lexicon.LongestAt({joined}, 0)) {
            match = KeywordLexicon::Match{whole->keyword, end - pos};
          }
        }
      }
      if (!match) {
        ++pos;
        continue;
      }
      // A word joined by underscores ("invoice_number_1", "po_number_123") is a code, a value:
      // no part of it is a label.
      size_t code = pos + match->length;
      for (size_t k = pos; k < pos + match->length && code == pos + match->length; ++k) {
        if (layout.words[token_word[k]].text.find('_') != std::string::npos) code = k;
      }
      if (code < pos + match->length) {
        // The longest keyword before the code ("#" of "# invoice_number_1"), if any.
        const std::vector<std::string> before(tokens.begin() + pos, tokens.begin() + code);
        const auto shorter = lexicon.LongestAt(before, 0);
        if (!shorter) {
          ++pos;
          continue;
        }
        match = shorter;
      }
      if (match->keyword->cue == Cue::kTotalVat) {
        if (const Keyword* total = QualifiedByInclusion(tokens, pos)) match->keyword = total;
      }
      Label label;
      label.keyword = match->keyword;
      label.segment = static_cast<int>(s);
      label.first_word = token_word[pos];
      label.last_word = token_word[pos + match->length - 1];
      label.box = layout.words[label.first_word].box;
      bool inside = false;
      for (int w : segment.words) {
        if (w == label.first_word) inside = true;
        if (inside) {
          if (!label.text.empty()) label.text += ' ';
          label.text += layout.words[w].text;
          label.box = Union(label.box, layout.words[w].box);
        }
        if (w == label.last_word) break;
      }
      labels.push_back(std::move(label));
      pos += match->length;
    }
  }
  return labels;
}

Placement Place(const PageLayout& layout, const Label& label, int first_word, int last_word) {
  const LayoutWord& first = layout.words[first_word];
  const LayoutWord& last = layout.words[last_word];
  const pdf::Box value = Union(first.box, last.box);
  const Segment& label_segment = layout.segments[label.segment];
  const double em = std::max(label.box.height(), layout.typical_height);

  if (first.segment == label.segment) {
    // Position of the value's first word after the label's last word within the segment.
    const auto& words = label_segment.words;
    const auto label_end = std::find(words.begin(), words.end(), label.last_word);
    const auto value_start = std::find(words.begin(), words.end(), first_word);
    if (value_start <= label_end) return {};
    int between = 0;
    for (auto it = label_end + 1; it != value_start; ++it) {
      if (!IsFiller(layout.words[*it])) ++between;
    }
    return {Relation::kSameSegment, std::max(0.15, 1.0 - 0.5 * between)};
  }

  const Segment& value_segment = layout.segments[first.segment];
  if (value_segment.line == label_segment.line) {
    if (value.x0 < label.box.x1) return {};
    // Only what lies between the label's segment and the value's counts against it.
    const auto& line = layout.lines[label_segment.line];
    int between = 0;
    bool started = false;
    for (int s : line.segments) {
      if (s == label.segment) {
        started = true;
        continue;
      }
      if (s == first.segment) break;
      // A lone "EUR" or "€" between a label and its amount is part of neither.
      if (started && !(layout.segments[s].words.size() == 1 &&
                       ParseCurrency(layout.words[layout.segments[s].words[0]].text))) {
        ++between;
      }
    }
    // Words left after the label in its own segment are a value of their own.
    const auto& words = label_segment.words;
    if (std::find(words.begin(), words.end(), label.last_word) != words.end() - 1) {
      bool meaningful = false;
      for (auto it = std::find(words.begin(), words.end(), label.last_word) + 1; it != words.end();
           ++it) {
        if (!IsFiller(layout.words[*it])) meaningful = true;
      }
      if (meaningful) ++between;
    }
    const double gap = (value.x0 - label.box.x1) / std::max(1.0, layout.width);
    return {Relation::kRightOnLine, std::max(0.0, 0.92 - 0.25 * gap - 0.3 * between)};
  }

  if (value_segment.line > label_segment.line) {
    const double dy = value.y0 - label.box.y1;
    const int lines_down = value_segment.line - label_segment.line;
    if (dy > 4.5 * em || lines_down > 4) return {};
    const bool overlaps =
        HorizontalOverlap(label.box, value) > 0 || HorizontalOverlap(label_segment.box, value) > 0;
    if (!overlaps) {
      // Labels in one column, right-aligned values in the next, each value a little lower.
      // Only for a label with nothing to its right: one that has a value on its own line
      // does not reach down to the next line's.
      const auto& label_line = layout.lines[label_segment.line].segments;
      const bool alone = label_line.back() == label.segment;
      const double gap = value.x0 - label_segment.box.x1;
      if (alone && lines_down <= 1 && dy < 1.2 * em && gap > 0 && gap < 0.3 * layout.width) {
        return {Relation::kBelowRight, 0.6};
      }
      return {};
    }
    // Left-aligned under the label (an address under "Client") or right-aligned under it (an
    // amount under a column header) read the same; a value sticking far out does not.
    double score = 0.85 - 0.12 * (lines_down - 1);
    if (value_segment.block == label_segment.block) score += 0.05;
    return {Relation::kBelow, std::max(0.0, score)};
  }
  return {};
}

bool IsCaptionOnly(const PageLayout& layout, const std::vector<Label>& labels, int segment) {
  std::vector<bool> covered;
  const auto& words = layout.segments[segment].words;
  covered.assign(words.size(), false);
  for (const auto& label : labels) {
    if (label.segment != segment) continue;
    bool inside = false;
    for (size_t k = 0; k < words.size(); ++k) {
      if (words[k] == label.first_word) inside = true;
      if (inside) covered[k] = true;
      if (words[k] == label.last_word) inside = false;
    }
  }
  for (size_t k = 0; k < words.size(); ++k) {
    if (!covered[k] && !IsFiller(layout.words[words[k]])) return false;
  }
  return true;
}

}  // namespace choral::recognize
