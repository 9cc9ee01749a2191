// The routes `choral serve` answers: the API's and the portal's, in one table. Shared by
// `serve` and by `admin routes`, so the route list the authorization test reads is the served one.
#pragma once

#include <string>

#include "cli/config.h"
#include "core/result.h"
#include "http/routes.h"
#include "platform/platform.h"

namespace choral::cli {

// The assets folder: the configured one, else the first of the places a build or an install
// puts it beside the executable.
std::string FindWebRoot(const std::string& configured);

// Registers every route and the not-found page on `routes`; fails when the portal's assets
// cannot be loaded. `platform` must outlive `routes`.
core::Status RegisterAllRoutes(http::Routes& routes, platform::Platform& platform,
                               const Config& config);

}  // namespace choral::cli
