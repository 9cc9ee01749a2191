#include "platform/directory_import.h"

#include <gtest/gtest.h>

#include "platform/demo_data.h"
#include "platform/public_directory.h"
#include "platform/test_support.h"

namespace choral::platform {
namespace {

// Two structures, one with two services, and two bad lines; ';' separated, BOM, CRLF.
constexpr std::string_view kFile =
    "\xEF\xBB\xBFsiret;nom;adresse;code_service_obligatoire;code_service;nom_service;"
    "service_numero_engagement_obligatoire;fin_validite\r\n"
    "11000998200015;Ministère;\"20 avenue de Ségur\r\n75007 Paris\";oui;DAF;Achats;oui;\r\n"
    "11000998200015;Ministère;\"20 avenue de Ségur\r\n75007 Paris\";oui;SG;Secrétariat;non;\r\n"
    "21340158100011;Commune de Saint-Aubin;34170 Saint-Aubin;non;;;;\r\n"
    "21340158100012;Clé fausse;;;;;;\r\n"
    "21340158100011;Commune de Saint-Aubin;34170 Saint-Aubin;non;CTM;Centre;;31/02/2026\r\n";

class DirectoryImportTest : public ::testing::Test {
 protected:
  DirectoryImportTest() : clock_(testing::At(1'790'000'000'000)), store_(clock_) {}

  core::Result<DirectoryImportReport> Import(std::string_view text) {
    return DirectoryImport(*store_).Run(text, "cli");
  }

  core::FixedClock clock_;
  testing::TempStore store_;
};

TEST_F(DirectoryImportTest, CreatesThenFindsEverythingUnchanged) {
  auto first = Import(kFile);
  ASSERT_TRUE(first) << first.error().ToString();
  EXPECT_EQ(first->structures.created, 2);
  EXPECT_EQ(first->services.created, 2);
  ASSERT_EQ(first->rejections.size(), 2u);
  EXPECT_EQ(first->rejections[0].line, 7);
  EXPECT_EQ(first->rejections[1].line, 8);

  PublicDirectory directory(*store_);
  auto ministry = directory.FindBySiret("11000998200015");
  ASSERT_TRUE(ministry) << ministry.error().ToString();
  EXPECT_EQ(ministry->structure.address, "20 avenue de Ségur\r\n75007 Paris");
  EXPECT_TRUE(ministry->structure.flags.service_code_required);
  ASSERT_EQ(ministry->services.size(), 2u);
  EXPECT_TRUE(ministry->services[0].engagement_number_required);  // DAF, in code order

  auto second = Import(kFile);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->structures.created, 0);
  EXPECT_EQ(second->structures.updated, 0);
  EXPECT_EQ(second->structures.unchanged, 2);
  EXPECT_EQ(second->services.unchanged, 2);
  EXPECT_EQ(second->rejections.size(), 2u);
}

TEST_F(DirectoryImportTest, UpdatesChangedFieldsAndAuditsEachChange) {
  ASSERT_TRUE(Import("siret,nom,code_service,nom_service\n11000998200015,Ministère,DAF,Achats\n"));
  auto before = store_->Verify();
  ASSERT_TRUE(before);
  auto changed = Import(
      "siret,nom,code_service,nom_service,service_actif\n"
      "11000998200015,Ministère renommé,DAF,Achats,non\n");
  ASSERT_TRUE(changed) << changed.error().ToString();
  EXPECT_EQ(changed->structures.updated, 1);
  EXPECT_EQ(changed->services.updated, 1);

  std::vector<std::string> actions;
  ASSERT_TRUE(store_->Read([&](store::Transaction& tx) -> core::Status {
    auto events = tx.audit().List(0, 100);
    if (!events) return core::Fail(events.error());
    for (const auto& e : *events) actions.push_back(e.action + " " + e.actor);
    return core::Ok();
  }));
  EXPECT_EQ(actions, (std::vector<std::string>{"structure.created cli", "service.created cli",
                                               "structure.updated cli", "service.updated cli"}));
  auto after = store_->Verify();
  ASSERT_TRUE(after);
  EXPECT_TRUE(after->ok);
}

TEST_F(DirectoryImportTest, RefusesToTurnASupplierIntoARecipient) {
  ASSERT_TRUE(SeedDemoData(*store_, PasswordHasher(PasswordHasher::Minimal())));
  auto report = Import(
      "siret,nom,code_service,nom_service\n"
      "83412698900013,Atelier Lumen,,\n"
      "83412698900013,Atelier Lumen,X,Y\n");
  ASSERT_TRUE(report);
  EXPECT_EQ(report->structures.created + report->structures.updated, 0);
  ASSERT_EQ(report->rejections.size(), 2u);
  EXPECT_NE(report->rejections[1].reason.find("PRIVEE"), std::string::npos);
}

TEST_F(DirectoryImportTest, AnUnreadableFileWritesNothing) {
  auto bad = Import("siret,nom\n\"11000998200015,Ministère\n");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, core::ErrorCode::kMalformedInput);
  auto header = Import("siret,name\n");
  ASSERT_FALSE(header);
  EXPECT_EQ(header.error().code, core::ErrorCode::kMalformedInput);
}

}  // namespace
}  // namespace choral::platform
