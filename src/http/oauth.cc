#include "http/oauth.h"

#include <nlohmann/json.hpp>

#include "http/form.h"

namespace choral::http {
namespace {

constexpr std::string_view kRealm = "choral";

tl::unexpected<OAuthError> Refuse(std::string error, std::string description) {
  return tl::unexpected<OAuthError>(OAuthError{std::move(error), std::move(description)});
}

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char a = text[i], b = prefix[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
    if (a != b) return false;
  }
  return true;
}

std::string_view Trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

}  // namespace

std::optional<std::string> DecodeBase64(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::string out;
  for (size_t i = 0; i < text.size(); i += 4) {
    int v[4];
    int padding = 0;
    for (int k = 0; k < 4; ++k) {
      char c = text[i + k];
      // Padding only at the very end, and at most two characters of it.
      if (c == '=' && i + 4 == text.size() && k >= 2) {
        v[k] = 0;
        ++padding;
        continue;
      }
      if (padding > 0) return std::nullopt;
      v[k] = Base64Value(c);
      if (v[k] < 0) return std::nullopt;
    }
    uint32_t block = (v[0] << 18) | (v[1] << 12) | (v[2] << 6) | v[3];
    out += static_cast<char>((block >> 16) & 0xFF);
    if (padding < 2) out += static_cast<char>((block >> 8) & 0xFF);
    if (padding < 1) out += static_cast<char>(block & 0xFF);
  }
  return out;
}

tl::expected<ClientCredentials, OAuthError> ParseTokenRequest(const Request& request) {
  std::string_view type = request.Header("content-type");
  if (!StartsWithNoCase(Trimmed(type), "application/x-www-form-urlencoded")) {
    return Refuse("invalid_request", "the body must be application/x-www-form-urlencoded");
  }
  auto form = Form::Parse(request.body, 20);
  if (!form) return Refuse("invalid_request", form.error().message);
  for (const char* name : {"grant_type", "client_id", "client_secret", "scope"}) {
    if (form->GetAll(name).size() > 1) {
      return Refuse("invalid_request", std::string(name) + " is given more than once");
    }
  }
  if (!form->Has("grant_type")) return Refuse("invalid_request", "grant_type is missing");
  if (form->Get("grant_type") != "client_credentials") {
    return Refuse("unsupported_grant_type", "only grant_type=client_credentials is supported");
  }

  ClientCredentials credentials;
  std::string_view authorization = Trimmed(request.Header("authorization"));
  bool in_body = form->Has("client_id") || form->Has("client_secret");
  if (!authorization.empty()) {
    if (in_body) {
      return Refuse("invalid_request", "authenticate the client one way: Basic or the body");
    }
    if (!StartsWithNoCase(authorization, "basic ")) {
      return Refuse("invalid_client", "the client must authenticate with HTTP Basic");
    }
    auto decoded = DecodeBase64(Trimmed(authorization.substr(6)));
    size_t colon = decoded ? decoded->find(':') : std::string::npos;
    if (colon == std::string::npos) {
      return Refuse("invalid_client", "the Basic credentials are malformed");
    }
    // RFC 6749 §2.3.1: both parts were form-urlencoded before base64.
    auto id = PercentDecode(std::string_view(*decoded).substr(0, colon), true);
    auto secret = PercentDecode(std::string_view(*decoded).substr(colon + 1), true);
    if (!id || !secret) return Refuse("invalid_client", "the Basic credentials are malformed");
    credentials = {*id, *secret};
  } else {
    credentials = {form->Get("client_id"), form->Get("client_secret")};
  }
  if (credentials.client_id.empty() || credentials.client_secret.empty()) {
    return Refuse("invalid_client", "client_id and client_secret are required");
  }
  return credentials;
}

Response OAuthErrorResponse(const OAuthError& error, std::optional<int> status) {
  bool client = error.error == "invalid_client";
  nlohmann::json body = {{"error", error.error}, {"error_description", error.description}};
  Response response = Response::Json(body.dump(), status.value_or(client ? 401 : 400));
  if (client) {
    response.AddHeader("WWW-Authenticate", "Basic realm=\"" + std::string(kRealm) + "\"");
  }
  response.AddHeader("Cache-Control", "no-store").AddHeader("Pragma", "no-cache");
  return response;
}

std::optional<std::string> BearerToken(const Request& request) {
  std::string_view authorization = Trimmed(request.Header("authorization"));
  if (!StartsWithNoCase(authorization, "bearer ")) return std::nullopt;
  std::string_view token = Trimmed(authorization.substr(7));
  if (token.empty()) return std::nullopt;
  return std::string(token);
}

Response BearerChallenge(bool token_given) {
  std::string challenge = "Bearer realm=\"" + std::string(kRealm) + "\"";
  nlohmann::json body;
  if (token_given) {
    challenge += ", error=\"invalid_token\"";
    body = {{"error", "invalid_token"},
            {"error_description", "the access token is unknown, revoked or expired"}};
  } else {
    body = {{"error", "invalid_request"},
            {"error_description", "an Authorization: Bearer token is required"}};
  }
  Response response = Response::Json(body.dump(), 401);
  response.AddHeader("WWW-Authenticate", challenge);
  return response;
}

}  // namespace choral::http
