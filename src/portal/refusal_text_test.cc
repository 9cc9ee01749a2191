#include "portal/refusal_text.h"

#include <gtest/gtest.h>

#include "portal/messages_fr.h"

namespace choral::portal {
namespace {

Catalogue French() { return *Catalogue::Build(FrenchMessages()); }

TEST(RefusalTextTest, KnownRulesReadInFrench) {
  Catalogue catalogue = French();
  EXPECT_EQ(RefusalText(catalogue, {core::ErrorCode::kInvalidArgument,
                                    "the successor is not attached to the structure"}),
            "Le successeur doit être rattaché à la structure.");
  EXPECT_EQ(RefusalText(catalogue, {core::ErrorCode::kNotFound,
                                    "no active structure has the SIRET \"73282932000074\""}),
            "Aucune structure active n’a ce SIRET.");
  EXPECT_EQ(RefusalText(catalogue,
                        {core::ErrorCode::kInvalidArgument, "SIRET \"12345\" must have 14 digits"}),
            "Ce SIRET n’est pas valide\u00a0: 14 chiffres, dont une clé de contrôle.");
}

TEST(RefusalTextTest, AnUnknownRefusalKeepsTheMessage) {
  EXPECT_EQ(RefusalText(French(), {core::ErrorCode::kConflict, "something new"}),
            "Action refusée\u00a0: something new");
}

}  // namespace
}  // namespace choral::portal
