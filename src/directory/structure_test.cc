#include "directory/structure.h"

#include <string>

#include <gtest/gtest.h>

namespace choral::directory {
namespace {

Structure PublicBuyer() {
  Structure s;
  s.id = core::StructureId(7);
  s.identifier_type = IdentifierType::kSiret;
  s.identifier = "73282932000074";
  s.kind = StructureKind::kPublic;
  s.name = "Commune d'Exemple";
  s.flags.service_code_required = true;
  return s;
}

std::string ErrorOf(const Structure& s) {
  const core::Status status = ValidateStructure(s);
  if (status.has_value()) return "valid";
  EXPECT_EQ(status.error().code, core::ErrorCode::kInvalidArgument);
  return status.error().message;
}

TEST(StructureKindTest, CodesRoundTrip) {
  EXPECT_EQ(StructureKindCode(StructureKind::kPublic), "PUBLIQUE");
  EXPECT_EQ(StructureKindCode(StructureKind::kPrivate), "PRIVEE");
  EXPECT_EQ(ParseStructureKind("PUBLIQUE"), StructureKind::kPublic);
  EXPECT_EQ(ParseStructureKind("PRIVEE"), StructureKind::kPrivate);
  EXPECT_EQ(ParseStructureKind("PUBLIC"), std::nullopt);
  EXPECT_EQ(ParseStructureKind("privee"), std::nullopt);
}

TEST(ValidateStructureTest, AcceptsAWellFormedPublicStructure) {
  EXPECT_EQ(ErrorOf(PublicBuyer()), "valid");
}

TEST(ValidateStructureTest, AcceptsAForeignSupplier) {
  Structure s;
  s.identifier_type = IdentifierType::kEuOutsideFrance;
  s.identifier = "DE123456789";
  s.name = "Beispiel GmbH";
  EXPECT_EQ(ErrorOf(s), "valid");
}

TEST(ValidateStructureTest, RefusesAnInvalidIdentifier) {
  Structure s = PublicBuyer();
  s.identifier = "73282932000075";
  EXPECT_EQ(ErrorOf(s), "SIRET \"73282932000075\" fails its checksum");
  s.identifier = "";
  EXPECT_EQ(ErrorOf(s), "SIRET \"\" must have 14 digits");
}

TEST(ValidateStructureTest, RefusesAnUnnormalisedIdentifier) {
  Structure s = PublicBuyer();
  s.identifier = "732 829 320 00074";
  EXPECT_EQ(ErrorOf(s),
            "structure identifier \"732 829 320 00074\" is not normalised (expected "
            "\"73282932000074\")");
  s.identifier_type = IdentifierType::kOutsideEu;
  s.identifier = "ch-123";
  EXPECT_EQ(ErrorOf(s), "structure identifier \"ch-123\" is not normalised (expected \"CH-123\")");
}

TEST(ValidateStructureTest, NameHasOneToTwoHundredCharacters) {
  Structure s = PublicBuyer();
  s.name = "";
  EXPECT_EQ(ErrorOf(s), "structure name must not be empty");
  s.name = "   ";
  EXPECT_EQ(ErrorOf(s), "structure name must not be empty");
  s.name = std::string(200, 'a');
  EXPECT_EQ(ErrorOf(s), "valid");
  s.name = std::string(201, 'a');
  EXPECT_EQ(ErrorOf(s),
            "structure name \"" + std::string(60, 'a') + "...\" must have at most 200 characters");
  // Characters, not bytes: 200 "é" are 400 bytes and still fit.
  s.name.clear();
  for (int i = 0; i < 200; ++i) s.name += "\xC3\xA9";
  EXPECT_EQ(ErrorOf(s), "valid");
}

TEST(ValidateStructureTest, DepositFlagsOnlyOnPublicStructures) {
  Structure s = PublicBuyer();
  s.kind = StructureKind::kPrivate;
  EXPECT_EQ(ErrorOf(s),
            "structure flag service_code_required may be set only on a PUBLIQUE structure");
  s.flags = {};
  s.flags.engagement_number_required = true;
  EXPECT_EQ(ErrorOf(s),
            "structure flag engagement_number_required may be set only on a PUBLIQUE structure");
  s.flags = {};
  s.flags.service_code_or_engagement_required = true;
  EXPECT_NE(ErrorOf(s), "valid");
  s.flags = {};
  s.flags.payment_status_not_reported = true;
  EXPECT_NE(ErrorOf(s), "valid");
  s.flags = {};
  EXPECT_EQ(ErrorOf(s), "valid");
}

}  // namespace
}  // namespace choral::directory
