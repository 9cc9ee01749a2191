#include "portal/directory_search_data.h"

#include <gtest/gtest.h>

#include "portal/messages_fr.h"

namespace choral::portal {
namespace {

directory::Structure PublicStructure(std::string name, std::string siret) {
  directory::Structure structure;
  structure.kind = directory::StructureKind::kPublic;
  structure.name = std::move(name);
  structure.identifier = std::move(siret);
  structure.address = "1 place de la Mairie, 34170 Saint-Aubin";
  return structure;
}

TEST(DirectorySearchDataTest, ListsEachStructureWithTheReferencesItRequires) {
  Catalogue catalogue = *Catalogue::Build(FrenchMessages());
  platform::DirectorySearchResult result;
  result.structures.push_back(PublicStructure("Mairie", "21340158100011"));
  result.structures[0].flags.service_code_required = true;
  result.structures[0].flags.engagement_number_required = true;
  result.structures.push_back(PublicStructure("Hôpital", "26750813300019"));
  result.structures[1].flags.service_code_or_engagement_required = true;
  result.structures.push_back(PublicStructure("Musée", "11000998200015"));
  result.total = 45;
  mstch::map data = DirectorySearchData(catalogue, result, "saint aubin", 2, 20);
  EXPECT_EQ(mstch::render("{{count}}", data), "45 entités publiques trouvées");
  EXPECT_EQ(mstch::render("{{#results}}{{name}} {{siret}} {{href}}|{{/results}}", data),
            "Mairie 213 401 581 00011 &#x2F;annuaire?siret=21340158100011|"
            "Hôpital 267 508 133 00019 &#x2F;annuaire?siret=26750813300019|"
            "Musée 110 009 982 00015 &#x2F;annuaire?siret=11000998200015|");
  EXPECT_EQ(mstch::render("{{#results}}{{#badges}}{{text}}{{#strong}}!{{/strong}};{{/badges}}|"
                          "{{/results}}",
                          data),
            "Code service obligatoire!;Numéro d’engagement obligatoire!;|"
            "Code service ou numéro d’engagement obligatoire!;|"
            "Aucune référence exigée;|");
  EXPECT_EQ(mstch::render("{{page_text}} {{{previous_href}}} {{{next_href}}}", data),
            "Page 2 sur 3 /annuaire?q=saint%20aubin&page=1 /annuaire?q=saint%20aubin&page=3");
}

TEST(DirectorySearchDataTest, OneOrNoResult) {
  Catalogue catalogue = *Catalogue::Build(FrenchMessages());
  platform::DirectorySearchResult result;
  mstch::map none = DirectorySearchData(catalogue, result, "x", 1, 20);
  EXPECT_EQ(mstch::render("{{count}}{{#has_results}}!{{/has_results}}{{#paginated}}p{{/paginated}}",
                          none),
            "Aucune entité publique trouvée");
  result.structures.push_back(PublicStructure("Mairie", "21340158100011"));
  result.total = 1;
  EXPECT_EQ(mstch::render("{{count}}", DirectorySearchData(catalogue, result, "x", 1, 20)),
            "1 entité publique trouvée");
}

}  // namespace
}  // namespace choral::portal
