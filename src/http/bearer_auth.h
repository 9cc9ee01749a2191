// The actor an API request's bearer token acts for, shared by every bearer-protected route.
#pragma once

#include <variant>

#include "http/request.h"
#include "platform/actor.h"
#include "platform/platform.h"

namespace choral::http {

// The actor behind the request's bearer token, or the response to send instead: 401 with
// WWW-Authenticate: Bearer (RFC 6750 §3) without a token or with one that is not valid, the
// error's status otherwise.
std::variant<platform::Actor, Response> AuthenticateBearer(platform::Platform& platform,
                                                           const Request& request);

}  // namespace choral::http
