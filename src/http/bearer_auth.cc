#include "http/bearer_auth.h"

#include "http/error_status.h"
#include "http/oauth.h"

namespace choral::http {

std::variant<platform::Actor, Response> AuthenticateBearer(platform::Platform& platform,
                                                           const Request& request) {
  std::optional<std::string> token = BearerToken(request);
  if (!token) return BearerChallenge(false);
  auto actor = platform.api_access().AuthenticateBearer(*token);
  if (!actor) {
    if (actor.error().code == core::ErrorCode::kPermissionDenied) return BearerChallenge(true);
    return JsonError(actor.error());
  }
  return std::move(*actor);
}

}  // namespace choral::http
