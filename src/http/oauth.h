// OAuth2 on the wire (RFC 6749 §4.4 client credentials, RFC 6750 bearer tokens): reading a token
// request and an Authorization header, and the error answers both RFCs prescribe. No platform
// call here: api_routes.cc joins these to platform::ApiAccess.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "http/request.h"

namespace choral::http {

struct ClientCredentials {
  std::string client_id;
  std::string client_secret;
};

// An RFC 6749 §5.2 error: the `error` code and a sentence for the developer.
struct OAuthError {
  std::string error;  // invalid_request, invalid_client, unsupported_grant_type, ...
  std::string description;
};

// Reads POST /api/oauth/token: an application/x-www-form-urlencoded body with
// grant_type=client_credentials, the client authenticated by HTTP Basic (RFC 6749 §2.3.1, id and
// secret form-urlencoded before base64) or by client_id and client_secret in the body, not both.
// invalid_request for another content type, a malformed body, a repeated parameter or two
// authentication methods; unsupported_grant_type for another grant; invalid_client when no
// credentials are given.
tl::expected<ClientCredentials, OAuthError> ParseTokenRequest(const Request& request);

// The JSON answer to an OAuth error: 401 with WWW-Authenticate: Basic for invalid_client, 400
// otherwise (`status` overrides, e.g. 429).
Response OAuthErrorResponse(const OAuthError& error, std::optional<int> status = std::nullopt);

// The token of an "Authorization: Bearer <token>" header, or nullopt when there is none.
std::optional<std::string> BearerToken(const Request& request);

// 401 for a request without a valid bearer token (RFC 6750 §3): WWW-Authenticate names the
// realm, plus error="invalid_token" when a token was given but refused.
Response BearerChallenge(bool token_given);

// Standard base64 (RFC 4648 §4, padding required) to bytes; nullopt when malformed.
std::optional<std::string> DecodeBase64(std::string_view text);

}  // namespace choral::http
