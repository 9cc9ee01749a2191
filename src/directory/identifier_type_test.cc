#include "directory/identifier_type.h"

#include <string>

#include <gtest/gtest.h>

namespace choral::directory {
namespace {

TEST(IdentifierTypeTest, CodesAreChorusProSpellings) {
  EXPECT_EQ(IdentifierTypeCode(IdentifierType::kSiret), "SIRET");
  EXPECT_EQ(IdentifierTypeCode(IdentifierType::kEuOutsideFrance), "UE_HORS_FRANCE");
  EXPECT_EQ(IdentifierTypeCode(IdentifierType::kOutsideEu), "HORS_UE");
  EXPECT_EQ(IdentifierTypeCode(IdentifierType::kRidet), "RIDET");
  EXPECT_EQ(IdentifierTypeCode(IdentifierType::kTahiti), "TAHITI");
  EXPECT_EQ(IdentifierTypeCode(IdentifierType::kOther), "AUTRE");
  EXPECT_EQ(IdentifierTypeCode(IdentifierType::kIndividual), "PARTICULIER");
}

TEST(IdentifierTypeTest, ParseRoundTripsEveryCode) {
  for (IdentifierType type :
       {IdentifierType::kSiret, IdentifierType::kEuOutsideFrance, IdentifierType::kOutsideEu,
        IdentifierType::kRidet, IdentifierType::kTahiti, IdentifierType::kOther,
        IdentifierType::kIndividual}) {
    EXPECT_EQ(ParseIdentifierType(IdentifierTypeCode(type)), type);
  }
}

TEST(IdentifierTypeTest, ParseIsExact) {
  EXPECT_EQ(ParseIdentifierType("siret"), std::nullopt);
  EXPECT_EQ(ParseIdentifierType(" SIRET"), std::nullopt);
  EXPECT_EQ(ParseIdentifierType(""), std::nullopt);
  EXPECT_EQ(ParseIdentifierType("UE"), std::nullopt);
}

TEST(NormaliseIdentifierTest, SiretIsCheckedAndStripped) {
  EXPECT_EQ(NormaliseIdentifier(IdentifierType::kSiret, "732 829 320 00074").value(),
            "73282932000074");
  const auto bad = NormaliseIdentifier(IdentifierType::kSiret, "73282932000075");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.error().message, "SIRET \"73282932000075\" fails its checksum");
  EXPECT_EQ(NormaliseIdentifier(IdentifierType::kSiret, "123").error().message,
            "SIRET \"123\" must have 14 digits");
}

TEST(NormaliseIdentifierTest, OthersAreTrimmedAndUpperCased) {
  EXPECT_EQ(NormaliseIdentifier(IdentifierType::kEuOutsideFrance, " de123456789 ").value(),
            "DE123456789");
  EXPECT_EQ(NormaliseIdentifier(IdentifierType::kRidet, "1234567-001").value(), "1234567-001");
  EXPECT_EQ(NormaliseIdentifier(IdentifierType::kTahiti, "a12345").value(), "A12345");
  EXPECT_EQ(NormaliseIdentifier(IdentifierType::kOutsideEu, std::string(80, 'x')).value(),
            std::string(80, 'X'));
}

TEST(NormaliseIdentifierTest, OthersRefuseEmptyLongAndOddCharacters) {
  EXPECT_EQ(NormaliseIdentifier(IdentifierType::kOther, "  ").error().message,
            "identifier \"  \" of type AUTRE is empty");
  EXPECT_EQ(NormaliseIdentifier(IdentifierType::kOutsideEu, std::string(81, 'x')).error().message,
            "identifier \"" + std::string(60, 'x') +
                "...\" of type HORS_UE must have at most 80 characters");
  EXPECT_EQ(NormaliseIdentifier(IdentifierType::kEuOutsideFrance, "DE 123456789").error().message,
            "identifier \"DE 123456789\" of type UE_HORS_FRANCE may contain only letters, digits "
            "and '-'");
  EXPECT_FALSE(NormaliseIdentifier(IdentifierType::kIndividual, "Dupont.Jean").has_value());
  EXPECT_FALSE(NormaliseIdentifier(IdentifierType::kIndividual,
                                   "\xC3\xA9"
                                   "123")
                   .has_value());
  EXPECT_EQ(NormaliseIdentifier(IdentifierType::kIndividual, "x/y").error().code,
            core::ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace choral::directory
