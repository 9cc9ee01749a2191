#include "invoice/status.h"

#include <set>
#include <string>

#include <gtest/gtest.h>

namespace choral::invoice {
namespace {

TEST(StatusTest, EveryStatusHasItsChorusProCode) {
  const std::vector<std::string> expected = {"DEPOSEE",
                                             "EN_COURS_ACHEMINEMENT",
                                             "MISE_A_DISPOSITION",
                                             "PRISE_EN_COMPTE_DESTINATAIRE",
                                             "SERVICE_FAIT",
                                             "MANDATEE",
                                             "MISE_A_DISPOSITION_COMPTABLE",
                                             "COMPTABILISEE",
                                             "MISE_EN_PAIEMENT",
                                             "A_RECYCLER",
                                             "SUSPENDUE",
                                             "COMPLETEE",
                                             "REJETEE"};
  ASSERT_EQ(AllStatuses().size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(StatusCode(AllStatuses()[i]), expected[i]);
  }
}

TEST(StatusTest, AllStatusesFollowsTheEnumOrder) {
  for (size_t i = 0; i < AllStatuses().size(); ++i) {
    EXPECT_EQ(static_cast<size_t>(AllStatuses()[i]), i);
  }
  EXPECT_EQ(AllStatuses().front(), InvoiceStatus::kDeposited);
  EXPECT_EQ(AllStatuses().back(), InvoiceStatus::kRejected);
}

TEST(StatusTest, CodesRoundTripAndAreDistinct) {
  std::set<std::string_view> seen;
  for (InvoiceStatus status : AllStatuses()) {
    EXPECT_EQ(ParseStatusCode(StatusCode(status)), status);
    EXPECT_TRUE(seen.insert(StatusCode(status)).second) << StatusCode(status);
  }
}

TEST(StatusTest, ParseIsExact) {
  EXPECT_EQ(ParseStatusCode("SUSPENDUE"), InvoiceStatus::kSuspended);
  EXPECT_EQ(ParseStatusCode("suspendue"), std::nullopt);
  EXPECT_EQ(ParseStatusCode(" SUSPENDUE"), std::nullopt);
  EXPECT_EQ(ParseStatusCode(""), std::nullopt);
  EXPECT_EQ(ParseStatusCode("BROUILLON"), std::nullopt);  // a Chorus Pro code Choral lacks
  EXPECT_EQ(ParseStatusCode("MISE_A_DISPOSITION_MOE"), std::nullopt);
}

}  // namespace
}  // namespace choral::invoice
