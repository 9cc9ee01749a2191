#include "cli/route_table.h"

#include <filesystem>
#include <utility>

#include "http/api_routes.h"
#include "http/cpro_routes.h"
#include "portal/portal.h"

namespace choral::cli {

std::string FindWebRoot(const std::string& configured) {
  if (!configured.empty()) return configured;
  std::error_code error;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) return "web";
  auto dir = exe.parent_path();
  for (const auto& candidate :
       {dir / "web", dir / ".." / ".." / "web", dir / ".." / "share" / "choral" / "web"}) {
    if (std::filesystem::is_directory(candidate / "static", error)) {
      return std::filesystem::weakly_canonical(candidate, error).string();
    }
  }
  return (dir / "web").string();
}

core::Status RegisterAllRoutes(http::Routes& routes, platform::Platform& platform,
                               const Config& config) {
  http::RegisterApiRoutes(routes, platform);
  http::RegisterCproRoutes(routes, platform);
  portal::PortalOptions portal_options;
  portal_options.web_root = FindWebRoot(config.web_root);
  if (auto registered = portal::RegisterPortal(routes, platform, portal_options); !registered) {
    return core::Fail(registered.error());
  }
  auto not_found = portal::NotFoundHandler(platform, portal_options);
  if (!not_found) return core::Fail(not_found.error());
  routes.SetNotFound(std::move(*not_found));
  return core::Ok();
}

}  // namespace choral::cli
