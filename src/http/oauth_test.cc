#include "http/oauth.h"

#include <gtest/gtest.h>

namespace choral::http {
namespace {

Request TokenRequest(std::string body, std::string authorization = "") {
  Request request;
  request.method = "POST";
  request.path = "/api/oauth/token";
  request.headers["content-type"] = "application/x-www-form-urlencoded; charset=UTF-8";
  if (!authorization.empty()) request.headers["authorization"] = authorization;
  request.body = std::move(body);
  return request;
}

std::string Header(const Response& response, std::string_view name) {
  for (const auto& [n, v] : response.headers) {
    if (n == name) return v;
  }
  return "";
}

TEST(OAuthTest, ReadsCredentialsFromTheBody) {
  auto parsed = ParseTokenRequest(
      TokenRequest("grant_type=client_credentials&client_id=choral-1&client_secret=s%2Bx"));
  ASSERT_TRUE(parsed) << parsed.error().description;
  EXPECT_EQ(parsed->client_id, "choral-1");
  EXPECT_EQ(parsed->client_secret, "s+x");
}

TEST(OAuthTest, ReadsCredentialsFromHttpBasic) {
  // base64("choral-1:s%2Bx:y") — the secret form-urlencoded as RFC 6749 §2.3.1 asks.
  auto parsed = ParseTokenRequest(
      TokenRequest("grant_type=client_credentials", "Basic Y2hvcmFsLTE6cyUyQng6eQ=="));
  ASSERT_TRUE(parsed) << parsed.error().description;
  EXPECT_EQ(parsed->client_id, "choral-1");
  EXPECT_EQ(parsed->client_secret, "s+x:y");
}

TEST(OAuthTest, RefusesWhatRfc6749Refuses) {
  auto error = [](const Request& request) { return ParseTokenRequest(request).error().error; };
  Request json = TokenRequest("{}");
  json.headers["content-type"] = "application/json";
  EXPECT_EQ(error(json), "invalid_request");
  EXPECT_EQ(error(TokenRequest("client_id=a&client_secret=b")), "invalid_request");
  EXPECT_EQ(error(TokenRequest("grant_type=password&client_id=a&client_secret=b")),
            "unsupported_grant_type");
  EXPECT_EQ(error(TokenRequest("grant_type=client_credentials")), "invalid_client");
  EXPECT_EQ(error(TokenRequest("grant_type=client_credentials&client_id=a")), "invalid_client");
  EXPECT_EQ(
      error(TokenRequest("grant_type=client_credentials&client_id=a&client_id=b&client_secret=c")),
      "invalid_request");
  EXPECT_EQ(error(TokenRequest("grant_type=client_credentials&client_id=a&client_secret=b",
                               "Basic YTpi")),
            "invalid_request");  // two ways at once
  EXPECT_EQ(error(TokenRequest("grant_type=client_credentials", "Basic !!!")), "invalid_client");
  EXPECT_EQ(error(TokenRequest("grant_type=client_credentials", "Digest x")), "invalid_client");
}

TEST(OAuthTest, ErrorAnswersFollowRfc6749AndRfc6750) {
  Response client = OAuthErrorResponse({"invalid_client", "no"});
  EXPECT_EQ(client.status, 401);
  EXPECT_EQ(Header(client, "WWW-Authenticate"), "Basic realm=\"choral\"");
  EXPECT_EQ(Header(client, "Cache-Control"), "no-store");
  EXPECT_EQ(client.body, R"({"error":"invalid_client","error_description":"no"})");
  EXPECT_EQ(OAuthErrorResponse({"unsupported_grant_type", "x"}).status, 400);

  Response missing = BearerChallenge(false);
  EXPECT_EQ(missing.status, 401);
  EXPECT_EQ(Header(missing, "WWW-Authenticate"), "Bearer realm=\"choral\"");
  EXPECT_EQ(Header(BearerChallenge(true), "WWW-Authenticate"),
            "Bearer realm=\"choral\", error=\"invalid_token\"");
}

TEST(OAuthTest, FindsTheBearerToken) {
  Request request;
  EXPECT_FALSE(BearerToken(request));
  request.headers["authorization"] = "bearer  abc ";
  EXPECT_EQ(BearerToken(request), "abc");
  request.headers["authorization"] = "Basic abc";
  EXPECT_FALSE(BearerToken(request));
}

TEST(OAuthTest, DecodesBase64) {
  EXPECT_EQ(DecodeBase64("YTpi"), "a:b");
  EXPECT_EQ(DecodeBase64("YQ=="), "a");
  EXPECT_EQ(DecodeBase64("YWI="), "ab");
  EXPECT_EQ(DecodeBase64(""), "");
  EXPECT_FALSE(DecodeBase64("YQ="));
  EXPECT_FALSE(DecodeBase64("Y=Q="));
  EXPECT_FALSE(DecodeBase64("YQ!="));
}

}  // namespace
}  // namespace choral::http
