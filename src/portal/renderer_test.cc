#include "portal/renderer.h"

#include <gtest/gtest.h>

#include "portal/messages_fr.h"
#include "portal/templates.h"

namespace choral::portal {
namespace {

class RendererTest : public ::testing::Test {
 protected:
  RendererTest() : catalogue_(*Catalogue::Build(FrenchMessages())), renderer_(catalogue_, "v1") {}

  platform::Actor Claire() {
    platform::Actor actor;
    actor.user_id = core::UserId(7);
    actor.email = "claire@example.fr";
    actor.display_name = "Claire Martin";
    actor.csrf_token = "c0ffee";
    return actor;
  }

  Catalogue catalogue_;
  Renderer renderer_;
};

TEST_F(RendererTest, LayoutIsFrenchWithSkipLinkAndFooter) {
  std::string html = renderer_.RenderHtml({"error", "Titre"}, nullptr);
  EXPECT_NE(html.find("<html lang=\"fr\">"), std::string::npos);
  EXPECT_NE(html.find("<title>Titre – Choral</title>"), std::string::npos);
  EXPECT_NE(html.find("href=\"#contenu\""), std::string::npos);
  EXPECT_NE(html.find("<main id=\"contenu\""), std::string::npos);
  EXPECT_NE(html.find("Accessibilité\u00a0: partiellement conforme"), std::string::npos);
  EXPECT_NE(html.find("/static/choral.css?v=v1"), std::string::npos);
  // Choral is not the State: none of its marks.
  EXPECT_EQ(html.find("République"), std::string::npos);
  EXPECT_EQ(html.find("Marianne"), std::string::npos);
  EXPECT_EQ(html.find("dsfr"), std::string::npos);
}

TEST_F(RendererTest, VisitorSeesOnlyPublicPagesAndALoginLink) {
  std::string html = renderer_.RenderHtml({"error", "x"}, nullptr);
  EXPECT_NE(html.find("href=\"/annuaire\""), std::string::npos);
  EXPECT_EQ(html.find("href=\"/compte\""), std::string::npos);
  EXPECT_EQ(html.find("/logout"), std::string::npos);
  EXPECT_NE(html.find("href=\"/login\""), std::string::npos);
}

TEST_F(RendererTest, LoggedInUserSeesNavigationNameAndLogoutFormWithCsrf) {
  platform::Actor actor = Claire();
  std::string html = renderer_.RenderHtml({"error", "x", NavEntry::kAccount}, &actor);
  EXPECT_NE(html.find("href=\"/\""), std::string::npos);
  EXPECT_NE(html.find("href=\"/compte\" aria-current=\"page\""), std::string::npos);
  EXPECT_EQ(html.find("href=\"/annuaire\" aria-current"), std::string::npos);
  EXPECT_NE(html.find("Claire Martin"), std::string::npos);
  EXPECT_NE(html.find("action=\"/logout\""), std::string::npos);
  EXPECT_NE(html.find("name=\"csrf_token\" value=\"c0ffee\""), std::string::npos);
}

TEST_F(RendererTest, NavigationOffersEachSideItsInvoicePagesOnly) {
  platform::Actor nobody = Claire();
  std::string html = renderer_.RenderHtml({"error", "x"}, &nobody);
  EXPECT_EQ(html.find("/factures/"), std::string::npos) << "no side: no invoice pages";

  platform::Actor supplier = Claire();
  supplier.structures = {{core::StructureId(2),
                          "Atelier",
                          "73282932000074",
                          directory::StructureKind::kPrivate,
                          accounts::Role::kUser,
                          {}}};
  Page page{"error", "x", NavEntry::kToProcess};
  page.to_process = 3;
  html = renderer_.RenderHtml(page, &supplier);
  EXPECT_NE(html.find("href=\"/factures/deposer\">Déposer une facture</a>"), std::string::npos);
  EXPECT_NE(html.find("href=\"/factures/emises\">Factures émises</a>"), std::string::npos);
  EXPECT_EQ(html.find("/factures/recues"), std::string::npos);
  EXPECT_NE(
      html.find("href=\"/factures/a-traiter\" aria-current=\"page\">À traiter "
                "<span class=\"badge rounded-pill choral-badge\" aria-hidden=\"true\">3</span>"
                "<span class=\"visually-hidden\">, 3 en attente</span></a>"),
      std::string::npos)
      << html;

  platform::Actor recipient = Claire();
  recipient.structures = {{core::StructureId(1),
                           "Ministère",
                           "11000998200015",
                           directory::StructureKind::kPublic,
                           accounts::Role::kUser,
                           {}}};
  page.to_process = 0;
  html = renderer_.RenderHtml(page, &recipient);
  EXPECT_NE(html.find("href=\"/factures/recues\">Factures reçues</a>"), std::string::npos);
  EXPECT_EQ(html.find("/factures/deposer"), std::string::npos);
  EXPECT_NE(html.find("href=\"/factures/a-traiter\""), std::string::npos);
  EXPECT_EQ(html.find("choral-badge"), std::string::npos) << "nothing waits: no badge";
}

TEST_F(RendererTest, EscapesUserData) {
  platform::Actor actor = Claire();
  actor.display_name = "<script>alert(\"x\")</script> O'Brien & co";
  Page page{"error", "<b>titre</b>"};
  page.data["error_title"] = std::string("<img src=x onerror=alert(1)>");
  page.data["error_text"] = std::string("\" onmouseover=\"alert(1)");
  std::string html = renderer_.RenderHtml(page, &actor);
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_EQ(html.find("<img src=x"), std::string::npos);
  EXPECT_EQ(html.find("<b>titre"), std::string::npos);
  EXPECT_EQ(html.find("\" onmouseover"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(html.find("&amp; co"), std::string::npos);
}

TEST_F(RendererTest, EscapesValuesInsideAttributes) {
  Page page{"login", "Connexion"};
  page.data = mstch::map{{"csrf_token", std::string("a\"><script>")},
                         {"email", std::string("x\" autofocus onfocus=\"alert(1)")},
                         {"has_error", false}};
  std::string html = renderer_.RenderHtml(page, nullptr);
  EXPECT_EQ(html.find("\"><script>"), std::string::npos);
  EXPECT_EQ(html.find("x\" autofocus"), std::string::npos);
}

TEST_F(RendererTest, EveryTemplateRendersWithoutLeftoverTags) {
  platform::Actor actor = Claire();
  for (const auto& [name, text] : Templates()) {
    if (name == "layout") continue;
    std::string html = renderer_.RenderHtml({name, "x"}, &actor);
    EXPECT_EQ(html.find("{{"), std::string::npos) << name;
    EXPECT_NE(html.find("</html>"), std::string::npos) << name;
  }
}

TEST_F(RendererTest, ResponseCarriesStatusAndSecurityHeaders) {
  Page page{"error", "x"};
  page.status = 404;
  http::Response response = renderer_.Render(page, nullptr);
  EXPECT_EQ(response.status, 404);
  auto has = [&](std::string_view name) {
    for (const auto& [key, value] : response.headers) {
      if (key == name) return true;
    }
    return false;
  };
  EXPECT_TRUE(has("Content-Type"));
  EXPECT_TRUE(has("Content-Security-Policy"));
  EXPECT_TRUE(has("Cache-Control"));
  EXPECT_TRUE(has("X-Frame-Options"));
}

}  // namespace
}  // namespace choral::portal
