#include "http/request.h"

#include <gtest/gtest.h>

namespace choral::http {
namespace {

TEST(RequestTest, FindsCookieAmongOthers) {
  Request request;
  request.headers["cookie"] = "a=1; choral_session=abc123; b=\"quoted\"";
  EXPECT_EQ(request.Cookie("choral_session"), "abc123");
  EXPECT_EQ(request.Cookie("b"), "quoted");
  EXPECT_EQ(request.Cookie("a"), "1");
  EXPECT_FALSE(request.Cookie("choral").has_value());
  EXPECT_FALSE(request.Cookie("missing").has_value());
}

TEST(RequestTest, NoCookieHeaderMeansNoCookie) {
  Request request;
  EXPECT_FALSE(request.Cookie("choral_session").has_value());
  EXPECT_EQ(request.Header("cookie"), "");
}

TEST(RequestTest, DecodesQueryParameters) {
  Request request;
  request.query = "siret=110%20009%20982&empty=&q=a+b";
  EXPECT_EQ(request.QueryParam("siret"), "110 009 982");
  EXPECT_EQ(request.QueryParam("empty"), "");
  EXPECT_EQ(request.QueryParam("q"), "a b");
  EXPECT_FALSE(request.QueryParam("other").has_value());
}

TEST(RequestTest, SessionCookieCarriesTheSecurityAttributes) {
  std::string cookie = SessionCookie("choral_session", "tok", false, -1);
  EXPECT_EQ(cookie, "choral_session=tok; Path=/; HttpOnly; SameSite=Strict");
  std::string secure = SessionCookie("choral_session", "tok", true, 3600);
  EXPECT_NE(secure.find("; Max-Age=3600"), std::string::npos);
  EXPECT_NE(secure.find("; Secure"), std::string::npos);
  EXPECT_NE(SessionCookie("x", "", false, 0).find("Max-Age=0"), std::string::npos);
}

TEST(ResponseTest, FactoriesSetStatusAndContentType) {
  Response html = Response::Html("<p>ok</p>", 404);
  EXPECT_EQ(html.status, 404);
  ASSERT_EQ(html.headers.size(), 1u);
  EXPECT_EQ(html.headers[0].second, "text/html; charset=utf-8");
  Response redirect = Response::Redirect("/login");
  EXPECT_EQ(redirect.status, 303);
  EXPECT_EQ(redirect.headers[0], (std::pair<std::string, std::string>{"Location", "/login"}));
  EXPECT_EQ(Response::Json("{}").headers[0].second, "application/json");
}

}  // namespace
}  // namespace choral::http
