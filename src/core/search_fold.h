// Search folding: how a name typed in a search box matches a stored name whatever its case and
// French accents ("ecole" finds "École"). The store repeats the same folding in SQL.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace choral::core {

// The accented letters of French (upper and lower case, and the ligatures) with what they fold
// to: {"É", "e"}, {"œ", "oe"}, ... UTF-8, lower-case targets.
const std::vector<std::pair<std::string_view, std::string_view>>& FoldedLetters();

// `text` with ASCII letters lower-cased and FoldedLetters() replaced; other bytes unchanged.
std::string FoldForSearch(std::string_view text);

}  // namespace choral::core
