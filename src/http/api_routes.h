// The JSON API routes of this stage: health probes, the public directory and OAuth2 tokens.
#pragma once

#include "http/routes.h"
#include "platform/platform.h"

namespace choral::http {

// GET /health (liveness: answers from memory), GET /health/ready (readiness: the database
// answers), GET /api/v1/directory/structures/:siret (a public recipient and its services),
// POST /api/oauth/token (OAuth2 client credentials -> bearer token) and GET /api/v1/whoami (the
// structure and client a bearer token acts for; 401 with WWW-Authenticate without one).
// `platform` must outlive the routes.
void RegisterApiRoutes(Routes& routes, platform::Platform& platform);

}  // namespace choral::http
