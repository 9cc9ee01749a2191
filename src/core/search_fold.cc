#include "core/search_fold.h"

namespace choral::core {

const std::vector<std::pair<std::string_view, std::string_view>>& FoldedLetters() {
  static const std::vector<std::pair<std::string_view, std::string_view>> kLetters = {
      {"à", "a"}, {"â", "a"}, {"ä", "a"},  {"À", "a"},  {"Â", "a"},  {"Ä", "a"},
      {"ç", "c"}, {"Ç", "c"}, {"é", "e"},  {"è", "e"},  {"ê", "e"},  {"ë", "e"},
      {"É", "e"}, {"È", "e"}, {"Ê", "e"},  {"Ë", "e"},  {"î", "i"},  {"ï", "i"},
      {"Î", "i"}, {"Ï", "i"}, {"ô", "o"},  {"ö", "o"},  {"Ô", "o"},  {"Ö", "o"},
      {"ù", "u"}, {"û", "u"}, {"ü", "u"},  {"Ù", "u"},  {"Û", "u"},  {"Ü", "u"},
      {"ÿ", "y"}, {"Ÿ", "y"}, {"œ", "oe"}, {"Œ", "oe"}, {"æ", "ae"}, {"Æ", "ae"},
  };
  return kLetters;
}

std::string FoldForSearch(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    bool replaced = false;
    if (static_cast<unsigned char>(text[i]) >= 0x80) {
      for (const auto& [letter, folded] : FoldedLetters()) {
        if (text.substr(i).starts_with(letter)) {
          out += folded;
          i += letter.size();
          replaced = true;
          break;
        }
      }
    }
    if (replaced) continue;
    char c = text[i++];
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

}  // namespace choral::core
