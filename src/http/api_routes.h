// The JSON API routes of this stage: health probes and the public directory.
#pragma once

#include "http/routes.h"
#include "platform/platform.h"

namespace choral::http {

// GET /health (liveness: answers from memory), GET /health/ready (readiness: the database
// answers), GET /api/v1/directory/structures/:siret (a public recipient and its services).
// `platform` must outlive the routes.
void RegisterApiRoutes(Routes& routes, platform::Platform& platform);

}  // namespace choral::http
