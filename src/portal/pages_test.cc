// Page handlers that answer without a database: the store here refuses every transaction, so any
// page that reaches it shows how the portal renders a platform failure.
#include "portal/pages.h"

#include <gtest/gtest.h>

#include "http/error_status.h"
#include "http/routes.h"
#include "portal/portal.h"

namespace choral::portal {
namespace {

class UnreachableBlobs final : public store::BlobStore {
 public:
  core::Result<std::string> Put(std::string_view) override { return Down(); }
  core::Result<std::string> Get(std::string_view) const override { return Down(); }
  core::Result<bool> Exists(std::string_view) const override {
    return core::Fail(core::ErrorCode::kUnavailable, "database down");
  }
  core::Status ForEach(
      const std::function<core::Status(const std::string&, const std::string&)>&) const override {
    return core::Fail(core::ErrorCode::kUnavailable, "database down");
  }

 private:
  static core::Result<std::string> Down() {
    return core::Fail(core::ErrorCode::kUnavailable, "database down");
  }
};

class UnreachableStore final : public store::Store {
 public:
  core::Status Write(const std::function<core::Status(store::Transaction&)>&) override {
    return core::Fail(core::ErrorCode::kUnavailable, "database down");
  }
  core::Status Read(const std::function<core::Status(store::Transaction&)>&) const override {
    return core::Fail(core::ErrorCode::kUnavailable, "database down");
  }
  store::BlobStore& blobs() override { return blobs_; }
  core::Result<store::VerifyReport> Verify() const override {
    return core::Fail(core::ErrorCode::kUnavailable, "database down");
  }
  std::string_view backend_name() const override { return "unreachable"; }

 private:
  UnreachableBlobs blobs_;
};

std::string HeaderOf(const http::Response& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return "";
}

std::vector<std::string> Cookies(const http::Response& response) {
  std::vector<std::string> cookies;
  for (const auto& [key, value] : response.headers) {
    if (key == "Set-Cookie") cookies.push_back(value);
  }
  return cookies;
}

class PagesTest : public ::testing::Test {
 protected:
  PagesTest() : clock_(core::Timestamp{}), platform_(store_, clock_, FastHashing()) {
    PortalOptions options;
    options.web_root = CHORAL_WEB_ROOT;
    auto status = RegisterPortal(routes_, platform_, options);
    EXPECT_TRUE(status) << status.error().ToString();
    auto not_found = NotFoundHandler(platform_, options);
    EXPECT_TRUE(not_found);
    not_found_ = *not_found;
  }

  static platform::PlatformOptions FastHashing() {
    platform::PlatformOptions options;
    options.password_cost = platform::PasswordHasher::Minimal();
    return options;
  }

  http::Response Call(std::string method, std::string pattern, http::Request request) {
    request.method = method;
    for (const http::Route& route : routes_.all()) {
      if (route.method == method && route.pattern == pattern) return route.handler(request);
    }
    ADD_FAILURE() << "no route " << method << " " << pattern;
    return {};
  }

  static http::Request WithCookie(std::string cookie, std::string body = "") {
    http::Request request;
    request.headers["cookie"] = std::move(cookie);
    request.body = std::move(body);
    return request;
  }

  UnreachableStore store_;
  core::FixedClock clock_;
  platform::Platform platform_;
  http::Routes routes_;
  http::Handler not_found_;
};

TEST_F(PagesTest, RegistersEveryPageAndStaticAssetsInline) {
  std::vector<std::string> seen;
  for (const http::Route& route : routes_.all()) {
    seen.push_back(route.method + " " + route.pattern);
    EXPECT_EQ(route.dispatch == http::Dispatch::kInline, route.pattern.starts_with("/static/"));
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"GET /login",
                                            "POST /login",
                                            "POST /logout",
                                            "GET /",
                                            "GET /annuaire",
                                            "GET /compte",
                                            "POST /compte/profil",
                                            "POST /compte/mot-de-passe",
                                            "GET /inscription",
                                            "POST /inscription",
                                            "GET /activation",
                                            "GET /activation/renvoyer",
                                            "POST /activation/renvoyer",
                                            "GET /mot-de-passe/oubli",
                                            "POST /mot-de-passe/oubli",
                                            "GET /mot-de-passe/nouveau",
                                            "POST /mot-de-passe/nouveau",
                                            "GET /verifier",
                                            "POST /verifier",
                                            "GET /factures/deposer",
                                            "POST /factures/deposer/lecture",
                                            "POST /factures/deposer",
                                            "POST /factures/deposer/lot",
                                            "GET /factures/deposer/brouillons/:draft(\\d+)",
                                            "GET /factures/deposer/brouillons/:draft(\\d+)/pages/"
                                            ":page(\\d+).png",
                                            "GET /factures/emises",
                                            "GET /factures/recues",
                                            "GET /factures/a-traiter",
                                            "GET /factures/emises.csv",
                                            "GET /factures/recues.csv",
                                            "GET /factures/a-traiter.csv",
                                            "GET /factures/:id(\\d+)/pdf",
                                            "GET /factures/:id(\\d+)",
                                            "GET /factures/:id(\\d+)/accuse-de-depot",
                                            "POST /factures/:id(\\d+)/statut",
                                            "GET /factures/:id(\\d+)/pieces/:piece(\\d+)",
                                            "POST /factures/:id(\\d+)/acquittement",
                                            "GET /flux",
                                            "GET /flux/deposer",
                                            "POST /flux/deposer",
                                            "GET /flux/:number(CPP\\d+)",
                                            "GET /flux/:number(CPP\\d+)/compte-rendu.pdf",
                                            "POST /avis",
                                            "GET /notifications",
                                            "GET /connexions-api",
                                            "POST /connexions-api/comptes",
                                            "POST /connexions-api/clients",
                                            "POST /connexions-api/comptes/:id(\\d+)/mot-de-passe",
                                            "POST /connexions-api/comptes/:id(\\d+)/revocation",
                                            "POST /connexions-api/clients/:id(\\d+)/revocation",
                                            "GET /gestion",
                                            "GET /gestion/:structure(\\d+)",
                                            "POST /gestion/:structure(\\d+)/decision",
                                            "POST /gestion/:structure(\\d+)/rattacher",
                                            "GET /gestion/:structure(\\d+)/utilisateurs.csv",
                                            "POST /gestion/:structure(\\d+)/espaces",
                                            "GET /gestion/:structure(\\d+)/services",
                                            "POST /gestion/:structure(\\d+)/services",
                                            "GET /support/gestionnaire-principal",
                                            "POST /support/gestionnaire-principal",
                                            "POST /support/desactivation",
                                            "GET /compte/fermeture",
                                            "POST /compte/fermeture",
                                            "GET /rattachement",
                                            "POST /rattachement",
                                            "GET /compte/rattachements/:structure(\\d+)/passation",
                                            "POST /compte/rattachements/:structure(\\d+)/passation",
                                            "GET /static/:path(.*)"}));
}

TEST_F(PagesTest, RefusesAMissingWebRoot) {
  http::Routes routes;
  PortalOptions options;
  options.web_root = "/nonexistent/web";
  auto status = RegisterPortal(routes, platform_, options);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, core::ErrorCode::kUnavailable);
  EXPECT_TRUE(routes.all().empty());
}

TEST_F(PagesTest, LoginFormSetsADoubleSubmitToken) {
  http::Response response = Call("GET", "/login", {});
  EXPECT_EQ(response.status, 200);
  std::vector<std::string> cookies = Cookies(response);
  ASSERT_EQ(cookies.size(), 1u);
  EXPECT_TRUE(cookies[0].starts_with("choral_csrf=")) << cookies[0];
  EXPECT_NE(cookies[0].find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookies[0].find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(cookies[0].find("Secure"), std::string::npos);
  std::string token = cookies[0].substr(12, 64);
  EXPECT_NE(response.body.find("name=\"csrf_token\" value=\"" + token + "\""), std::string::npos);
  EXPECT_NE(response.body.find("Adresse e-mail"), std::string::npos);

  // A returning visitor keeps the token the cookie already holds.
  std::string kept(64, 'a');
  http::Response again = Call("GET", "/login", WithCookie("choral_csrf=" + kept));
  EXPECT_TRUE(Cookies(again).empty());
  EXPECT_NE(again.body.find("value=\"" + kept + "\""), std::string::npos);
}

TEST_F(PagesTest, SecureRequestsGetSecureCookies) {
  http::Request request;
  request.secure = true;
  std::vector<std::string> cookies = Cookies(Call("GET", "/login", request));
  ASSERT_EQ(cookies.size(), 1u);
  EXPECT_NE(cookies[0].find("; Secure"), std::string::npos);
}

TEST_F(PagesTest, LoginWithoutOrWithAWrongCsrfTokenIsForbidden) {
  std::string token(64, 'b');
  for (http::Request request :
       {WithCookie("", "email=a%40b.fr&password=x"),
        WithCookie("choral_csrf=" + token, "email=a%40b.fr&password=x"),
        WithCookie("choral_csrf=" + token, "csrf_token=" + std::string(64, 'c') + "&email=a"),
        WithCookie("", "csrf_token=&email=a%40b.fr&password=x")}) {
    http::Response response = Call("POST", "/login", request);
    EXPECT_EQ(response.status, 403);
    EXPECT_NE(response.body.find("Action refusée"), std::string::npos);
    EXPECT_TRUE(Cookies(response).empty());
  }
}

TEST_F(PagesTest, LoginWithEmptyFieldsSaysSoAndKeepsTheEmail) {
  std::string token(64, 'b');
  http::Response response =
      Call("POST", "/login",
           WithCookie("choral_csrf=" + token,
                      "csrf_token=" + token + "&email=claire%40example.fr&password="));
  EXPECT_EQ(response.status, 200);
  EXPECT_NE(response.body.find("role=\"alert\""), std::string::npos);
  EXPECT_NE(response.body.find("Saisissez votre adresse e-mail et votre mot de passe."),
            std::string::npos);
  EXPECT_NE(response.body.find("value=\"claire@example.fr\""), std::string::npos);
}

TEST_F(PagesTest, MalformedFormIsABadRequestPage) {
  http::Response response = Call("POST", "/login", WithCookie("choral_csrf=x", "csrf_token=%zz"));
  EXPECT_EQ(response.status, http::HttpStatusFor(core::ErrorCode::kMalformedInput));
  EXPECT_NE(response.body.find("Requête invalide"), std::string::npos);
}

TEST_F(PagesTest, PagesForPeopleRedirectVisitorsToLogin) {
  for (std::string path : {"/", "/compte", "/factures/deposer", "/factures/emises",
                           "/factures/recues", "/factures/a-traiter"}) {
    http::Response response = Call("GET", path, {});
    EXPECT_EQ(response.status, 303) << path;
    EXPECT_EQ(HeaderOf(response, "Location"), "/login");
  }
}

TEST_F(PagesTest, InvoiceFormsWithoutSessionGoToLogin) {
  for (std::string pattern : {"/factures/deposer", "/factures/deposer/lecture"}) {
    http::Response response = Call("POST", pattern, {});
    EXPECT_EQ(response.status, 303) << pattern;
    EXPECT_EQ(HeaderOf(response, "Location"), "/login");
  }
  for (std::string method : {"GET", "POST"}) {
    http::Request request;
    request.path_params["id"] = "42";
    std::string pattern = method == "GET" ? "/factures/:id(\\d+)" : "/factures/:id(\\d+)/statut";
    http::Response response = Call(method, pattern, request);
    EXPECT_EQ(response.status, 303) << pattern;
  }
}

TEST_F(PagesTest, InvoicePagesShowTheUnavailablePageWhenTheDatabaseIsDown) {
  http::Request request = WithCookie("choral_session=" + std::string(64, 'd'));
  request.path_params["id"] = "42";
  EXPECT_GE(Call("GET", "/factures/:id(\\d+)", request).status, 500);
  EXPECT_GE(Call("GET", "/factures/a-traiter", request).status, 500);
  request.headers["content-type"] = "multipart/form-data; boundary=x";
  request.body = "--x--";
  EXPECT_GE(Call("POST", "/factures/deposer/lecture", request).status, 500);
}

TEST_F(PagesTest, LogoutWithoutSessionGoesToLogin) {
  http::Response response = Call("POST", "/logout", {});
  EXPECT_EQ(response.status, 303);
  EXPECT_EQ(HeaderOf(response, "Location"), "/login");
}

TEST_F(PagesTest, DatabaseFailureRendersTheUnavailablePage) {
  http::Request request = WithCookie("choral_session=" + std::string(64, 'd'));
  request.request_id = "req-42";
  http::Response response = Call("GET", "/", request);
  EXPECT_GE(response.status, 500);
  EXPECT_NE(response.body.find("<html lang=\"fr\">"), std::string::npos);
  EXPECT_NE(response.body.find("req-42"), std::string::npos);
  EXPECT_EQ(response.body.find("database down"), std::string::npos);
}

TEST_F(PagesTest, DirectoryFormWorksForVisitorsAndNamesTheFieldInErrors) {
  http::Response empty = Call("GET", "/annuaire", {});
  EXPECT_EQ(empty.status, 200);
  EXPECT_NE(empty.body.find("SIRET, nom ou ville"), std::string::npos);
  EXPECT_EQ(empty.body.find("role=\"alert\""), std::string::npos);

  http::Request bad;
  bad.query = "siret=123";
  http::Response response = Call("GET", "/annuaire", bad);
  EXPECT_EQ(response.status, 200);
  EXPECT_NE(response.body.find("role=\"alert\""), std::string::npos);
  EXPECT_NE(response.body.find("SIRET\u00a0: «\u00a0123\u00a0» doit comporter 14 chiffres."),
            std::string::npos);
  EXPECT_NE(response.body.find("aria-invalid=\"true\""), std::string::npos);

  http::Request valid;
  valid.query = "siret=73282932000074";
  EXPECT_GE(Call("GET", "/annuaire", valid).status, 500);  // the store is down
}

TEST_F(PagesTest, DirectorySearchOfACompleteSiretGoesToItsDetail) {
  http::Request exact;
  exact.query = "q=732+829+320+00074";
  http::Response response = Call("GET", "/annuaire", exact);
  EXPECT_EQ(response.status, 303);
  EXPECT_EQ(HeaderOf(response, "Location"), "/annuaire?siret=73282932000074");

  http::Request too_long;
  too_long.query = "q=" + std::string(101, 'a');
  http::Response error = Call("GET", "/annuaire", too_long);
  EXPECT_EQ(error.status, 200);
  EXPECT_NE(error.body.find("au plus 100 caractères"), std::string::npos);
  EXPECT_NE(error.body.find("aria-invalid=\"true\""), std::string::npos);
}

TEST_F(PagesTest, StaticAssetsAndTraversal) {
  http::Request css;
  css.path_params["path"] = "choral.css";
  http::Response response = Call("GET", "/static/:path(.*)", css);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(HeaderOf(response, "Content-Type"), "text/css; charset=utf-8");
  http::Request escape;
  escape.path_params["path"] = "../../CMakeCache.txt";
  EXPECT_EQ(Call("GET", "/static/:path(.*)", escape).status, 404);
}

TEST_F(PagesTest, UnknownPageIsAFrench404) {
  http::Request request;
  request.method = "GET";
  request.path = "/nulle-part";
  http::Response response = not_found_(request);
  EXPECT_EQ(response.status, 404);
  EXPECT_NE(response.body.find("Page introuvable"), std::string::npos);
  EXPECT_NE(response.body.find("href=\"/annuaire\""), std::string::npos);
}

TEST(CsrfTest, ComparesNonEmptyTokensOnly) {
  EXPECT_TRUE(CsrfMatches("abc", "abc"));
  EXPECT_FALSE(CsrfMatches("abc", "abd"));
  EXPECT_FALSE(CsrfMatches("", ""));
  EXPECT_FALSE(CsrfMatches("abc", ""));
  EXPECT_FALSE(CsrfMatches("ab", "abc"));
}

}  // namespace
}  // namespace choral::portal
