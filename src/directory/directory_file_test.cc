#include "directory/directory_file.h"

#include <string>

#include <gtest/gtest.h>

namespace choral::directory {
namespace {

DirectoryFile Parse(std::string_view csv) {
  core::CsvOptions options;
  options.separator = core::SniffCsvSeparator(csv);
  auto records = core::ReadCsv(csv, options);
  EXPECT_TRUE(records) << records.error().message;
  auto file = ParseDirectoryFile(*records);
  EXPECT_TRUE(file) << file.error().message;
  return file.value_or(DirectoryFile{});
}

TEST(DirectoryFileTest, ReadsStructuresAndTheirServices) {
  DirectoryFile file = Parse(
      "siret;nom;adresse;code_service_obligatoire;numero_engagement_obligatoire;"
      "code_service;nom_service;service_numero_engagement_obligatoire;debut_validite;"
      "fin_validite\n"
      "110 009 982 00015;Ministère;\"20 avenue de Ségur; 75007 Paris\";oui;NON;;;;;\n"
      "11000998200015;Ministère;\"20 avenue de Ségur; 75007 Paris\";oui;non;DAF;Achats;1;"
      "01/01/2026;2026-12-31\n");
  ASSERT_TRUE(file.rejections.empty()) << file.rejections[0].reason;
  ASSERT_EQ(file.lines.size(), 2u);
  const DirectoryFileLine& alone = file.lines[0];
  EXPECT_EQ(alone.line, 2);
  EXPECT_EQ(alone.structure.identifier, "11000998200015");
  EXPECT_EQ(alone.structure.kind, StructureKind::kPublic);
  EXPECT_EQ(alone.structure.address, "20 avenue de Ségur; 75007 Paris");
  EXPECT_TRUE(alone.structure.flags.service_code_required);
  EXPECT_FALSE(alone.structure.flags.engagement_number_required);
  EXPECT_FALSE(alone.service);
  const DirectoryFileLine& with_service = file.lines[1];
  ASSERT_TRUE(with_service.service);
  EXPECT_EQ(with_service.service->code, "DAF");
  EXPECT_TRUE(with_service.service->engagement_number_required);
  EXPECT_TRUE(with_service.service->payment_status_reported);  // default
  EXPECT_EQ(with_service.service->valid_from->ToIso(), "2026-01-01");
  EXPECT_EQ(with_service.service->valid_to->ToIso(), "2026-12-31");
}

TEST(DirectoryFileTest, RejectsBadLinesWithTheirNumberAndReason) {
  DirectoryFile file = Parse(
      "siret,nom,active,code_service,nom_service,debut_validite,fin_validite\n"
      "11000998200016,Mauvaise clé,,,,,\n"
      "11000998200015,,,,,,\n"
      "11000998200015,Ministère,peut-être,,,,\n"
      "11000998200015,Ministère,,X Y,Espace,,\n"
      "11000998200015,Ministère,,DAF,Achats,2026-02-30,\n"
      "11000998200015,Ministère,,DAF,Achats,2026-03-01,2026-02-01\n"
      "11000998200015,Ministère,,,Sans code,,\n"
      "11000998200015,Ministère,oui,DAF,Achats,,,extra\n"
      "11000998200015,Ministère,1,DAF,Achats,,\n");
  ASSERT_EQ(file.lines.size(), 1u);
  EXPECT_EQ(file.lines[0].line, 10);
  ASSERT_EQ(file.rejections.size(), 8u);
  for (int i = 0; i < 8; ++i) EXPECT_EQ(file.rejections[i].line, i + 2);
  EXPECT_NE(file.rejections[0].reason.find("11000998200016"), std::string::npos);
  EXPECT_NE(file.rejections[1].reason.find("name"), std::string::npos);
  EXPECT_NE(file.rejections[2].reason.find("oui, non, 1 or 0"), std::string::npos);
  EXPECT_NE(file.rejections[3].reason.find("service code"), std::string::npos);
  EXPECT_NE(file.rejections[4].reason.find("not a date"), std::string::npos);
  EXPECT_NE(file.rejections[5].reason.find("after"), std::string::npos);
  EXPECT_NE(file.rejections[6].reason.find("without a code_service"), std::string::npos);
  EXPECT_NE(file.rejections[7].reason.find("more fields"), std::string::npos);
}

TEST(DirectoryFileTest, RejectsLinesThatContradictAnEarlierOne) {
  DirectoryFile file = Parse(
      "siret,nom,code_service,nom_service\n"
      "11000998200015,Ministère,DAF,Achats\n"
      "11000998200015,Autre nom,SG,Secrétariat\n"
      "11000998200015,Ministère,DAF,Achats bis\n"
      "11000998200015,Ministère,SG,Secrétariat\n");
  ASSERT_EQ(file.lines.size(), 2u);
  ASSERT_EQ(file.rejections.size(), 2u);
  EXPECT_EQ(file.rejections[0].line, 3);
  EXPECT_NE(file.rejections[0].reason.find("differ from line 2"), std::string::npos);
  EXPECT_EQ(file.rejections[1].line, 4);
  EXPECT_NE(file.rejections[1].reason.find("already on line 2"), std::string::npos);
}

TEST(DirectoryFileTest, RefusesAHeaderItCannotTrust) {
  auto read = [](std::string_view csv) {
    return ParseDirectoryFile(*core::ReadCsv(csv, core::CsvOptions{}));
  };
  EXPECT_EQ(read("").error().code, core::ErrorCode::kMalformedInput);
  EXPECT_NE(read("siret,nom,ville\n").error().message.find("ville"), std::string::npos);
  EXPECT_NE(read("siret\n").error().message.find("nom"), std::string::npos);
  EXPECT_NE(read("siret,nom,SIRET\n").error().message.find("twice"), std::string::npos);
  EXPECT_TRUE(read("\xEF\xBB\xBF Siret , NOM \n"));
}

}  // namespace
}  // namespace choral::directory
