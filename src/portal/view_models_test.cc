#include "portal/view_models.h"

#include <gtest/gtest.h>

#include "portal/messages_fr.h"

namespace choral::portal {
namespace {

class ViewModelsTest : public ::testing::Test {
 protected:
  ViewModelsTest() : catalogue_(*Catalogue::Build(FrenchMessages())) {}

  std::string Render(const std::string& tmpl, const mstch::node& data) {
    return mstch::render(tmpl, data);
  }

  Catalogue catalogue_;
};

TEST_F(ViewModelsTest, RoleAndKindNamesAreFrench) {
  EXPECT_EQ(catalogue_.Text(RoleKey(accounts::Role::kMainManager)), "Gestionnaire principal");
  EXPECT_EQ(catalogue_.Text(RoleKey(accounts::Role::kSecondaryManager)), "Gestionnaire secondaire");
  EXPECT_EQ(catalogue_.Text(RoleKey(accounts::Role::kUser)), "Utilisateur");
  EXPECT_EQ(catalogue_.Text(KindKey(directory::StructureKind::kPublic)), "Entité publique");
}

TEST_F(ViewModelsTest, FormatCountGroupsThousands) {
  EXPECT_EQ(FormatCount(0), "0");
  EXPECT_EQ(FormatCount(999), "999");
  EXPECT_EQ(FormatCount(1234), "1\u202f234");
  EXPECT_EQ(FormatCount(-1234567), "-1\u202f234\u202f567");
}

TEST_F(ViewModelsTest, SiretInputErrorsNameTheField) {
  EXPECT_FALSE(SiretInputError(catalogue_, "73282932000074"));
  EXPECT_FALSE(SiretInputError(catalogue_, "732 829 320 00074"));
  auto empty = SiretInputError(catalogue_, "  ");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->starts_with("SIRET")) << *empty;
  auto short_one = SiretInputError(catalogue_, "1234");
  ASSERT_TRUE(short_one);
  EXPECT_NE(short_one->find("14 chiffres"), std::string::npos) << *short_one;
  auto letters = SiretInputError(catalogue_, "7328293200007A");
  ASSERT_TRUE(letters);
  EXPECT_NE(letters->find("14 chiffres"), std::string::npos);
  auto checksum = SiretInputError(catalogue_, "73282932000075");
  ASSERT_TRUE(checksum);
  EXPECT_NE(checksum->find("clé de contrôle"), std::string::npos) << *checksum;
  auto pasted = SiretInputError(catalogue_, std::string(500, 'x'));
  ASSERT_TRUE(pasted);
  EXPECT_LT(pasted->size(), 200u);
}

TEST_F(ViewModelsTest, StructuresShowRolesAndLinkPublicOnesToTheDirectory) {
  std::vector<platform::ActorStructure> list = {
      {core::StructureId(1),
       "Commune d'Exemple",
       "73282932000074",
       directory::StructureKind::kPublic,
       accounts::Role::kMainManager,
       {}},
      {core::StructureId(2),
       "Durand SARL",
       "73282932000074",
       directory::StructureKind::kPrivate,
       accounts::Role::kUser,
       {}},
      {core::StructureId(3),
       "Foreign Ltd",
       "GB123",
       directory::StructureKind::kPrivate,
       accounts::Role::kSecondaryManager,
       {}},
  };
  mstch::map data;
  AddStructures(catalogue_, list, data);
  std::string html = Render(
      "{{#structures}}[{{name}}|{{identifier}}|{{kind}}|{{role}}|{{directory_href}}]"
      "{{/structures}}",
      data);
  EXPECT_EQ(html,
            "[Commune d&#39;Exemple|732 829 320 00074|Entité publique|Gestionnaire principal|"
            "&#x2F;annuaire?siret=73282932000074]"
            "[Durand SARL|732 829 320 00074|Entreprise|Utilisateur|]"
            "[Foreign Ltd|GB123|Entreprise|Gestionnaire secondaire|]");
}

TEST_F(ViewModelsTest, HomeShowsPendingRequestsToManagersAndTranslatesFigures) {
  platform::Actor actor;
  actor.display_name = "Claire Martin";
  actor.structures = {{core::StructureId(1),
                       "Commune",
                       "73282932000074",
                       directory::StructureKind::kPublic,
                       accounts::Role::kMainManager,
                       {}}};
  platform::HomeView view;
  view.structures = actor.structures;
  view.pending_attachment_requests = 3;
  view.figures = {{"figure.active_services", 1200}};
  mstch::map data = HomeData(catalogue_, actor, view);
  EXPECT_EQ(Render("{{greeting}}", data), "Bonjour Claire Martin");
  EXPECT_EQ(Render("{{#figures}}{{label}}={{value}};{{/figures}}", data),
            "Demandes de rattachement en attente=3;Services actifs=1\u202f200;");
  EXPECT_EQ(Render("{{#is_public}}P{{/is_public}}{{#is_supplier}}S{{/is_supplier}}"
                   "{{#is_manager}}M{{/is_manager}}{{#is_admin}}A{{/is_admin}}",
                   data),
            "PM");
}

TEST_F(ViewModelsTest, DirectoryResultSaysWhatADepositMustCarry) {
  platform::PublicStructureView view;
  view.structure.name = "Commune d'Exemple";
  view.structure.identifier = "73282932000074";
  view.structure.kind = directory::StructureKind::kPublic;
  view.structure.flags.service_code_required = true;
  view.structure.flags.payment_status_not_reported = true;
  directory::Service service;
  service.code = "FIN-01";
  service.name = "Service financier";
  service.engagement_number_required = true;
  service.valid_from = *core::Date::FromYmd(2026, 1, 1);
  view.services = {service};
  mstch::map data = DirectoryResult(catalogue_, view);
  EXPECT_EQ(Render("{{siret}}", data), "732 829 320 00074");
  EXPECT_EQ(Render("{{#requirements}}{{label}}: {{value}}; {{/requirements}}", data),
            "Code service: Obligatoire; Numéro d’engagement: Facultatif; "
            "Statut «\u00a0mise en paiement\u00a0»: Non communiqué aux fournisseurs; ");
  EXPECT_EQ(Render("{{#services}}{{code}} {{name}} {{engagement}} {{validity}}{{/services}}", data),
            "FIN-01 Service financier Obligatoire depuis le 01&#x2F;01&#x2F;2026");
  EXPECT_EQ(Render("{{#address}}A{{/address}}{{^address}}none{{/address}}", data), "none");
}

}  // namespace
}  // namespace choral::portal
