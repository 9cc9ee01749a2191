#include "core/search_fold.h"

#include <gtest/gtest.h>

namespace choral::core {
namespace {

TEST(SearchFoldTest, LowersAsciiAndDropsFrenchAccents) {
  EXPECT_EQ(FoldForSearch("École Élémentaire"), "ecole elementaire");
  EXPECT_EQ(FoldForSearch("CŒUR de Noël, ÇA"), "coeur de noel, ca");
  EXPECT_EQ(FoldForSearch("Mairie-42_%"), "mairie-42_%");
}

TEST(SearchFoldTest, LeavesOtherLettersAlone) {
  EXPECT_EQ(FoldForSearch("Ωmega ß"), "Ωmega ß");
  EXPECT_EQ(FoldForSearch(""), "");
}

}  // namespace
}  // namespace choral::core
